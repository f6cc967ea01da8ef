import { View, Text } from '@tarojs/components'
import type { StaffTicket } from '@contract/ticket'
import { AUTO_CLOSE_AFTER_MS, TICKET_CATEGORY_LABELS } from '@contract/ticketFields'
import { formatDateTime } from '@contract/format'
import { FlagTag, TicketStatusTag } from './StatusTag'
import { timeLeft, type Tone } from './words'
import './ticket.scss'

interface Standing {
  text: string
  tone: Tone
  /** After the promised time, what happened and when. */
  detail?: string
}

/** The ticket at a glance: number, state, flags, who handles it, and both promised times with how they stand. */
export function TicketHead({ ticket, now }: { ticket: StaffTicket; now: number }) {
  const working = ticket.status === 'new' || ticket.status === 'processing'
  const { promised, breached } = ticket
  const latest = ticket.resolutions[ticket.resolutions.length - 1]
  const first: Standing = promised.firstRespondedAt
    ? { text: breached.firstResponse ? '超时响应' : '按时响应', tone: breached.firstResponse ? 'late' : 'ok', detail: `${formatDateTime(promised.firstRespondedAt)} 响应` }
    : working
      ? timeLeft(promised.firstResponseDueAt, now)
      : { text: '未响应', tone: breached.firstResponse ? 'late' : 'quiet' }
  const resolution: Standing = working
    ? timeLeft(promised.resolutionDueAt, now)
    : latest
      ? { text: breached.resolution ? '超时处理' : '已处理', tone: breached.resolution ? 'late' : 'ok', detail: `${formatDateTime(latest.at)} 提交处理结果` }
      : { text: ticket.status === 'withdrawn' ? '会员已撤回' : '未处理即关闭', tone: 'quiet' }
  return (
    <View className='ticket-card' data-testid='ticket-head'>
      <View className='ticket-card__head'>
        <Text className='ticket-head__no'>{ticket.id}</Text>
        <View className='queue-row__spacer' />
        <TicketStatusTag status={ticket.status} testId='staff-ticket-status' />
      </View>
      <View className='ticket-head__flags'>
        <Text className='queue-row__category'>{TICKET_CATEGORY_LABELS[ticket.category]}</Text>
        {(breached.firstResponse || breached.resolution) && <FlagTag kind='late'>已超时</FlagTag>}
        {ticket.escalated && <FlagTag kind='escalated'>已升级</FlagTag>}
        {ticket.revisit?.status === 'open' && <FlagTag kind='revisit'>回访中</FlagTag>}
      </View>
      <View className='ticket-line'>
        <Text className='ticket-line__label'>处理人</Text>
        <Text className='ticket-line__value' data-testid='ticket-assignee'>
          {ticket.assignee ? ticket.assignee.name : '未分配'}
        </Text>
      </View>
      <View className='ticket-line'>
        <Text className='ticket-line__label'>提交时间</Text>
        <Text className='ticket-line__value'>{formatDateTime(ticket.createdAt)}</Text>
      </View>
      {ticket.status === 'pending' && latest && (
        <Text className='ticket-head__waiting' data-testid='ticket-awaiting-member'>
          等待会员确认处理结果；{formatDateTime(new Date(new Date(latest.at).getTime() + AUTO_CLOSE_AFTER_MS))} 前未确认将自动关闭
        </Text>
      )}
      <PromiseLine label='首次响应' dueAt={promised.firstResponseDueAt} late={breached.firstResponse} standing={first} testId='ticket-promise-first' />
      <PromiseLine label='解决时限' dueAt={promised.resolutionDueAt} late={breached.resolution} standing={resolution} testId='ticket-promise-resolution' />
    </View>
  )
}

function PromiseLine({ label, dueAt, late, standing, testId }: { label: string; dueAt: string; late: boolean; standing: Standing; testId: string }) {
  // Marked by the timer, or past due before its next round: either way the agent reads it as late.
  const shownLate = late || standing.tone === 'late'
  return (
    <View className={`ticket-promise ${shownLate ? 'ticket-promise--late' : ''}`} data-testid={testId}>
      <View className='ticket-promise__top'>
        <Text>{label}</Text>
        <Text className={`ticket-clock ticket-clock--${shownLate ? 'late' : standing.tone}`}>{standing.text}</Text>
      </View>
      <Text className='ticket-promise__text'>
        承诺 {formatDateTime(dueAt)} 前{standing.detail ? ` · ${standing.detail}` : ''}
      </Text>
    </View>
  )
}
