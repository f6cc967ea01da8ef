import { View, Text, Image } from '@tarojs/components'
import type { ActivityListItem, ActivitySummary } from '@contract/activity'
import { formatPoints } from '@contract/format'
import { formatSpan } from './when'
import './index.scss'

/** A cover's stand-in when staff set none: a colour and a character for the kind of activity. */
const PLACEHOLDER_MARK: Record<ActivitySummary['type'], string> = { launch: '新', memberSale: '惠', party: '聚', class: '课', other: '活' }

/** `剩余 8 席`, `已满 · 3 人候补`; an ended or cancelled activity says so instead. */
export function seatsText(activity: ActivitySummary): string {
  if (activity.status === 'cancelled') return '活动已取消'
  if (activity.phase === 'ended') return `已结束 · ${activity.confirmed} 人报名`
  if (activity.seatsLeft > 0) return `剩余 ${activity.seatsLeft} 席`
  return activity.waitlistCount > 0 ? `已满 · ${activity.waitlistCount} 人候补` : '已满'
}

export function ActivityCover({ activity, className }: { activity: Pick<ActivitySummary, 'coverUrl' | 'type'>; className: string }) {
  if (activity.coverUrl) return <Image className={className} src={activity.coverUrl} mode='aspectFill' lazyLoad data-testid='activity-cover' />
  return (
    <View className={`${className} activity-cover activity-cover--${activity.type}`} data-testid='activity-cover-placeholder'>
      <Text className='activity-cover__mark'>{PLACEHOLDER_MARK[activity.type]}</Text>
    </View>
  )
}

const MINE_LABELS: Record<NonNullable<ActivityListItem['mine']>, string> = { confirmed: '已报名', waitlisted: '候补中', checkedIn: '已签到' }

/** An activity in a list: cover, title, kind, when and where, seats, who may come, what it costs, and the member's own signup. */
export function ActivityCard({ activity, onOpen }: { activity: ActivitySummary & Partial<Pick<ActivityListItem, 'mine'>>; onOpen: () => void }) {
  const open = activity.phase !== 'ended' && activity.status !== 'cancelled'
  return (
    <View className={`activity-card ${activity.status === 'cancelled' ? 'activity-card--off' : ''}`} onClick={onOpen} data-testid='activity-card'>
      <View className='activity-card__cover-box'>
        <ActivityCover activity={activity} className='activity-card__cover' />
        <Text className='activity-card__type'>{activity.typeLabel}</Text>
        {activity.mine && (
          <Text className={`activity-card__mine activity-card__mine--${activity.mine}`} data-testid='activity-mine'>
            {MINE_LABELS[activity.mine]}
          </Text>
        )}
      </View>
      <View className='activity-card__body'>
        <Text className='activity-card__title'>{activity.title}</Text>
        <Text className='activity-card__line'>{formatSpan(activity.startAt, activity.endAt)}</Text>
        <Text className='activity-card__line'>{activity.place}</Text>
        <View className='activity-card__foot'>
          <Text className={`activity-card__seats ${open && activity.seatsLeft > 0 ? '' : 'activity-card__seats--off'}`} data-testid='activity-seats'>
            {seatsText(activity)}
          </Text>
          <View className='activity-card__tags'>
            {activity.minTier !== 'regular' && (
              <Text className='activity-card__tag activity-card__tag--tier' data-testid='activity-min-tier'>
                {activity.minTierName}及以上
              </Text>
            )}
            <Text className='activity-card__tag' data-testid='activity-cost'>
              {activity.pointsCost > 0 ? `${formatPoints(activity.pointsCost)} 积分` : '免费'}
            </Text>
          </View>
        </View>
      </View>
    </View>
  )
}
