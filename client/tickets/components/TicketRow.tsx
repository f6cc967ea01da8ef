import { View, Text } from '@tarojs/components'
import type { TicketSummary } from '@contract/ticket'
import { TICKET_CATEGORY_LABELS, TICKET_STATUS_LABELS } from '@contract/ticketFields'
import { formatDateTime } from '@contract/format'
import { STATUS_TONE, awaitingLabel } from './labels'

/** One of the member's tickets: its kind, where it stands, the first words, and whether it waits on them. */
export function TicketRow({ ticket, onOpen }: { ticket: TicketSummary; onOpen: () => void }) {
  const awaiting = awaitingLabel(ticket)
  return (
    <View className='ticket-row' onClick={onOpen} data-testid='ticket-row' data-id={ticket.id}>
      <View className='ticket-row__head'>
        <Text className='ticket-category'>{TICKET_CATEGORY_LABELS[ticket.category]}</Text>
        <Text className='ticket-row__number'>{ticket.id}</Text>
        <Text className={`ticket-tag ticket-tag--${STATUS_TONE[ticket.status]}`} data-testid='ticket-row-status'>
          {TICKET_STATUS_LABELS[ticket.status]}
        </Text>
      </View>
      <Text className='ticket-row__excerpt'>{ticket.excerpt}</Text>
      <View className='ticket-row__foot'>
        <Text className='ticket-row__time'>{formatDateTime(ticket.createdAt)}</Text>
        {awaiting && (
          <Text className='ticket-row__awaiting' data-testid='ticket-row-awaiting'>
            {awaiting}
          </Text>
        )}
      </View>
    </View>
  )
}
