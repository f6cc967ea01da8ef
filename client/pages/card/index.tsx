import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { MemberCard as MemberCardData } from '@contract/member'
import { BirthdayBanner } from '../../components/BirthdayBanner'
import { MemberCard } from '../../components/MemberCard'
import { NoticeBanner } from '../../components/NoticeBanner'
import { PointsSummary } from '../../components/PointsSummary'
import { ErrorView, LoadingView } from '../../components/StatusView'
import { TierPanel } from '../../components/TierPanel'
import { useBirthdayBanner } from '../../hooks/useBirthdayBanner'
import { useMember } from '../../hooks/useMember'
import { useTierStatus } from '../../hooks/useTierStatus'
import { LiveCode } from './LiveCode'
import './index.scss'

export default function CardPage() {
  const { status, member, error, reload } = useMember()
  useDidShow(() => void reload())
  usePullDownRefresh(async () => {
    await reload()
    Taro.stopPullDownRefresh()
  })

  if (status === 'loading') return <LoadingView />
  if (status === 'error') return <ErrorView message={error.message} onRetry={reload} />
  if (!member) return <JoinPrompt />
  return <MemberView member={member} />
}

/** A member's card page; its tier and birthday sections load only once there is a member. */
function MemberView({ member }: { member: MemberCardData }) {
  const tiers = useTierStatus()
  const birthday = useBirthdayBanner()
  const reloadSections = () => Promise.all([tiers.reload(), birthday.reload()])
  useDidShow(() => void reloadSections())
  usePullDownRefresh(() => void reloadSections())
  const notice = tiers.data?.notice

  return (
    <View className='card-page'>
      {notice && <NoticeBanner explanation={notice.explanation} meaning={notice.meaning} onDismiss={tiers.dismissNotice} />}
      <MemberCard card={member} color={tiers.data?.color} />
      {tiers.data && <TierPanel status={tiers.data} />}
      {tiers.status === 'error' && (
        <View className='card-page__hint card-page__hint--tier' onClick={() => void tiers.reload()} data-testid='tier-panel-error'>
          <Text>等级信息加载失败 · </Text>
          <Text className='card-page__link'>点击重试</Text>
        </View>
      )}
      {birthday.data && <BirthdayBanner banner={birthday.data} />}
      <LiveCode cardNo={member.cardNo} />
      <PointsSummary />
      <View className='card-page__hint' onClick={() => Taro.navigateTo({ url: '/pages/profile/index' })}>
        <Text>消费即可累积积分 · </Text>
        <Text className='card-page__link'>编辑资料</Text>
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
      <Button type='primary' block onClick={() => Taro.navigateTo({ url: '/pages/join/index' })}>
        立即加入
      </Button>
    </View>
  )
}
