import { useState } from 'react'
import { patternProblem } from '@contract/fields'
import { AMOUNT, ORDER_NO, readAmount } from '@contract/staffFields'
import type { AccrualResult } from '@contract/points'
import { formatYuan } from '../../../components/AmountInput'
import type { Till } from '../../../hooks/useTill'
import { toast } from '../../validation'
import { ActionForm, ActionResult, AmountField, ResultLine, TextField, useAction } from '../ActionForm'

/** 消费积分: receipt number and amount → points earned and the new balance. */
export function AccrueForm({ till }: { till: Till }) {
  const [orderNo, setOrderNo] = useState('')
  const [amountText, setAmountText] = useState('')
  const action = useAction<AccrualResult>()
  const orderError = patternProblem(orderNo, ORDER_NO)
  const amount = readAmount(amountText)

  async function confirm() {
    const problem = orderError ?? amount.error
    if (problem !== null || amount.value === null) return toast(problem ?? AMOUNT.empty)
    const content = `会员 ${till.member?.name}\n单号 ${orderNo.trim()}\n金额 ${formatYuan(amount.value)}`
    if (await action.run({ title: '确认记录消费', content }, () => till.accrue(orderNo.trim(), amount.value))) {
      setOrderNo('')
      setAmountText('')
    }
  }

  const { result } = action
  return (
    <>
      <ActionForm submitLabel='确认记录' onSubmit={confirm} busy={action.busy} testId='accrue-submit'>
        <TextField
          label='单号'
          placeholder='小票上的单号'
          value={orderNo}
          onChange={setOrderNo}
          maxlength={ORDER_NO.maxLength}
          error={orderError}
          serverError={action.fieldErrors.orderNo}
          testId='accrue-order'
        />
        <AmountField label='消费金额' value={amountText} onChange={setAmountText} error={amount.error} serverError={action.fieldErrors.amount} testId='accrue-amount' />
      </ActionForm>
      {result && (
        <ActionResult
          testId='accrue-result'
          warn={result.duplicate && '该单号已记录，以下为原记录结果'}
          title={`单号 ${result.orderNo} · ${result.memberName}`}
          figure={`+${result.pointsEarned} 积分`}
        >
          {result.tierChange && (
            <ResultLine warn testId='accrue-tier-change'>
              会员升级为{result.tierChange.toName}
            </ResultLine>
          )}
          <ResultLine>当前余额 {result.pointsBalance.toLocaleString('zh-CN')} 积分</ResultLine>
        </ActionResult>
      )}
    </>
  )
}
