import { useState } from 'react'
import { View, Input, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { readNumber, textProblem } from '@contract/fields'
import { REWARD_DESCRIPTION, REWARD_NAME, REWARD_POINTS_COST, REWARD_STOCK } from '@contract/staffFields'
import type { Reward } from '@contract/rewards'
import { FormField, Panel } from '../../components/FormField'
import type { RewardDraft } from '../../hooks/useAdminRewards'
import { shownError, toast } from '../validation'
import './admin.scss'

interface RewardFormProps {
  reward: Reward | null
  fieldErrors: Record<string, string>
  busy: boolean
  onSave: (draft: RewardDraft) => void
  onCancel: () => void
}

/** Create or edit a reward; field errors come from the client's checks, then from the envelope's `fields`. */
export function RewardForm({ reward, fieldErrors, busy, onSave, onCancel }: RewardFormProps) {
  const [name, setName] = useState(reward?.name ?? '')
  const [description, setDescription] = useState(reward?.description ?? '')
  const [costText, setCostText] = useState(reward ? String(reward.pointsCost) : '')
  const [stockText, setStockText] = useState(reward ? String(reward.stock) : '')
  const pointsCost = readNumber(costText, REWARD_POINTS_COST)
  const stock = readNumber(stockText, REWARD_STOCK)
  const nameError = textProblem(name, REWARD_NAME)
  const descriptionError = textProblem(description, REWARD_DESCRIPTION)

  function save() {
    const problem = nameError ?? descriptionError ?? pointsCost.error ?? stock.error
    if (problem !== null || pointsCost.value === null || stock.value === null) return toast(problem ?? '请检查输入')
    onSave({ name: name.trim(), description: description.trim(), pointsCost: pointsCost.value, stock: stock.value })
  }

  return (
    <View data-testid='reward-form'>
      <Panel title={reward ? `编辑「${reward.name}」` : '新增礼品'}>
        <FormField label='名称' error={shownError(name, nameError) ?? fieldErrors.name}>
          <Input
            className='admin-input'
            placeholder={`最多 ${REWARD_NAME.max} 个字`}
            maxlength={REWARD_NAME.max}
            value={name}
            onInput={(event) => setName(event.detail.value)}
            data-testid='reward-name'
          />
        </FormField>
        <FormField label='描述' error={shownError(description, descriptionError) ?? fieldErrors.description} stacked>
          <Textarea
            className='admin-textarea'
            placeholder={`选填，最多 ${REWARD_DESCRIPTION.max} 个字`}
            maxlength={REWARD_DESCRIPTION.max}
            value={description}
            onInput={(event) => setDescription(event.detail.value)}
          />
        </FormField>
        <FormField label='所需积分' error={shownError(costText, pointsCost.error) ?? fieldErrors.pointsCost}>
          <Input className='admin-input' type='number' placeholder='如 500' value={costText} onInput={(event) => setCostText(event.detail.value)} data-testid='reward-cost' />
        </FormField>
        <FormField label='库存' error={shownError(stockText, stock.error) ?? fieldErrors.stock}>
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
