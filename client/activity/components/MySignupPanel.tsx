import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ActivityDetail, MySignup } from '@contract/activity'
import { formatDateTime, formatPoints } from '@contract/format'
import { CheckInCode } from './CheckInCode'
import { RatingForm, Stars } from './RatingForm'

/** The server says when the code to check in with is due (a day before the start until the end), by its own clock. */
export function showsCheckInCode(detail: ActivityDetail): boolean {
  return detail.mine?.showCheckInCode === true
}

function statusLine(mine: MySignup, activityCancelled: boolean): string {
  if (activityCancelled && !mine.checkedInAt) return mine.refunded ? `活动已取消，已退还 ${formatPoints(mine.pointsPaid)} 积分` : '活动已取消，报名随之取消'
  if (mine.checkedInAt) return `已签到 · ${formatDateTime(mine.checkedInAt)}`
  if (mine.status === 'waitlisted') return `候补第 ${mine.position ?? '-'} 位 · 有名额空出时按顺序自动补上`
  if (mine.status === 'cancelled') return '已取消报名'
  return '已报名，期待您的到来'
}

interface Props {
  detail: ActivityDetail & { mine: MySignup }
  busy: boolean
  onCancel: () => void
  onRate: (score: number, comment: string) => Promise<unknown>
}

/** 我的报名: where the member's signup stands, the check-in code when it is near, cancelling, rating. */
export function MySignupPanel({ detail, busy, onCancel, onRate }: Props) {
  const { mine } = detail
  return (
    <View className='my-signup' data-testid='my-signup'>
      <View className='my-signup__head'>
        <Text className='my-signup__title'>我的报名</Text>
        <Text className='my-signup__status' data-testid='my-signup-status'>
          {statusLine(mine, detail.status === 'cancelled')}
        </Text>
      </View>
      <Text className='my-signup__meta'>
        报名时间 {formatDateTime(mine.signedUpAt)}
        {mine.pointsPaid > 0 ? ` · ${mine.refunded ? '已退还' : '已使用'} ${formatPoints(mine.pointsPaid)} 积分` : ''}
      </Text>
      {showsCheckInCode(detail) && <CheckInCode />}
      {mine.rating && (
        <View className='my-signup__rating' data-testid='my-rating'>
          <Text className='my-signup__label'>我的评价</Text>
          <Stars score={mine.rating.score} />
          {mine.rating.comment && <Text className='my-signup__comment'>{mine.rating.comment}</Text>}
        </View>
      )}
      {mine.canRate && <RatingForm busy={busy} onSubmit={onRate} />}
      {mine.canCancel && (
        <View className='my-signup__cancel'>
          <Button size='small' disabled={busy} onClick={onCancel} data-testid='activity-cancel'>
            取消报名
          </Button>
        </View>
      )}
    </View>
  )
}
