import { useState } from 'react'
import { View, Text, Input, Picker } from '@tarojs/components'
import type { StaffEntry } from '@contract/staff'
import { FormField } from '../../../components/FormField'
import type { AuditFilter } from '../../hooks/useAuditLog'
import { ChoiceChips } from '../ticket/ChoiceChips'
import { DateRange } from './DateRange'
import './staff.scss'

const CARD_NO = /^\d{10}$/
const EVERYONE = ''

interface AuditFiltersProps {
  filter: AuditFilter
  onChange: (filter: AuditFilter) => void
  staff: readonly StaffEntry[]
  /** `function.action` and its Chinese name, as the contract labels audited actions. */
  actions: readonly { key: string; label: string }[]
  today: string
}

/** Who, what, which member and when; a card number applies once it is whole (10 digits). */
export function AuditFilters({ filter, onChange, staff, actions, today }: AuditFiltersProps) {
  const [cardText, setCardText] = useState(filter.cardNo ?? '')
  const actionIndex = actions.findIndex((action) => action.key === filter.action)
  const actors = [{ key: EVERYONE, label: '全部' }, ...staff.map((entry) => ({ key: entry.openid, label: entry.name }))]

  function typeCard(text: string) {
    setCardText(text)
    const cardNo = CARD_NO.test(text) ? text : null
    if (cardNo !== filter.cardNo && (cardNo || !text)) onChange({ ...filter, cardNo })
  }

  return (
    <View className='ws-filters' data-testid='audit-filters'>
      <FormField label='员工' stacked>
        <ChoiceChips options={actors} value={filter.actorOpenid ?? EVERYONE} onChange={(key) => onChange({ ...filter, actorOpenid: key || null })} scroll testId='audit-actor' />
      </FormField>
      <FormField label='操作'>
        <Picker
          mode='selector'
          range={actions.map((action) => action.label)}
          value={Math.max(actionIndex, 0)}
          onChange={(event) => onChange({ ...filter, action: actions[Number(event.detail.value)]?.key ?? null })}
        >
          <View className={`ws-pick ${actionIndex >= 0 ? '' : 'ws-pick--empty'}`} data-testid='audit-action'>
            {actionIndex >= 0 ? actions[actionIndex].label : '全部操作'}
          </View>
        </Picker>
        {filter.action && (
          <Text className='ws-clear' onClick={() => onChange({ ...filter, action: null })} data-testid='audit-action-clear'>
            清除
          </Text>
        )}
      </FormField>
      <FormField label='会员卡号' error={cardText && !CARD_NO.test(cardText) ? '会员卡号应为 10 位数字' : null}>
        <Input className='admin-input' type='number' placeholder='10 位卡号，选填' maxlength={10} value={cardText} onInput={(event) => typeCard(event.detail.value)} data-testid='audit-card' />
      </FormField>
      <FormField label='日期'>
        <DateRange from={filter.from} to={filter.to} today={today} clearable onChange={(range) => onChange({ ...filter, ...range })} testId='audit-dates' />
      </FormField>
    </View>
  )
}
