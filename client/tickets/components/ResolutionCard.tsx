import { View, Text } from '@tarojs/components'
import type { ResolutionView } from '@contract/ticket'
import { formatDateTime } from '@contract/format'
import { OUTCOME_LABELS, compensationText } from './labels'
import { TicketStars } from './Rating'

/** One resolution the shop gave: what was done, what the member was given for it, how it ended, and their rating. */
export function ResolutionCard({ resolution, numbered }: { resolution: ResolutionView; numbered: boolean }) {
  return (
    <View className='ticket-resolution' data-testid='ticket-resolution'>
      <View className='ticket-resolution__head'>
        <Text className='ticket-resolution__title'>{numbered ? `第 ${resolution.n} 次处理结果` : '处理结果'}</Text>
        {resolution.outcome && <Text className='ticket-resolution__outcome'>{OUTCOME_LABELS[resolution.outcome]}</Text>}
      </View>
      <Text className='ticket-resolution__summary'>{resolution.summary}</Text>
      {resolution.compensation && (
        <Text className='ticket-resolution__compensation' data-testid='ticket-compensation'>
          {compensationText(resolution.compensation)}
        </Text>
      )}
      <Text className='ticket-resolution__at'>{formatDateTime(resolution.at)}</Text>
      {resolution.rating && (
        <View className='ticket-resolution__rating' data-testid='ticket-rating'>
          <Text className='ticket-resolution__label'>我的评价</Text>
          <TicketStars score={resolution.rating.score} />
          {resolution.rating.comment && <Text className='ticket-resolution__comment'>{resolution.rating.comment}</Text>}
        </View>
      )}
    </View>
  )
}
