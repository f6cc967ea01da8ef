import { View, Text } from '@tarojs/components'
import type { QueueCounts } from '@contract/ticket'
import { QUEUE_VIEWS, QUEUE_VIEW_LABELS, TICKET_CATEGORIES, TICKET_CATEGORY_LABELS, type AssigneeFilter, type TicketCategory } from '@contract/ticketFields'
import { groupDigits } from '@contract/format'
import type { QueueFilter } from '../../hooks/useTicketQueue'
import { ChoiceChips } from './ChoiceChips'
import './ticket.scss'

const ALL = 'all'
const CATEGORIES = [{ key: ALL, label: '全部类型' }, ...TICKET_CATEGORIES.map((category) => ({ key: category, label: TICKET_CATEGORY_LABELS[category] }))]
const ASSIGNEES: { key: AssigneeFilter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'mine', label: '我的' },
  { key: 'unassigned', label: '未分配' },
]

/** The views as tabs that scroll sideways (seven do not fit a phone's width), each with its count once known. */
export function QueueTabs({ filter, counts, onChange }: { filter: QueueFilter; counts: QueueCounts | null; onChange: (patch: Partial<QueueFilter>) => void }) {
  return (
    <View className='ticket-tabs'>
      {QUEUE_VIEWS.map((view) => (
        <View
          key={view}
          className={`ticket-tabs__tab ${view === filter.view ? 'ticket-tabs__tab--on' : ''}`}
          onClick={() => view !== filter.view && onChange({ view })}
          data-testid={`queue-view-${view}`}
        >
          {QUEUE_VIEW_LABELS[view]}
          {counts && <Text className='ticket-tabs__count'>{groupDigits(counts[view])}</Text>}
        </View>
      ))}
    </View>
  )
}

/** Category, whose tickets, and 仅看超时. */
export function QueueFilters({ filter, onChange }: { filter: QueueFilter; onChange: (patch: Partial<QueueFilter>) => void }) {
  return (
    <View className='ticket-filters'>
      <ChoiceChips options={CATEGORIES} value={filter.category ?? ALL} onChange={(key) => onChange({ category: key === ALL ? null : (key as TicketCategory) })} testId='queue-category' scroll />
      <View className='ticket-filters__row'>
        <ChoiceChips options={ASSIGNEES} value={filter.assignee} onChange={(assignee) => onChange({ assignee })} testId='queue-assignee' />
        <View
          className={`ticket-choice ticket-choice--danger ${filter.breachedOnly ? 'ticket-choice--on' : ''}`}
          onClick={() => onChange({ breachedOnly: !filter.breachedOnly })}
          data-testid='queue-breached'
        >
          {filter.breachedOnly ? '✓ 仅看超时' : '仅看超时'}
        </View>
      </View>
    </View>
  )
}
