import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { StaffActivity } from '@contract/activity'
import { formatDateTime, groupDigits } from '@contract/format'
import { openPage } from '../../../services/navigate'
import { StatusTag } from './StatusTag'
import { activityWhen } from './when'
import './activity.scss'

interface ActivitySummaryProps {
  activity: StaffActivity
  busy: boolean
  onPublish: () => void
  onUnpublish: () => void
  onCancel: () => void
}

/** The activity as it stands, what may be done with it now, and its roster, check-in and evaluation. */
export function ActivitySummary({ activity, busy, onPublish, onUnpublish, onCancel }: ActivitySummaryProps) {
  const settled = activity.status === 'cancelled' || activity.status === 'closed' || activity.phase === 'ended'
  const links = [
    { label: '报名名单', url: `/admin/pages/roster/index?id=${activity.id}`, testId: 'activity-roster' },
    // Check-in is for a published activity before its end; the evaluation for any that went out.
    ...(settled ? [] : [{ label: '签到', url: `/admin/pages/checkin/index?id=${activity.id}`, testId: 'activity-checkin' }]),
    { label: '效果评估', url: `/admin/pages/evaluation/index?id=${activity.id}`, testId: 'activity-evaluation' },
  ]
  return (
    <>
      <View className='activity-summary' data-testid='activity-summary'>
        <View className='activity-row__head'>
          <Text className='activity-row__title'>{activity.title}</Text>
          <StatusTag activity={activity} />
        </View>
        <Text className='activity-row__meta'>
          {activity.typeLabel} · {activityWhen(activity.startAt, activity.endAt)}
        </Text>
        <Text className='activity-row__meta'>{activity.place}</Text>
        <View className='activity-row__figures'>
          <Text>
            已报名 {groupDigits(activity.confirmed)}/{groupDigits(activity.capacity)}
          </Text>
          <Text>余 {groupDigits(activity.seatsLeft)}</Text>
          {activity.waitlist && <Text className={activity.waitlistCount > 0 ? 'activity-row__figure--warn' : ''}>候补 {groupDigits(activity.waitlistCount)}</Text>}
        </View>
        {activity.publishedAt && <Text className='activity-row__meta'>发布于 {formatDateTime(activity.publishedAt)}</Text>}
        {activity.cancelReason && <Text className='activity-summary__cancelled'>取消原因：{activity.cancelReason}</Text>}
      </View>
      {!settled && (
        <View className='admin-actions'>
          {activity.status === 'draft' ? (
            <Button type='primary' loading={busy} disabled={busy} onClick={onPublish} data-testid='activity-publish'>
              发布
            </Button>
          ) : (
            // The server takes an activity back only while nobody has signed up; after that it is cancelled instead.
            activity.confirmed === 0 &&
            activity.waitlistCount === 0 && (
              <Button fill='outline' disabled={busy} onClick={onUnpublish} data-testid='activity-unpublish'>
                取消发布
              </Button>
            )
          )}
          <Button fill='outline' type='danger' disabled={busy} onClick={onCancel} data-testid='activity-cancel'>
            取消活动
          </Button>
        </View>
      )}
      {activity.status !== 'draft' && (
        <View className='activity-links'>
          {links.map((link) => (
            <Text key={link.url} className='activity-links__link' onClick={() => void openPage(link.url)} data-testid={link.testId}>
              {link.label}
            </Text>
          ))}
        </View>
      )}
    </>
  )
}
