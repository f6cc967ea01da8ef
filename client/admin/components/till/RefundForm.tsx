import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { RefundResult } from '@contract/points'
import { patternProblem } from '@contract/fields'
import { formatFen, formatPoints } from '@contract/format'
import { AMOUNT, ORDER_NO, readAmount, toFen } from '@contract/staffFields'
import { useRefund } from '../../../hooks/useRefund'
import { toast } from '../../validation'
import { ActionForm, ActionResult, AmountField, ResultLine, TextField, useAction } from '../ActionForm'
import { RefundOrder } from './RefundOrder'
import './till.scss'

/**
 * 退款: the order is found by its number and shown (member, what was paid and how, what is left)
 * before the cashier says how much to refund; the refund id is made by the till, not typed.
 */
export function RefundForm({ storeId }: { storeId: string }) {
  const refunds = useRefund(storeId)
  const [orderNo, setOrderNo] = useState('')
  const [amountText, setAmountText] = useState('')
  const action = useAction<RefundResult & { amountFen: number }>()
  const orderError = patternProblem(orderNo, ORDER_NO)
  const amount = readAmount(amountText)
  const { order } = refunds
  const overLeft = order && amount.value !== null && toFen(amount.value) > order.refundableFen ? `最多可退 ${formatFen(order.refundableFen)}` : null

  async function find() {
    if (orderError) return toast(orderError)
    action.clearResult()
    setAmountText('')
    await refunds.find(orderNo.trim())
  }

  async function confirm() {
    if (!order) return
    const problem = amount.error ?? overLeft
    if (problem !== null || amount.value === null) return toast(problem ?? AMOUNT.empty)
    const yuan = amount.value
    const lines = [`原单号 ${order.orderNo}`, `会员 ${order.memberName}`, `退款金额 ${formatFen(toFen(yuan))}（可退 ${formatFen(order.refundableFen)}）`, '获得的积分按比例扣回，抵扣的积分按比例退还']
    if (order.coupon && toFen(yuan) === order.refundableFen)
      lines.push(order.coupon.returnsOnFullRefund ? `全额退款：优惠券「${order.coupon.title}」退回会员` : `优惠券「${order.coupon.title}」不退回`)
    const done = await action.run({ title: '确认退款', content: lines.join('\n'), confirmText: '退款' }, async () => ({ ...(await refunds.refund(yuan)), amountFen: toFen(yuan) }))
    if (done) setAmountText('')
  }

  const { result } = action
  return (
    <View data-testid='refund'>
      <ActionForm submitLabel='查找订单' onSubmit={() => void find()} busy={refunds.finding} testId='refund-find'>
        <TextField
          label='原单号'
          placeholder='小票上的单号'
          value={orderNo}
          onChange={setOrderNo}
          maxlength={ORDER_NO.maxLength}
          error={orderError}
          serverError={refunds.findErrors.orderNo}
          onConfirm={() => void find()}
          code
          testId='refund-order'
        />
      </ActionForm>
      {result && (
        <ActionResult testId='refund-result' warn={result.duplicate && '该退款已处理，以下为原结果'} title={`已退款 ${formatFen(result.amountFen)}`}>
          <ResultLine testId='refund-result-reversed'>扣回 {formatPoints(result.pointsReversed)} 积分</ResultLine>
          {result.shortfall > 0 && <ResultLine warn>其中 {formatPoints(result.shortfall)} 积分已被使用，无法扣回，已记录差额</ResultLine>}
          <ResultLine testId='refund-result-returned'>退还 {formatPoints(result.pointsReturned)} 积分</ResultLine>
          {order?.coupon && (
            <ResultLine testId='refund-result-coupon'>
              {result.couponReturned
                ? `优惠券「${order.coupon.title}」已退回会员`
                : `优惠券「${order.coupon.title}」未退回${order.coupon.returnsOnFullRefund && order.refundableFen > 0 ? '（全部退款后退回）' : ''}`}
            </ResultLine>
          )}
          <ResultLine>会员当前余额 {formatPoints(result.pointsBalance)} 积分</ResultLine>
        </ActionResult>
      )}
      {order && (
        <>
          <RefundOrder order={order} />
          {order.refundableFen > 0 ? (
            <ActionForm
              submitLabel='确认退款'
              onSubmit={() => void confirm()}
              busy={action.busy}
              testId='refund-submit'
              secondary={
                <Button fill='outline' onClick={() => setAmountText((order.refundableFen / 100).toFixed(2))} data-testid='refund-all'>
                  全部退款
                </Button>
              }
            >
              <AmountField label='退款金额' value={amountText} onChange={setAmountText} error={amount.error ?? overLeft} serverError={action.fieldErrors.amount} testId='refund-amount' />
            </ActionForm>
          ) : (
            <Text className='admin-hint' data-testid='refund-nothing-left'>
              该订单已全部退款
            </Text>
          )}
        </>
      )}
    </View>
  )
}
