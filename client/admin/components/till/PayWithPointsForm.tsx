import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatFen } from '@contract/format'
import type { PayWithPointsResult } from '@contract/points'
import { AmountInput, formatYuan, parseYuan } from '../../../components/AmountInput'
import { FormField, Panel } from '../../../components/FormField'
import { useSubmit } from '../../../hooks/useSubmit'
import { POINTS_PER_CASH_YUAN, type Till } from '../../../hooks/useTill'
import { confirmDialog, orderNoError, parsePoints, shownError, toast } from '../../validation'

/** 积分抵扣: whole yuan of points off an order (the server caps the share of the order). */
export function PayWithPointsForm({ till }: { till: Till }) {
  const [orderNo, setOrderNo] = useState('')
  const [amount, setAmount] = useState('')
  const [pointsText, setPointsText] = useState('')
  const [result, setResult] = useState<PayWithPointsResult | null>(null)
  const submit = useSubmit()
  const balance = till.member?.pointsBalance ?? 0
  const orderError = orderNoError(orderNo)
  const parsedAmount = parseYuan(amount)
  const parsedPoints = parsePoints(pointsText)
  const pointsError =
    parsedPoints.error ??
    (parsedPoints.points % POINTS_PER_CASH_YUAN !== 0 ? `积分须为 ${POINTS_PER_CASH_YUAN} 的整数倍` : parsedPoints.points > balance ? `积分不足，余额 ${balance}` : null)
  const discountYuan = parsedPoints.points !== null && !pointsError ? parsedPoints.points / POINTS_PER_CASH_YUAN : null

  async function confirm() {
    const problem = orderError ?? parsedAmount.error ?? pointsError
    if (problem || parsedAmount.yuan === null || parsedPoints.points === null || discountYuan === null) return toast(problem ?? '请检查输入')
    if (!(await confirmDialog('确认积分抵扣', `单号 ${orderNo.trim()}\n订单金额 ${formatYuan(parsedAmount.yuan)}\n使用 ${parsedPoints.points} 积分，抵扣 ${formatYuan(discountYuan)}`))) return
    setResult(null)
    const paid = await submit.run(() => till.payWithPoints(orderNo.trim(), parsedAmount.yuan, parsedPoints.points))
    if (paid) {
      setResult(paid)
      setOrderNo('')
      setAmount('')
      setPointsText('')
    }
  }

  return (
    <View>
      <Panel>
        <FormField label='单号' error={shownError(orderNo, orderError) ?? submit.fieldErrors.orderNo}>
          <Input className='admin-input' placeholder='小票上的单号' value={orderNo} maxlength={32} onInput={(event) => setOrderNo(event.detail.value)} data-testid='cash-order' />
        </FormField>
        <FormField label='订单金额' error={shownError(amount, parsedAmount.error) ?? submit.fieldErrors.orderAmount}>
          <AmountInput value={amount} onChange={setAmount} testId='cash-amount' />
        </FormField>
        <FormField label='使用积分' error={shownError(pointsText, pointsError) ?? submit.fieldErrors.points}>
          <Input className='admin-input' type='number' placeholder={`${POINTS_PER_CASH_YUAN} 的整数倍`} value={pointsText} onInput={(event) => setPointsText(event.detail.value)} data-testid='cash-points' />
        </FormField>
        {discountYuan !== null && <Text className='admin-result__line'>可抵扣 {formatYuan(discountYuan)}（{POINTS_PER_CASH_YUAN} 积分 = ¥1）</Text>}
      </Panel>
      <View className='admin-actions'>
        <Button type='primary' block loading={submit.busy} disabled={submit.busy} onClick={confirm} data-testid='cash-submit'>
          确认抵扣
        </Button>
      </View>
      {result && (
        <View className='admin-result' data-testid='cash-result'>
          {result.duplicate && <Text className='admin-result__warn'>该单号已抵扣过，以下为原记录结果</Text>}
          <Text className='admin-result__title'>单号 {result.orderNo}</Text>
          <Text className='admin-result__big'>减 {formatFen(result.discountFen)}</Text>
          <Text className='admin-result__line'>使用 {result.pointsUsed.toLocaleString('zh-CN')} 积分 · 余额 {result.pointsBalance.toLocaleString('zh-CN')}</Text>
        </View>
      )}
    </View>
  )
}
