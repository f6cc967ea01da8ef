import { View, Text } from '@tarojs/components'
import type { CompensationView, StaffTicket } from '@contract/ticket'
import { REVISIT_BELOW_OR_AT, TICKET_STATUS_LABELS } from '@contract/ticketFields'
import { ROLE_LABELS } from '@contract/roles'
import { formatDateTime, formatPoints } from '@contract/format'
import { EVENT_LABELS, RESOLUTION_OUTCOME_LABELS, stars } from './words'
import './ticket.scss'

function compensationText(compensation: CompensationView | null): string {
  if (!compensation) return '无补偿'
  return compensation.kind === 'points' ? `补偿 ${formatPoints(compensation.points)} 积分` : `补偿优惠券「${compensation.couponTitle ?? ''}」`
}

/** Each resolution given, what it issued, how the member rated it and how it ended. */
export function Resolutions({ ticket }: { ticket: StaffTicket }) {
  if (ticket.resolutions.length === 0) return null
  return (
    <View className='ticket-card' data-testid='ticket-resolutions'>
      <Text className='ticket-card__title'>处理结果</Text>
      {[...ticket.resolutions].reverse().map((resolution) => (
        <View key={resolution.n} className='ticket-resolution' data-testid='resolution'>
          <View className='ticket-resolution__head'>
            <Text>
              第 {resolution.n} 次 · {formatDateTime(resolution.at)}
            </Text>
            <Text>{resolution.outcome ? RESOLUTION_OUTCOME_LABELS[resolution.outcome] : '待会员确认'}</Text>
          </View>
          <Text className='ticket-text'>{resolution.summary}</Text>
          <Text className='ticket-resolution__comp'>{compensationText(resolution.compensation)}</Text>
          {resolution.rating ? (
            <Text className={`ticket-rating ${resolution.rating.score <= REVISIT_BELOW_OR_AT ? 'ticket-rating--low' : ''}`} data-testid='resolution-rating'>
              <Text className='ticket-rating__stars'>{stars(resolution.rating.score)}</Text> {resolution.rating.score} 分{resolution.rating.comment ? ` · ${resolution.rating.comment}` : ''}
            </Text>
          ) : (
            <Text className='ticket-muted'>会员未评价</Text>
          )}
        </View>
      ))}
    </View>
  )
}

/** Every step, newest first, with who took it (name and role) and why. */
export function Timeline({ ticket }: { ticket: StaffTicket }) {
  return (
    <View className='ticket-card' data-testid='ticket-timeline'>
      <Text className='ticket-card__title'>处理进度</Text>
      <View>
        {[...ticket.timeline].reverse().map((entry, index) => {
          const who = entry.by === 'system' ? '系统' : entry.by === 'member' ? `${entry.name}（会员）` : `${entry.name}${entry.role ? `（${ROLE_LABELS[entry.role]}）` : ''}`
          const moved = entry.from !== null && entry.from !== entry.to ? ` · ${TICKET_STATUS_LABELS[entry.from]} → ${TICKET_STATUS_LABELS[entry.to]}` : ''
          return (
            <View key={`${entry.at}-${index}`} className='ticket-timeline__entry' data-testid='timeline-entry'>
              <View className={`ticket-timeline__dot ticket-timeline__dot--${entry.by}`} />
              <Text className='ticket-timeline__what'>
                {entry.event === 'assign' && entry.reason ? '指派' : EVENT_LABELS[entry.event]}
                {moved}
              </Text>
              {entry.reason && <Text className='ticket-timeline__reason'>{entry.reason}</Text>}
              <Text className='ticket-muted'>
                {who} · {formatDateTime(entry.at)}
              </Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}
