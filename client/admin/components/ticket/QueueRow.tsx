import { View, Text } from '@tarojs/components'
import type { QueueItem } from '@contract/ticket'
import { TICKET_CATEGORY_LABELS } from '@contract/ticketFields'
import { formatDateTime } from '@contract/format'
import { FlagTag, TicketStatusTag } from './StatusTag'
import { queueClock } from './words'
import './ticket.scss'

/** One ticket in the queue: number, category, what the member wrote, who handles it, and the clock it runs against. */
export function QueueRow({ item, now, onOpen }: { item: QueueItem; now: number; onOpen: () => void }) {
  const clock = queueClock(item.status, item.dueAt, item.breached, now, item.dueKind)
  return (
    <View className={`queue-row ${item.breached && clock ? 'queue-row--late' : ''}`} onClick={onOpen} data-testid='queue-row' data-id={item.id}>
      <View className='queue-row__head'>
        <Text className='queue-row__no'>{item.id}</Text>
        <Text className='queue-row__category'>{TICKET_CATEGORY_LABELS[item.category]}</Text>
        <View className='queue-row__spacer' />
        <TicketStatusTag status={item.status} />
      </View>
      <Text className='queue-row__excerpt'>{item.excerpt}</Text>
      <Text className='queue-row__meta'>
        {item.memberName} · {item.assigneeName ? `处理人 ${item.assigneeName}` : '未分配'} · {formatDateTime(item.createdAt)}
      </Text>
      <View className='queue-row__foot'>
        {clock && (
          <Text className={`ticket-clock ticket-clock--${clock.tone}`} data-testid='queue-row-clock'>
            {clock.text}
          </Text>
        )}
        {item.breached && <FlagTag kind='late'>已超时</FlagTag>}
        {item.escalated && <FlagTag kind='escalated'>已升级</FlagTag>}
        {item.revisitOpen && <FlagTag kind='revisit'>回访</FlagTag>}
      </View>
    </View>
  )
}
