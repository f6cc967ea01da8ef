import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ActivityDetail } from '@contract/activity'
import { formatCardNo, formatDateTime, formatSignedPoints, groupDigits } from '@contract/format'
import { useCloudQuery } from '../../../hooks/useCloudQuery'
import { callCloud } from '../../../services/cloud'
import { ActionResult, ResultLine } from '../../components/ActionForm'
import { activityWhen } from '../../components/activity/when'
import { useCheckIn } from '../../hooks/useCheckIn'

/** The door: one big scan button, the answer for the member in front of you, and how many are in. */
export function CheckInDesk({ activityId, onChange }: { activityId: string; onChange?: () => void }) {
  const desk = useCheckIn(activityId)
  // The member-facing detail is open to anyone, cashiers included; without it the desk still works.
  const activity = useCloudQuery<ActivityDetail>(() => callCloud('activity', 'detail', { activityId }))
  const counts = desk.counts.data
  const { outcome } = desk
  return (
    <View className='checkin' data-testid='checkin-desk'>
      <View className='checkin__head'>
        <Text className='checkin__title'>{activity.data?.title ?? '活动签到'}</Text>
        {activity.data && <Text className='activity-row__meta'>{activityWhen(activity.data.startAt, activity.data.endAt)}</Text>}
        {onChange && (
          <Text className='checkin__change' onClick={onChange}>
            更换活动
          </Text>
        )}
      </View>
      <View className='checkin__count' data-testid='checkin-count'>
        {counts ? (
          <>
            <Text className='checkin__count-figure'>
              {groupDigits(counts.checkedIn)}
              <Text className='checkin__count-of'> / {groupDigits(counts.confirmed)}</Text>
            </Text>
            <Text className='checkin__count-text'>已签到 / 已报名</Text>
          </>
        ) : (
          <Text className='checkin__count-text'>{desk.counts.status === 'error' ? '签到人数暂不可用' : '正在读取签到人数…'}</Text>
        )}
        {desk.checkedInHere > 0 && <Text className='checkin__count-text'>本机已签到 {desk.checkedInHere} 人</Text>}
      </View>
      <View className='admin-actions'>
        <Button type='primary' block className='checkin__scan' loading={desk.busy} disabled={desk.busy} onClick={desk.scanAndCheckIn} data-testid='checkin-scan'>
          扫码签到
        </Button>
      </View>
      <Text className='admin-hint checkin__hint'>请会员打开会员卡，出示二维码</Text>
      {outcome?.kind === 'checkedIn' && (
        <ActionResult testId='checkin-result' title='签到成功' figure={outcome.result.pointsAwarded > 0 ? `${formatSignedPoints(outcome.result.pointsAwarded)} 积分` : undefined}>
          <ResultLine testId='checkin-member'>
            {outcome.result.name} · {outcome.result.tierName}
          </ResultLine>
          <ResultLine>卡号 {formatCardNo(outcome.result.cardNo)}</ResultLine>
          <ResultLine>签到时间 {formatDateTime(outcome.result.checkedInAt)}</ResultLine>
        </ActionResult>
      )}
      {outcome?.kind === 'refused' && <ActionResult testId='checkin-refused' warn='未能签到' title={outcome.message} />}
    </View>
  )
}
