import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { MemberCard } from '../../components/MemberCard'
import { PointsSummary } from '../../components/PointsSummary'
import { ErrorView, LoadingView } from '../../components/StatusView'
import { useMember } from '../../hooks/useMember'
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
  return (
    <View className='card-page'>
      <MemberCard card={member} />
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
