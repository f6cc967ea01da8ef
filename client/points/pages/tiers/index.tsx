import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { TierStatus, TierView } from '@contract/tiers'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { formatDiscount, formatPoints, shortYuan } from '@contract/format'
import { useTierStatus } from '../../../hooks/useTierStatus'
import './index.scss'

type Basis = TierStatus['basis']

/** Each row of the comparison: a label and how one tier reads in it. */
const ROWS: { label: (basis: Basis) => string; cell: (tier: TierView, basis: Basis) => string }[] = [
  {
    label: (basis) => (basis === 'spend' ? '近12月消费' : '近12月积分'),
    cell: (tier, basis) => (tier.threshold === 0 ? '入会即享' : basis === 'spend' ? shortYuan(tier.threshold) : `${formatPoints(tier.threshold)} 积分`),
  },
  { label: () => '积分倍率', cell: (tier) => `×${tier.pointsMultiplier}` },
  { label: () => '会员折扣', cell: (tier) => (tier.discountPercent > 0 ? formatDiscount(tier.discountPercent) : '—') },
  { label: () => '生日积分', cell: (tier) => (tier.birthdayPerk.points > 0 ? formatPoints(tier.birthdayPerk.points) : '—') },
  { label: () => '生日礼券', cell: (tier) => tier.birthdayPerk.couponTitle ?? '—' },
  { label: () => '活动优先报名', cell: (tier) => (tier.prioritySignup ? '✓' : '—') },
]

/** All tiers side by side, the member's own highlighted. */
export default function TierBenefitsPage() {
  const status = useTierStatus()
  usePullDownRefresh(async () => {
    await status.reload()
    Taro.stopPullDownRefresh()
  })

  if (status.status === 'loading') return <LoadingView />
  if (status.status === 'error') return <ErrorView message={status.error.message} onRetry={status.reload} />
  const { tiers, basis, tier: mine } = status.data
  return (
    <View className='tier-benefits' data-testid='tier-benefits'>
      <View className='tier-benefits__head' style={{ background: status.data.color }}>
        <Text className='tier-benefits__mine'>您当前是{status.data.tierName}会员</Text>
        <Text className='tier-benefits__progress'>{status.data.progressText}</Text>
      </View>
      <View className='tier-table'>
        <View className='tier-table__row tier-table__row--head'>
          <Text className='tier-table__label'>等级</Text>
          {tiers.map((tier) => (
            <View key={tier.id} className={`tier-table__cell ${tier.id === mine ? 'tier-table__cell--mine' : ''}`} data-testid={tier.id === mine ? 'tier-mine' : undefined}>
              <Text className='tier-table__name' style={{ color: tier.color }}>
                {tier.name}
              </Text>
              {tier.id === mine && <Text className='tier-table__badge'>当前</Text>}
            </View>
          ))}
        </View>
        {ROWS.map((row) => (
          <View key={row.label(basis)} className='tier-table__row'>
            <Text className='tier-table__label'>{row.label(basis)}</Text>
            {tiers.map((tier) => (
              <Text key={tier.id} className={`tier-table__cell ${tier.id === mine ? 'tier-table__cell--mine' : ''}`}>
                {row.cell(tier, basis)}
              </Text>
            ))}
          </View>
        ))}
      </View>
      <Text className='tier-benefits__note'>
        {basis === 'spend' ? '按近 12 个月累计消费金额评定等级' : '按近 12 个月获得积分评定等级'}，达到门槛即时升级；等级自达到之日起保留 12 个月，到期后按当时的累计重新评定。
      </Text>
    </View>
  )
}
