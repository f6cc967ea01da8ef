import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { usePointsSummary } from '../../hooks/usePointsSummary'
import { monthDay } from '../LedgerList/dates'
import './index.scss'

/**
 * The member's points at a glance, for the card page: balance, the next lot about to expire, and
 * the way to the ledger and the rewards. Loads itself and refreshes whenever the page shows.
 */
export function PointsSummary() {
  const { status, data: summary, reload } = usePointsSummary()
  useDidShow(() => void reload())

  return (
    <View className='points-summary' data-testid='points-summary'>
      <View className='points-summary__top'>
        <Text className='points-summary__label'>可用积分</Text>
        {status === 'error' ? (
          <Text className='points-summary__retry' onClick={reload}>
            加载失败，点击重试
          </Text>
        ) : (
          <Text className='points-summary__balance' data-testid='points-summary-balance'>
            {summary ? summary.pointsBalance.toLocaleString('zh-CN') : '—'}
          </Text>
        )}
      </View>
      {summary?.expiringSoon && (
        <Text className='points-summary__expiring' data-testid='points-expiring'>
          即将过期 {summary.expiringSoon.points.toLocaleString('zh-CN')} 积分（{monthDay(summary.expiringSoon.expiresAt)}）
        </Text>
      )}
      <View className='points-summary__links'>
        <View className='points-summary__link' onClick={() => Taro.navigateTo({ url: '/points/pages/history/index' })}>
          积分明细 ›
        </View>
        <View className='points-summary__link' onClick={() => Taro.navigateTo({ url: '/points/pages/rewards/index' })}>
          积分商城 ›
        </View>
      </View>
    </View>
  )
}
