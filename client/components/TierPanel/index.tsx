import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { TierStatus } from '@contract/tiers'
import { fullDate } from '../LedgerList/dates'
import './index.scss'

/** Under the card: the tier in its colour, progress to the next one, how long it is held, and the way to the benefits. */
export function TierPanel({ status }: { status: TierStatus }) {
  const percent = Math.round(Math.min(1, Math.max(0, status.progressRatio)) * 100)
  return (
    <View className='tier-panel' data-testid='tier-panel'>
      <View className='tier-panel__top'>
        <Text className='tier-panel__name' style={{ color: status.color }} data-testid='tier-panel-name'>
          {status.tierName}
        </Text>
        {status.tierUntil && (
          <Text className='tier-panel__until' data-testid='tier-panel-until'>
            有效期至 {fullDate(status.tierUntil)}
          </Text>
        )}
      </View>
      <View className='tier-panel__track'>
        <View className='tier-panel__bar' style={{ width: `${percent}%`, background: status.color }} data-testid='tier-panel-bar' />
      </View>
      <Text className='tier-panel__progress' data-testid='tier-panel-progress'>
        {status.progressText}
      </Text>
      <View className='tier-panel__link' onClick={() => Taro.navigateTo({ url: '/points/pages/tiers/index' })} data-testid='tier-panel-benefits'>
        查看等级权益 ›
      </View>
    </View>
  )
}
