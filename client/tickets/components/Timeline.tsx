import { View, Text } from '@tarojs/components'
import type { TimelineEntry } from '@contract/ticket'
import { formatDateTime } from '@contract/format'
import { stepOf } from './labels'

/** The ticket's steps, latest first. */
export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const latestFirst = [...entries].reverse()
  return (
    <View className='ticket-timeline' data-testid='ticket-timeline'>
      {latestFirst.map((entry, index) => {
        const step = stepOf(entry)
        return (
          <View key={`${entry.at}-${entry.event}`} className={`ticket-timeline__step ${index === 0 ? 'ticket-timeline__step--latest' : ''}`} data-testid='ticket-step'>
            <View className='ticket-timeline__dot' />
            <View className='ticket-timeline__body'>
              <Text className='ticket-timeline__title'>{step.title}</Text>
              {entry.reason && <Text className='ticket-timeline__reason'>{`原因：${entry.reason}`}</Text>}
              <Text className='ticket-timeline__meta'>{`${step.who} · ${formatDateTime(entry.at)}`}</Text>
            </View>
          </View>
        )
      })}
    </View>
  )
}
