import { Text } from '@tarojs/components'
import { TICKET_STATUS_LABELS, type TicketStatus } from '@contract/ticketFields'
import './ticket.scss'

export function TicketStatusTag({ status, testId }: { status: TicketStatus; testId?: string }) {
  return (
    <Text className={`ticket-tag ticket-tag--${status}`} data-testid={testId}>
      {TICKET_STATUS_LABELS[status]}
    </Text>
  )
}

/** 已升级, 回访中, 已超时: what needs a manager's eye, on the row and on the ticket. */
export function FlagTag({ kind, children, testId }: { kind: 'escalated' | 'revisit' | 'late'; children: string; testId?: string }) {
  return (
    <Text className={`ticket-tag ticket-tag--${kind}`} data-testid={testId}>
      {children}
    </Text>
  )
}
