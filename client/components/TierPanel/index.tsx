import { View, Text } from '@tarojs/components'
import type { TierStatus } from '@contract/tiers'
import { formatDate } from '@contract/format'
import { openPage } from '../../services/navigate'
import { Skeleton } from '../StatusView'
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
            有效期至 {formatDate(status.tierUntil)}
          </Text>
        )}
      </View>
      <View className='tier-panel__track'>
        <View className='tier-panel__bar' style={{ width: `${percent}%`, background: status.color }} data-testid='tier-panel-bar' />
      </View>
      <Text className='tier-panel__progress' data-testid='tier-panel-progress'>
        {status.progressText}
      </Text>
      <View className='tier-panel__link' onClick={() => void openPage('/points/pages/tiers/index')} data-testid='tier-panel-benefits'>
        查看等级权益 ›
      </View>
    </View>
  )
}

/** The panel's shape while the tier loads, so the card page does not jump when it arrives. */
export function TierPanelSkeleton() {
  return (
    <View className='tier-panel' data-testid='tier-panel-loading'>
      <View className='tier-panel__top'>
        <Skeleton className='tier-panel__name-skeleton' />
        <Skeleton className='tier-panel__until-skeleton' />
      </View>
      <View className='tier-panel__track' />
      <Skeleton className='tier-panel__progress-skeleton' />
      <View className='tier-panel__link tier-panel__link--idle'>查看等级权益 ›</View>
    </View>
  )
}
