import { useState } from 'react'
import { Text } from '@tarojs/components'
import { patternProblem, readNumber } from '@contract/fields'
import { AMOUNT, CASH_POINTS, ORDER_NO, cashDiscount, cashRuleText, mostCashPoints, readAmount, toFen } from '@contract/staffFields'
import { formatFen } from '@contract/format'
import type { MemberLookup } from '@contract/member'
import type { PayWithPointsResult } from '@contract/points'
import { formatYuan } from '../../../components/AmountInput'
import type { Till } from '../../../hooks/useTill'
import { toast } from '../../validation'
import { ActionForm, ActionResult, AmountField, ResultLine, TextField, useAction } from '../ActionForm'

/** 积分抵扣: whole yuan of points off an order, at the rate the lookup brought with the member. */
export function PayWithPointsForm({ till, member }: { till: Till; member: MemberLookup }) {
  const [orderNo, setOrderNo] = useState('')
  const [amountText, setAmountText] = useState('')
  const [pointsText, setPointsText] = useState('')
  const action = useAction<PayWithPointsResult>()
  const rule = member.cashRule
  const balance = member.pointsBalance
  const orderError = patternProblem(orderNo, ORDER_NO)
  const amount = readAmount(amountText)
  const orderFen = amount.value === null ? null : toFen(amount.value)
  const points = readNumber(pointsText, CASH_POINTS)
  // Until the amount is typed, only the whole-yuan part of the rule can be checked.
  const cash = points.value === null ? null : cashDiscount(points.value, orderFen ?? Infinity, rule)
  const pointsError = points.value === null ? points.error : points.value > balance ? `积分不足，余额 ${balance.toLocaleString('zh-CN')}` : (cash?.error ?? null)
  const discountFen = pointsError === null && cash ? cash.value : null

  async function confirm() {
    const problem = orderError ?? amount.error ?? pointsError
    if (problem !== null || amount.value === null || points.value === null || discountFen === null) return toast(problem ?? AMOUNT.empty)
    const content = `单号 ${orderNo.trim()}\n订单金额 ${formatYuan(amount.value)}\n使用 ${points.value} 积分，抵扣 ${formatFen(discountFen)}`
    if (await action.run({ title: '确认积分抵扣', content }, () => till.payWithPoints(orderNo.trim(), amount.value, points.value))) {
      setOrderNo('')
      setAmountText('')
      setPointsText('')
    }
  }

  const { result } = action
  return (
    <>
      <ActionForm submitLabel='确认抵扣' onSubmit={confirm} busy={action.busy} testId='cash-submit'>
        <TextField
          label='单号'
          placeholder='小票上的单号'
          value={orderNo}
          onChange={setOrderNo}
          maxlength={ORDER_NO.maxLength}
          error={orderError}
          serverError={action.fieldErrors.orderNo}
          testId='cash-order'
        />
        <AmountField label='订单金额' value={amountText} onChange={setAmountText} error={amount.error} serverError={action.fieldErrors.orderAmount} testId='cash-amount' />
        <TextField
          label='使用积分'
          type='number'
          placeholder={`${rule.pointsPerCashYuan} 的整数倍`}
          value={pointsText}
          onChange={setPointsText}
          error={pointsError}
          serverError={action.fieldErrors.points}
          testId='cash-points'
        />
        <Text className='admin-note' data-testid='cash-rule'>
          {cashRuleText(rule)}
          {orderFen !== null && `；本单最多可用 ${mostCashPoints(orderFen, balance, rule).toLocaleString('zh-CN')} 积分`}
        </Text>
        {discountFen !== null && <Text className='admin-note admin-note--strong'>可抵扣 {formatFen(discountFen)}</Text>}
      </ActionForm>
      {result && (
        <ActionResult testId='cash-result' warn={result.duplicate && '该单号已抵扣过，以下为原记录结果'} title={`单号 ${result.orderNo}`} figure={`减 ${formatFen(result.discountFen)}`}>
          <ResultLine>
            使用 {result.pointsUsed.toLocaleString('zh-CN')} 积分 · 余额 {result.pointsBalance.toLocaleString('zh-CN')}
          </ResultLine>
        </ActionResult>
      )}
    </>
  )
}
