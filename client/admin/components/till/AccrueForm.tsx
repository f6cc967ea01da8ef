import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { AccrualResult } from '@contract/points'
import { AmountInput, formatYuan, parseYuan } from '../../../components/AmountInput'
import { FormField, Panel } from '../../../components/FormField'
import { useSubmit } from '../../../hooks/useSubmit'
import type { Till } from '../../../hooks/useTill'
import { confirmDialog, orderNoError, shownError, toast } from '../../validation'

/** 消费积分: receipt number and amount → points earned and the new balance. */
export function AccrueForm({ till }: { till: Till }) {
  const [orderNo, setOrderNo] = useState('')
  const [amount, setAmount] = useState('')
  const [result, setResult] = useState<AccrualResult | null>(null)
  const submit = useSubmit()
  const orderError = orderNoError(orderNo)
  const parsed = parseYuan(amount)

  async function confirm() {
    const problem = orderError ?? parsed.error
    if (problem || parsed.yuan === null) return toast(problem ?? '请输入金额')
    if (!(await confirmDialog('确认记录消费', `会员 ${till.member?.name}\n单号 ${orderNo.trim()}\n金额 ${formatYuan(parsed.yuan)}`))) return
    setResult(null)
    const recorded = await submit.run(() => till.accrue(orderNo.trim(), parsed.yuan))
    if (recorded) {
      setResult(recorded)
      setOrderNo('')
      setAmount('')
    }
  }

  return (
    <View>
      <Panel>
        <FormField label='单号' error={shownError(orderNo, orderError) ?? submit.fieldErrors.orderNo}>
          <Input className='admin-input' placeholder='小票上的单号' value={orderNo} maxlength={32} onInput={(event) => setOrderNo(event.detail.value)} data-testid='accrue-order' />
        </FormField>
        <FormField label='消费金额' error={shownError(amount, parsed.error) ?? submit.fieldErrors.amount}>
          <AmountInput value={amount} onChange={setAmount} testId='accrue-amount' />
        </FormField>
      </Panel>
      <View className='admin-actions'>
        <Button type='primary' block loading={submit.busy} disabled={submit.busy} onClick={confirm} data-testid='accrue-submit'>
          确认记录
        </Button>
      </View>
      {result && (
        <View className='admin-result' data-testid='accrue-result'>
          {result.duplicate && <Text className='admin-result__warn'>该单号已记录，以下为原记录结果</Text>}
          <Text className='admin-result__title'>单号 {result.orderNo} · {result.memberName}</Text>
          <Text className='admin-result__big'>+{result.pointsEarned} 积分</Text>
          {result.tierChange && (
            <Text className='admin-result__warn' data-testid='accrue-tier-change'>
              会员升级为{result.tierChange.toName}
            </Text>
          )}
          <Text className='admin-result__line'>当前余额 {result.pointsBalance.toLocaleString('zh-CN')} 积分</Text>
        </View>
      )}
    </View>
  )
}
