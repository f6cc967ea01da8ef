import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ConfirmResult } from '@contract/rewards'
import { formatCardNo } from '@contract/format'
import { FormField, Panel } from '../../../components/FormField'
import { useSubmit } from '../../../hooks/useSubmit'
import type { Till } from '../../../hooks/useTill'
import { redemptionCodeError, shownError, toast } from '../../validation'

/** 核销: the member shows the code of a reward they redeemed; the cashier hands it over and confirms. */
export function ConfirmCodeForm({ till }: { till: Till }) {
  const [code, setCode] = useState('')
  const [result, setResult] = useState<ConfirmResult | null>(null)
  const submit = useSubmit()
  const normalized = code.replace(/\s+/g, '').toUpperCase()
  const codeError = redemptionCodeError(normalized)

  async function confirm() {
    if (codeError) return toast(codeError)
    const confirmed = await submit.run(() => till.confirm(normalized))
    if (confirmed) {
      setResult(confirmed)
      setCode('')
    }
  }

  return (
    <View>
      <Panel>
        <FormField label='兑换码' error={shownError(code, codeError) ?? submit.fieldErrors.code}>
          <Input className='admin-input redemption-lookup__code' placeholder='8 位兑换码' value={code} maxlength={12} onInput={(event) => setCode(event.detail.value)} data-testid='confirm-code' />
        </FormField>
      </Panel>
      <View className='admin-actions'>
        <Button type='primary' block loading={submit.busy} disabled={submit.busy} onClick={confirm} data-testid='confirm-submit'>
          核销
        </Button>
      </View>
      {result && (
        <View className='admin-result' data-testid='confirm-result'>
          <Text className='admin-result__title'>「{result.rewardName}」已核销</Text>
          <Text className='admin-result__line'>会员 {result.memberName} · {formatCardNo(result.cardNo)}</Text>
          <Text className='admin-result__line'>兑换码 {result.code} · {result.pointsSpent.toLocaleString('zh-CN')} 积分</Text>
        </View>
      )}
    </View>
  )
}
