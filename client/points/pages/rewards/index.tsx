import { useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Reward } from '@contract/rewards'
import { FilterTabs, type TabOption } from '../../../components/FilterTabs'
import { RewardCard } from '../../../components/RewardCard'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { usePointsSummary } from '../../../hooks/usePointsSummary'
import { useRewards } from '../../../hooks/useRewards'
import { RedemptionList } from '../../components/RedemptionList'
import '../../components/points.scss'

type Section = 'shop' | 'mine'
const SECTIONS: TabOption<Section>[] = [
  { key: 'shop', label: '积分商城' },
  { key: 'mine', label: '我的兑换' },
]

export default function RewardsPage() {
  const summary = usePointsSummary()
  const { catalogue, redemptions, redeem, redeeming } = useRewards()
  const [section, setSection] = useState<Section>('shop')
  const balance = summary.data?.pointsBalance ?? 0
  const current = section === 'shop' ? catalogue : redemptions
  useDidShow(() => void summary.reload())
  usePullDownRefresh(async () => {
    await Promise.all([summary.reload(), current.reload()])
    Taro.stopPullDownRefresh()
  })

  async function confirmRedeem(reward: Reward) {
    const { confirm } = await Taro.showModal({
      title: '确认兑换',
      content: `使用 ${reward.pointsCost.toLocaleString('zh-CN')} 积分兑换「${reward.name}」？`,
      confirmText: '兑换',
      confirmColor: '#c8963e',
    })
    if (!confirm) return
    const result = await redeem(reward)
    if (!result) return
    void summary.reload()
    setSection('mine')
    await Taro.showModal({ title: '兑换成功', content: `兑换码 ${result.code}\n到店出示给店员核销即可领取`, showCancel: false, confirmText: '知道了', confirmColor: '#c8963e' })
  }

  return (
    <View className='points-page' data-testid='points-rewards'>
      <View className='points-balance'>
        <Text className='points-balance__label'>可用积分</Text>
        <Text className='points-balance__value' data-testid='rewards-balance'>
          {summary.data ? balance.toLocaleString('zh-CN') : '—'}
        </Text>
      </View>
      <FilterTabs options={SECTIONS} value={section} onChange={setSection} sticky />
      {current.status === 'loading' && <LoadingView />}
      {current.status === 'error' && <ErrorView message={current.error.message} onRetry={current.reload} />}
      {section === 'shop' && catalogue.status === 'ready' && (
        <View className='points-section'>
          {catalogue.data.length === 0 && <EmptyView title='暂无可兑换礼品' description='门店上架礼品后会显示在这里' />}
          {catalogue.data.map((reward) => {
            const short = reward.pointsCost > balance
            return (
              <RewardCard key={reward.id} reward={reward}>
                <Button type='primary' size='small' disabled={redeeming || reward.stock <= 0 || short} onClick={() => confirmRedeem(reward)} data-testid='reward-redeem'>
                  {reward.stock <= 0 ? '已兑完' : short ? '积分不足' : '兑换'}
                </Button>
              </RewardCard>
            )
          })}
        </View>
      )}
      {section === 'mine' && redemptions.status === 'ready' && (
        <View className='points-section'>
          {redemptions.data.length === 0 ? <EmptyView title='还没有兑换记录' description='在积分商城兑换礼品后，兑换码会显示在这里' /> : <RedemptionList redemptions={redemptions.data} />}
        </View>
      )}
    </View>
  )
}
