import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { RefundResult } from '@contract/points'
import { AmountInput, formatYuan, parseYuan } from '../../../components/AmountInput'
import { FormField, Panel } from '../../../components/FormField'
import { useSubmit } from '../../../hooks/useSubmit'
import type { Till } from '../../../hooks/useTill'
import { confirmDialog, orderNoError, shownError, toast } from '../../validation'

/** 退款: a full or partial refund takes back the order's points in proportion, once per refund number. */
export function RefundForm({ till }: { till: Till }) {
  const [orderNo, setOrderNo] = useState('')
  const [refundId, setRefundId] = useState('')
  const [amount, setAmount] = useState('')
  const [result, setResult] = useState<RefundResult | null>(null)
  const submit = useSubmit()
  const orderError = orderNoError(orderNo)
  const refundError = orderNoError(refundId, '退款单号')
  const parsed = parseYuan(amount)

  async function confirm() {
    const problem = orderError ?? refundError ?? parsed.error
    if (problem || parsed.yuan === null) return toast(problem ?? '请输入金额')
    if (!(await confirmDialog('确认退款', `原单号 ${orderNo.trim()}\n退款单号 ${refundId.trim()}\n退款金额 ${formatYuan(parsed.yuan)}\n将按比例扣回该单积分`))) return
    setResult(null)
    const refunded = await submit.run(() => till.refund(orderNo.trim(), refundId.trim(), parsed.yuan))
    if (refunded) {
      setResult(refunded)
      setRefundId('')
      setAmount('')
    }
  }

  return (
    <View>
      <Panel>
        <FormField label='原单号' error={shownError(orderNo, orderError) ?? submit.fieldErrors.orderNo}>
          <Input className='admin-input' placeholder='消费时的单号' value={orderNo} maxlength={32} onInput={(event) => setOrderNo(event.detail.value)} data-testid='refund-order' />
        </FormField>
        <FormField label='退款单号' error={shownError(refundId, refundError) ?? submit.fieldErrors.refundId}>
          <Input className='admin-input' placeholder='每笔退款一个单号' value={refundId} maxlength={32} onInput={(event) => setRefundId(event.detail.value)} data-testid='refund-id' />
        </FormField>
        <FormField label='退款金额' error={shownError(amount, parsed.error) ?? submit.fieldErrors.amount}>
          <AmountInput value={amount} onChange={setAmount} testId='refund-amount' />
        </FormField>
      </Panel>
      <View className='admin-actions'>
        <Button type='primary' block loading={submit.busy} disabled={submit.busy} onClick={confirm} data-testid='refund-submit'>
          确认退款
        </Button>
      </View>
      {result && (
        <View className='admin-result' data-testid='refund-result'>
          {result.duplicate && <Text className='admin-result__warn'>该退款单号已处理，以下为原结果</Text>}
          <Text className='admin-result__title'>退款 {result.refundId}</Text>
          <Text className='admin-result__big'>-{result.pointsReversed.toLocaleString('zh-CN')} 积分</Text>
          {result.shortfall > 0 && <Text className='admin-result__warn'>其中 {result.shortfall.toLocaleString('zh-CN')} 积分已被使用，无法扣回，已记录差额</Text>}
          <Text className='admin-result__line'>会员当前余额 {result.pointsBalance.toLocaleString('zh-CN')} 积分</Text>
        </View>
      )}
    </View>
  )
}
