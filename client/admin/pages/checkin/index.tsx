// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { Role } from '@contract/roles'
import { ErrorView, EmptyView, LoadingView } from '../../../components/StatusView'
import { activityWhen } from '../../components/activity/when'
import { RoleGate } from '../../components/RoleGate'
import { useCheckInChoices } from '../../hooks/useCheckInChoices'
import { CheckInDesk } from './CheckInDesk'
import '../../components/activity/activity.scss'
import './index.scss'

/** `?id=` checks in at that activity; without it, the person picks one of those running now or soon. */
export default function CheckInPage() {
  const activityId = useRouter().params.id ?? null
  return <RoleGate area='checkIn'>{(role) => <CheckIn role={role} activityId={activityId} />}</RoleGate>
}

export function CheckIn({ role, activityId }: { role: Role; activityId: string | null }) {
  const [chosen, setChosen] = useState(activityId)
  const choices = useCheckInChoices(role, activityId === null)
  if (chosen) return <CheckInDesk activityId={chosen} onChange={activityId === null ? () => setChosen(null) : undefined} />
  if (choices.status === 'loading') return <LoadingView />
  if (choices.status === 'error') return <ErrorView message={choices.error.message} onRetry={choices.reload} />
  if (choices.data.length === 0) return <EmptyView title='暂无可签到的活动' description='已发布、尚未结束的活动会列在这里' />
  return (
    <View data-testid='checkin-choices'>
      <Text className='admin-hint admin-hint--left checkin__intro'>选择要签到的活动</Text>
      {choices.data.map((activity) => (
        <View key={activity.id} className='activity-row' onClick={() => setChosen(activity.id)} data-testid='checkin-choice'>
          <View className='activity-row__head'>
            <Text className='activity-row__title'>{activity.title}</Text>
            {activity.phase === 'ongoing' && <Text className='activity-tag activity-tag--live'>进行中</Text>}
          </View>
          <Text className='activity-row__meta'>{activityWhen(activity.startAt, activity.endAt)}</Text>
          <Text className='activity-row__meta'>{activity.place}</Text>
        </View>
      ))}
    </View>
  )
}
