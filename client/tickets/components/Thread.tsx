import { View, Text } from '@tarojs/components'
import type { ThreadEntry } from '@contract/ticket'
import { formatDateTime } from '@contract/format'

/** The public thread: the member's own words on the right, the shop's on the left under the staff member's name. */
export function Thread({ entries }: { entries: readonly ThreadEntry[] }) {
  if (entries.length === 0) return <Text className='ticket-section__empty'>客服回复后会显示在这里</Text>
  return (
    <View className='ticket-thread'>
      {entries.map((entry, index) => (
        <View key={`${entry.at}-${index}`} className={`ticket-thread__entry ticket-thread__entry--${entry.from}`} data-testid='ticket-thread-entry'>
          <Text className='ticket-thread__who'>{entry.from === 'member' ? '我' : entry.name || '客服'}</Text>
          <Text className='ticket-thread__bubble'>{entry.text}</Text>
          <Text className='ticket-thread__at'>{formatDateTime(entry.at)}</Text>
        </View>
      ))}
    </View>
  )
}
