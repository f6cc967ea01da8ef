import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ActivityCover } from '../../../components/ActivityCard'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useCampaignLanding } from '../../../hooks/useCampaignLanding'
import { useOnReturn } from '../../../hooks/useOnReturn'
import { openPage } from '../../../services/navigate'
import { CONSENT_MOMENTS } from '@contract/templates'
import { requestConsent } from '../../../services/subscribe'
import { ActivityFacts } from '../../components/ActivityFacts'
import { MySignupPanel } from '../../components/MySignupPanel'
import { SignupBar } from '../../components/SignupBar'
import { askToCancel, shareOf, showSignedUp } from '../../components/signupFlow'
import { useActivity } from '../../hooks/useActivity'
import '../../components/activity.scss'

/** 提交反馈 about an activity the member signed up for, named by its title. */
const queryPath = (activityId: string, title: string) => `/tickets/pages/new/index?activity=${encodeURIComponent(activityId)}&label=${encodeURIComponent(title)}`

/** One activity: what it is, where the member stands, and the button to sign up. `share=1` when opened from a share. */
export default function ActivityDetailPage() {
  const { id = '', share } = useRouter().params
  const { detail, busy, signup, cancelSignup, rate } = useActivity(id)
  useCampaignLanding()
  useShareAppMessage(() => shareOf(detail.data, id))
  useOnReturn(detail.reload)
  usePullDownRefresh(async () => {
    await detail.reload()
    Taro.stopPullDownRefresh()
  })

  if (detail.status === 'loading') return <LoadingView />
  if (detail.status === 'error' && detail.error.code === 'NOT_FOUND') return <ActivityGone message={detail.error.message} />
  if (detail.status === 'error') return <ErrorView message={detail.error.message} onRetry={detail.reload} />
  const activity = detail.data
  const { mine } = activity

  function tapSignup() {
    if (activity.standing.state === 'notMember') return void openPage(`/pages/join/index?activity=${encodeURIComponent(activity.id)}`)
    if (!activity.standing.actionable) return
    // WeChat asks for consent only inside the tap itself, so before anything is awaited; the signup goes ahead whatever the answer.
    void requestConsent(CONSENT_MOMENTS.activitySignup)
    void signup().then((result) => result && showSignedUp(result))
  }

  async function tapCancel() {
    if (!(await askToCancel(activity))) return
    if (await cancelSignup()) void Taro.showToast({ title: '已取消报名', icon: 'success' })
  }

  return (
    <View className='activity-page' data-testid='activity-detail'>
      <ActivityCover activity={activity} className='activity-page__cover' />
      <View className='activity-page__head'>
        <Text className='activity-page__type'>{activity.typeLabel}</Text>
        <Text className='activity-page__title' data-testid='activity-title'>
          {activity.title}
        </Text>
      </View>
      {activity.status === 'cancelled' && (
        <View className='activity-page__cancelled' data-testid='activity-cancelled'>
          <Text className='activity-page__cancelled-title'>活动已取消</Text>
          {activity.cancelReason && <Text>原因：{activity.cancelReason}</Text>}
          {mine && mine.pointsPaid > 0 && <Text>报名所用积分将退还至您的账户</Text>}
        </View>
      )}
      {mine && <MySignupPanel detail={{ ...activity, mine }} busy={busy} onCancel={tapCancel} onRate={rate} />}
      {mine && activity.phase === 'ended' && (
        <View className='activity-page__more' onClick={() => void openPage(queryPath(activity.id, activity.title))} data-testid='activity-query'>
          对这次活动有疑问？告诉我们 ›
        </View>
      )}
      <ActivityFacts detail={activity} />
      <View className='activity-page__section'>
        <Text className='activity-page__section-title'>活动介绍</Text>
        <Text className='activity-page__description'>{activity.description || '暂无介绍'}</Text>
      </View>
      {share === '1' && (
        <View className='activity-page__more' onClick={() => void Taro.switchTab({ url: '/pages/activities/index' })} data-testid='activity-more'>
          查看门店更多活动 ›
        </View>
      )}
      <SignupBar detail={activity} busy={busy} onTap={tapSignup} />
    </View>
  )
}

/** A link to an activity that was withdrawn (or never was): retrying will not bring it back. */
function ActivityGone({ message }: { message: string }) {
  return (
    <View className='activity-page' data-testid='activity-gone'>
      <EmptyView title='找不到该活动' description={message} />
      <View className='activity-page__gone-action'>
        <Button type='primary' onClick={() => void Taro.switchTab({ url: '/pages/activities/index' })}>
          看看其他活动
        </Button>
      </View>
    </View>
  )
}
