import { useState } from 'react'
import { patternProblem } from '@contract/fields'
import { AMOUNT, ORDER_NO, REFUND_NO, readAmount } from '@contract/staffFields'
import type { RefundResult } from '@contract/points'
import { formatYuan } from '../../../components/AmountInput'
import type { Till } from '../../../hooks/useTill'
import { toast } from '../../validation'
import { ActionForm, ActionResult, AmountField, ResultLine, TextField, useAction } from '../ActionForm'

/** 退款: a full or partial refund takes back the order's points in proportion, once per refund number. */
export function RefundForm({ till }: { till: Till }) {
  const [orderNo, setOrderNo] = useState('')
  const [refundId, setRefundId] = useState('')
  const [amountText, setAmountText] = useState('')
  const action = useAction<RefundResult>()
  const orderError = patternProblem(orderNo, ORDER_NO)
  const refundError = patternProblem(refundId, REFUND_NO)
  const amount = readAmount(amountText)

  async function confirm() {
    const problem = orderError ?? refundError ?? amount.error
    if (problem !== null || amount.value === null) return toast(problem ?? AMOUNT.empty)
    const content = `原单号 ${orderNo.trim()}\n退款单号 ${refundId.trim()}\n退款金额 ${formatYuan(amount.value)}\n将按比例扣回该单积分`
    if (await action.run({ title: '确认退款', content }, () => till.refund(orderNo.trim(), refundId.trim(), amount.value))) {
      setRefundId('')
      setAmountText('')
    }
  }

  const { result } = action
  return (
    <>
      <ActionForm submitLabel='确认退款' onSubmit={confirm} busy={action.busy} testId='refund-submit'>
        <TextField
          label='原单号'
          placeholder='消费时的单号'
          value={orderNo}
          onChange={setOrderNo}
          maxlength={ORDER_NO.maxLength}
          error={orderError}
          serverError={action.fieldErrors.orderNo}
          testId='refund-order'
        />
        <TextField
          label='退款单号'
          placeholder='每笔退款一个单号'
          value={refundId}
          onChange={setRefundId}
          maxlength={REFUND_NO.maxLength}
          error={refundError}
          serverError={action.fieldErrors.refundId}
          testId='refund-id'
        />
        <AmountField label='退款金额' value={amountText} onChange={setAmountText} error={amount.error} serverError={action.fieldErrors.amount} testId='refund-amount' />
      </ActionForm>
      {result && (
        <ActionResult
          testId='refund-result'
          warn={result.duplicate && '该退款单号已处理，以下为原结果'}
          title={`退款 ${result.refundId}`}
          figure={`-${result.pointsReversed.toLocaleString('zh-CN')} 积分`}
        >
          {result.shortfall > 0 && <ResultLine warn>其中 {result.shortfall.toLocaleString('zh-CN')} 积分已被使用，无法扣回，已记录差额</ResultLine>}
          <ResultLine>会员当前余额 {result.pointsBalance.toLocaleString('zh-CN')} 积分</ResultLine>
        </ActionResult>
      )}
    </>
  )
}
