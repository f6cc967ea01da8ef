import { View, Text } from '@tarojs/components'
import type { StaffActivity } from '@contract/activity'
import { groupDigits } from '@contract/format'
import { StatusTag } from './StatusTag'
import { activityWhen } from './when'
import './activity.scss'

/** One activity in the staff list: state, when and where, and how full it is. */
export function ActivityRow({ activity, onOpen }: { activity: StaffActivity; onOpen: () => void }) {
  return (
    <View className='activity-row' onClick={onOpen} data-testid='activity-row'>
      <View className='activity-row__head'>
        <Text className='activity-row__title'>{activity.title}</Text>
        <StatusTag activity={activity} />
      </View>
      <Text className='activity-row__meta'>
        {activity.typeLabel} · {activityWhen(activity.startAt, activity.endAt)}
      </Text>
      <Text className='activity-row__meta'>{activity.place}</Text>
      <View className='activity-row__figures'>
        <Text data-testid='activity-row-confirmed'>
          已报名 {groupDigits(activity.confirmed)}/{groupDigits(activity.capacity)}
        </Text>
        {activity.waitlistCount > 0 && <Text className='activity-row__figure--warn'>候补 {groupDigits(activity.waitlistCount)}</Text>}
      </View>
    </View>
  )
}
