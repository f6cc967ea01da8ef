import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Reward } from '@contract/rewards'
import { FilterTabs, type TabOption } from '../../../components/FilterTabs'
import { RewardCard } from '../../../components/RewardCard'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useCampaignLanding } from '../../../hooks/useCampaignLanding'
import { usePointsSummary } from '../../../hooks/usePointsSummary'
import { useRewards } from '../../../hooks/useRewards'
import { RedemptionList } from '../../components/RedemptionList'
import { askToRedeem, REDEEMED_EVENT, redeemLabel, rewardPageUrl, showRedeemed } from '../../components/redeemFlow'
import '../../components/points.scss'
import { formatPoints } from '@contract/format'

type Section = 'shop' | 'mine'
const SECTIONS: TabOption<Section>[] = [
  { key: 'shop', label: '积分商城' },
  { key: 'mine', label: '我的兑换' },
]

export default function RewardsPage() {
  const summary = usePointsSummary()
  useCampaignLanding()
  const { catalogue, redemptions, redeem, redeeming } = useRewards()
  // A redemption made on a reward's own page lands here, on 我的兑换.
  const { params } = useRouter()
  const [section, setSection] = useState<Section>(params.section === 'mine' ? 'mine' : 'shop')
  const balance = summary.data?.pointsBalance ?? 0
  const current = section === 'shop' ? catalogue : redemptions
  // Back from a reward's page: balance, stock and codes may have changed there (the first show is the first load).
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (shownBefore.current) void Promise.all([summary.reload(), catalogue.reload(), redemptions.reload()])
    shownBefore.current = true
  })
  useEffect(() => {
    const showMine = () => setSection('mine')
    Taro.eventCenter.on(REDEEMED_EVENT, showMine)
    return () => void Taro.eventCenter.off(REDEEMED_EVENT, showMine)
  }, [])
  usePullDownRefresh(async () => {
    await Promise.all([summary.reload(), current.reload()])
    Taro.stopPullDownRefresh()
  })

  async function confirmRedeem(reward: Reward) {
    if (!(await askToRedeem(reward))) return
    const result = await redeem(reward)
    if (!result) return
    void summary.reload()
    setSection('mine')
    await showRedeemed(result)
  }

  return (
    <View className='points-page' data-testid='points-rewards'>
      <View className='points-balance'>
        <Text className='points-balance__label'>可用积分</Text>
        <Text className='points-balance__value' data-testid='rewards-balance'>
          {summary.data ? formatPoints(balance) : '—'}
        </Text>
      </View>
      <FilterTabs options={SECTIONS} value={section} onChange={setSection} sticky />
      {current.status === 'loading' && <LoadingView />}
      {current.status === 'error' && <ErrorView message={current.error.message} onRetry={current.reload} />}
      {section === 'shop' && catalogue.status === 'ready' && (
        <View className='points-section'>
          {catalogue.data.length === 0 && <EmptyView title='暂无可兑换礼品' description='门店上架礼品后会显示在这里' />}
          {catalogue.data.map((reward) => {
            const { label, possible } = redeemLabel(reward, balance)
            return (
              <RewardCard key={reward.id} reward={reward} onOpen={() => void Taro.navigateTo({ url: rewardPageUrl(reward) })}>
                <Button type='primary' size='small' disabled={redeeming || !possible} onClick={() => confirmRedeem(reward)} data-testid='reward-redeem'>
                  {label}
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
