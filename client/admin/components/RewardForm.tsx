import { useState } from 'react'
import { View, Input, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Reward } from '@contract/rewards'
import { FormField, Panel } from '../../components/FormField'
import type { RewardDraft } from '../../hooks/useAdminRewards'
import { toast } from '../validation'
import './admin.scss'

interface RewardFormProps {
  reward: Reward | null
  fieldErrors: Record<string, string>
  busy: boolean
  onSave: (draft: RewardDraft) => void
  onCancel: () => void
}

function wholeNumber(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null
}

/** Create or edit a reward; field errors come from the client's checks, then from the envelope's `fields`. */
export function RewardForm({ reward, fieldErrors, busy, onSave, onCancel }: RewardFormProps) {
  const [name, setName] = useState(reward?.name ?? '')
  const [description, setDescription] = useState(reward?.description ?? '')
  const [costText, setCostText] = useState(reward ? String(reward.pointsCost) : '')
  const [stockText, setStockText] = useState(reward ? String(reward.stock) : '')
  const pointsCost = wholeNumber(costText)
  const stock = wholeNumber(stockText)
  const errors = {
    name: name.trim() ? null : '请填写礼品名称',
    pointsCost: pointsCost && pointsCost > 0 ? null : '所需积分必须是正整数',
    stock: stock !== null ? null : '库存必须是 0 或正整数',
  }

  function save() {
    const problem = errors.name ?? errors.pointsCost ?? errors.stock
    if (problem || pointsCost === null || stock === null) return toast(problem ?? '请检查输入')
    onSave({ name: name.trim(), description: description.trim(), pointsCost, stock })
  }

  return (
    <View data-testid='reward-form'>
      <Panel title={reward ? `编辑「${reward.name}」` : '新增礼品'}>
        <FormField label='名称' error={fieldErrors.name}>
          <Input className='admin-input' placeholder='最多 20 字' maxlength={20} value={name} onInput={(event) => setName(event.detail.value)} data-testid='reward-name' />
        </FormField>
        <FormField label='描述' error={fieldErrors.description} stacked>
          <Textarea className='admin-textarea' placeholder='选填，最多 200 字' maxlength={200} value={description} onInput={(event) => setDescription(event.detail.value)} />
        </FormField>
        <FormField label='所需积分' error={(costText && errors.pointsCost) || fieldErrors.pointsCost}>
          <Input className='admin-input' type='number' placeholder='如 500' value={costText} onInput={(event) => setCostText(event.detail.value)} data-testid='reward-cost' />
        </FormField>
        <FormField label='库存' error={(stockText && errors.stock) || fieldErrors.stock}>
          <Input className='admin-input' type='number' placeholder='如 20' value={stockText} onInput={(event) => setStockText(event.detail.value)} data-testid='reward-stock' />
        </FormField>
      </Panel>
      <View className='admin-actions'>
        <Button fill='outline' onClick={onCancel}>
          取消
        </Button>
        <Button type='primary' loading={busy} disabled={busy} onClick={save} data-testid='reward-save'>
          保存
        </Button>
      </View>
    </View>
  )
}
