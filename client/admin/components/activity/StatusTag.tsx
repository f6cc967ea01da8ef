import { Text } from '@tarojs/components'
import type { ActivityPhase, ActivityStatus } from '@contract/activity'
import { statusOf } from './status'
import './activity.scss'

export function StatusTag({ activity }: { activity: { status: ActivityStatus; phase: ActivityPhase } }) {
  const { label, tone } = statusOf(activity)
  return (
    <Text className={`activity-tag activity-tag--${tone}`} data-testid='activity-status'>
      {label}
    </Text>
  )
}
