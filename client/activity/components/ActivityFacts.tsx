import { View, Text } from '@tarojs/components'
import type { ActivityDetail } from '@contract/activity'
import { formatPoints } from '@contract/format'
import { formatSpan, formatWhen } from '../../components/ActivityCard/when'

/** When, where, how many, who may come and what it costs: each fact of the activity on its own row. */
export function ActivityFacts({ detail }: { detail: ActivityDetail }) {
  const early = detail.priorityOpensAt < detail.signupOpensAt
  const open = detail.phase !== 'ended' && detail.status !== 'cancelled'
  const seats = !open ? '' : detail.seatsLeft > 0 ? ` · 剩余 ${detail.seatsLeft} 席` : ' · 已满'
  return (
    <View className='activity-facts' data-testid='activity-facts'>
      <Fact label='活动时间' value={formatSpan(detail.startAt, detail.endAt)} />
      <Fact label='活动地点' value={detail.place} />
      <Fact label='名额' value={`共 ${detail.capacity} 席 · 已报名 ${detail.confirmed} 人${seats}`} testId='activity-seats' />
      {open && <Fact label='候补' value={!detail.waitlist ? '不开放候补' : detail.waitlistCount > 0 ? `${detail.waitlistCount} 人候补` : '满员后可候补，暂无人候补'} testId='activity-waitlist' />}
      <Fact label='报名条件' value={detail.minTier === 'regular' ? '所有会员' : `${detail.minTierName}及以上会员`} />
      <Fact label='报名积分' value={detail.pointsCost > 0 ? `${formatPoints(detail.pointsCost)} 积分` : '免费'} />
      {detail.attendancePoints > 0 && <Fact label='签到奖励' value={`到场签到得 ${formatPoints(detail.attendancePoints)} 积分`} />}
      <Fact label='报名时间' value={`${formatWhen(detail.signupOpensAt)} 至 ${formatWhen(detail.signupClosesAt)}`} />
      {early && <Fact label='优先报名' value={`享优先报名权益的会员 ${formatWhen(detail.priorityOpensAt)} 起可报名（提前 ${detail.priorityHours} 小时）`} />}
      <Fact label='取消截止' value={`${formatWhen(detail.cancelCutoffAt)} 前可取消报名`} />
    </View>
  )
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className='activity-facts__row'>
      <Text className='activity-facts__label'>{label}</Text>
      <Text className='activity-facts__value' data-testid={testId}>
        {value}
      </Text>
    </View>
  )
}
