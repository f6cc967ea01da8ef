import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { MemberCard as MemberCardData } from '@contract/member'
import { BirthdayBanner } from '../../components/BirthdayBanner'
import { MemberCard } from '../../components/MemberCard'
import { NoticeBanner } from '../../components/NoticeBanner'
import { PointsSummary } from '../../components/PointsSummary'
import { ErrorView, Skeleton } from '../../components/StatusView'
import { TierPanel, TierPanelSkeleton } from '../../components/TierPanel'
import { useBirthdayBanner } from '../../hooks/useBirthdayBanner'
import { useCampaignLanding } from '../../hooks/useCampaignLanding'
import { useMember } from '../../hooks/useMember'
import { useOnReturn } from '../../hooks/useOnReturn'
import { usePointsSummary } from '../../hooks/usePointsSummary'
import { useTierStatus } from '../../hooks/useTierStatus'
import { openPage } from '../../services/navigate'
import { LiveCode } from './LiveCode'
import './index.scss'

export default function CardPage() {
  const { status, member, error, reload } = useMember()
  useCampaignLanding()
  useOnReturn(reload)
  usePullDownRefresh(async () => {
    await reload()
    Taro.stopPullDownRefresh()
  })

  if (status === 'loading') return <CardSkeleton />
  if (status === 'error') return <ErrorView message={error.message} onRetry={reload} />
  if (!member) return <JoinPrompt />
  return <MemberView member={member} />
}

/** A member's card page; its tier, birthday and points sections load once there is a member, each in its own place. */
function MemberView({ member }: { member: MemberCardData }) {
  const tiers = useTierStatus()
  const birthday = useBirthdayBanner()
  const summary = usePointsSummary()
  const reloadSections = () => Promise.all([tiers.reload(), birthday.reload(), summary.reload()])
  useOnReturn(reloadSections)
  usePullDownRefresh(() => void reloadSections())
  const notice = tiers.data?.notice

  return (
    <View className='card-page'>
      {notice && <NoticeBanner explanation={notice.explanation} meaning={notice.meaning} onDismiss={tiers.dismissNotice} />}
      <MemberCard card={member} color={tiers.data?.color} />
      {tiers.status === 'loading' && <TierPanelSkeleton />}
      {tiers.status === 'ready' && <TierPanel status={tiers.data} />}
      {tiers.status === 'error' && (
        <View className='card-page__hint card-page__hint--tier' onClick={() => void tiers.reload()} data-testid='tier-panel-error'>
          <Text>等级信息加载失败 · </Text>
          <Text className='card-page__link'>点击重试</Text>
        </View>
      )}
      {birthday.data && <BirthdayBanner banner={birthday.data} />}
      <LiveCode cardNo={member.cardNo} />
      <PointsSummary summary={summary} onRetry={() => void summary.reload()} />
      <View className='card-page__hint' onClick={() => void openPage('/pages/profile/index')}>
        <Text>消费即可累积积分 · </Text>
        <Text className='card-page__link'>编辑资料</Text>
      </View>
    </View>
  )
}

/** The card page's shape while the card loads: nothing that reads as a figure until it is one. */
function CardSkeleton() {
  return (
    <View className='card-page' data-testid='loading'>
      <View className='member-card-skeleton'>
        <Skeleton className='member-card-skeleton__brand' />
        <Skeleton className='member-card-skeleton__name' />
        <Skeleton className='member-card-skeleton__number' />
      </View>
      <TierPanelSkeleton />
      <View className='live-code'>
        <Skeleton className='member-card-skeleton__code' />
      </View>
    </View>
  )
}

function JoinPrompt() {
  return (
    <View className='join-prompt' data-testid='join-prompt'>
      <View className='join-prompt__card'>
        <Text className='join-prompt__title'>成为会员</Text>
        <Text className='join-prompt__text'>消费累积积分，积分可兑换礼品、抵扣现金；生日还有专属礼遇。</Text>
      </View>
      <Button type='primary' block onClick={() => void openPage('/pages/join/index')}>
        立即加入
      </Button>
    </View>
  )
}
