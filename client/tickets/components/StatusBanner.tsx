import { View, Text } from '@tarojs/components'
import type { MemberTicket } from '@contract/ticket'
import { TICKET_STATUS_LABELS } from '@contract/ticketFields'
import { formatDateTime } from '@contract/format'
import { STATUS_LINES, STATUS_TONE } from './labels'

/** Where the ticket stands, and what the shop promised: a first answer, and a resolution while it is open. */
export function StatusBanner({ ticket }: { ticket: MemberTicket }) {
  const { promised, status } = ticket
  const open = status === 'new' || status === 'processing'
  return (
    <View className={`ticket-banner ticket-banner--${STATUS_TONE[status]}`}>
      <Text className='ticket-banner__status' data-testid='ticket-status'>
        {TICKET_STATUS_LABELS[status]}
      </Text>
      <Text className='ticket-banner__line'>{STATUS_LINES[status]}</Text>
      {status !== 'withdrawn' && (
        <View className='ticket-banner__promises' data-testid='ticket-promised'>
          <View className='ticket-banner__promise'>
            <Text className='ticket-banner__label'>首次响应</Text>
            <Text className='ticket-banner__value'>{promised.firstRespondedAt ? `已响应 · ${formatDateTime(promised.firstRespondedAt)}` : `${formatDateTime(promised.firstResponseDueAt)} 前`}</Text>
          </View>
          {open && (
            <View className='ticket-banner__promise'>
              <Text className='ticket-banner__label'>预计解决</Text>
              <Text className='ticket-banner__value'>{`${formatDateTime(promised.resolutionDueAt)} 前`}</Text>
            </View>
          )}
          <Text className='ticket-banner__note'>以上均为北京时间</Text>
        </View>
      )}
    </View>
  )
}
