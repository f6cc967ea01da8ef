import { View, Text } from '@tarojs/components'
import type { MyActivity } from '@contract/activity'
import { ActivityCover } from '../../components/ActivityCard'
import { formatSpan } from '../../components/ActivityCard/when'
import { signupLabel } from '../hooks/useMyActivities'

/** One of the member's signups: the activity, when and where, and where the signup stands. */
export function MyActivityRow({ entry, onOpen }: { entry: MyActivity; onOpen: () => void }) {
  const { activity } = entry
  const label = signupLabel(entry)
  return (
    <View className='my-activity' onClick={onOpen} data-testid='my-activity'>
      <ActivityCover activity={activity} className='my-activity__cover' />
      <View className='my-activity__body'>
        <Text className='my-activity__title'>{activity.title}</Text>
        <Text className='my-activity__line'>{formatSpan(activity.startAt, activity.endAt)}</Text>
        <Text className='my-activity__line'>{activity.place}</Text>
        <Text className={`my-activity__status my-activity__status--${label.tone}`} data-testid='my-activity-status'>
          {label.text}
        </Text>
      </View>
    </View>
  )
}
