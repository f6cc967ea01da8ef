import { View, Text } from '@tarojs/components'
import type { ArchiveSignup, ArchiveTicket } from '@contract/archive'
import { formatDate, formatDateTime } from '@contract/format'
import { TICKET_CATEGORY_LABELS, type TicketCategory } from '@contract/ticketFields'
import { EmptyView } from '../../../components/StatusView'
import './archive.scss'

/** 活动: what the member signed up for, newest first, and where each signup stands. */
export function ActivitiesSection({ signups }: { signups: ArchiveSignup[] }) {
  if (signups.length === 0) return <EmptyView title='暂无活动报名' />
  return (
    <View className='archive-card' data-testid='archive-activities'>
      {signups.map((signup) => (
        <View key={signup.activityId} className='archive-item' data-testid='archive-signup'>
          <View className='archive-item__main'>
            <Text className='archive-item__title'>{signup.title}</Text>
            <Text className='archive-muted'>{formatDateTime(signup.startAt)}</Text>
          </View>
          <Text className='archive-status'>{signup.statusLabel}</Text>
        </View>
      ))}
    </View>
  )
}

/** 工单: the member's complaints and feedback; the service desk opens one from here. */
export function TicketsSection({ tickets, onOpen }: { tickets: ArchiveTicket[]; onOpen?: (ticket: ArchiveTicket) => void }) {
  if (tickets.length === 0) return <EmptyView title='暂无工单' />
  return (
    <View className='archive-card' data-testid='archive-tickets'>
      {tickets.map((ticket) => (
        <View key={ticket.id} className='archive-item' onClick={onOpen && (() => onOpen(ticket))} data-testid='archive-ticket'>
          <View className='archive-item__main'>
            <Text className='archive-item__title'>{ticket.summary}</Text>
            <Text className='archive-muted'>
              {ticket.no} · {categoryLabel(ticket.category)} · {formatDate(ticket.createdAt)}
            </Text>
          </View>
          <Text className='archive-status'>{ticket.statusLabel}</Text>
          {onOpen && <Text className='archive-hit__chevron'>›</Text>}
        </View>
      ))}
    </View>
  )
}

function categoryLabel(category: string): string {
  return TICKET_CATEGORY_LABELS[category as TicketCategory] ?? category
}
