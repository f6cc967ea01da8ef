import { useRouter } from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { usePointsSummary } from '../../../hooks/usePointsSummary'
import { useReward } from '../../../hooks/useRewards'
import { askToRedeem, redeemLabel, showMyRedemptions, showRedeemed } from '../../components/redeemFlow'
import '../../components/points.scss'
import './index.scss'
import { formatPoints } from '@contract/format'

/** One reward, opened from the catalogue: its picture, what it is, its price, and redeeming it. */
export default function RewardPage() {
  const { reward, catalogue, redeem, redeeming } = useReward(useRouter().params.id ?? '')
  const summary = usePointsSummary()
  const balance = summary.data?.pointsBalance ?? 0

  if (catalogue.status === 'loading') return <LoadingView />
  if (catalogue.status === 'error') return <ErrorView message={catalogue.error.message} onRetry={catalogue.reload} />
  if (!reward) return <EmptyView title='礼品已下架' description='该礼品暂不可兑换，去积分商城看看其他礼品吧' />

  const { label, possible } = redeemLabel(reward, balance)
  async function confirmRedeem() {
    if (!reward || !(await askToRedeem(reward))) return
    const result = await redeem(reward)
    if (!result) return
    await showRedeemed(result)
    await showMyRedemptions()
  }

  return (
    <View className='points-page reward-page' data-testid='reward-page'>
      {reward.imageUrl ? (
        <Image className='reward-page__picture' src={reward.imageUrl} mode='aspectFill' data-testid='reward-page-picture' />
      ) : (
        <View className='reward-page__no-picture'>{reward.name}</View>
      )}
      <View className='reward-page__info'>
        <Text className='reward-page__name'>{reward.name}</Text>
        <View className='reward-page__figures'>
          <Text className='reward-page__cost'>{formatPoints(reward.pointsCost)} 积分</Text>
          <Text className='reward-page__stock'>{reward.stock > 0 ? `库存 ${reward.stock}` : '已兑完'}</Text>
        </View>
        {reward.description && <Text className='reward-page__description'>{reward.description}</Text>}
        <Text className='reward-page__how'>兑换后在「我的兑换」查看兑换码和二维码，到店出示给店员核销即可领取。</Text>
      </View>
      <View className='reward-page__bar'>
        <Text className='reward-page__balance'>可用 {summary.data ? formatPoints(balance) : '—'} 积分</Text>
        <Button type='primary' disabled={redeeming || !possible} loading={redeeming} onClick={confirmRedeem} data-testid='reward-page-redeem'>
          {label}
        </Button>
      </View>
    </View>
  )
}
