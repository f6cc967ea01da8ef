import { View, Text } from '@tarojs/components'
import { formatMonthDay, formatPoints } from '@contract/format'
import type { PointsSummary as PointsSummaryData } from '@contract/points'
import type { QueryState } from '../../hooks/useCloudQuery'
import { openPage } from '../../services/navigate'
import { Skeleton } from '../StatusView'
import './index.scss'

/**
 * The member's points at a glance, for the card page: balance, the next lot about to expire, and
 * the way to the ledger and the rewards. The page owns the query, so it loads once per visit with
 * the page's other sections; while it loads the figures are placeholders, never a stand-in number.
 */
export function PointsSummary({ summary, onRetry }: { summary: QueryState<PointsSummaryData>; onRetry: () => void }) {
  return (
    <View className='points-summary' data-testid='points-summary'>
      <View className='points-summary__top'>
        <Text className='points-summary__label'>可用积分</Text>
        {summary.status === 'loading' && <Skeleton className='points-summary__balance-skeleton' />}
        {summary.status === 'error' && (
          <Text className='points-summary__retry' onClick={onRetry}>
            加载失败，点击重试
          </Text>
        )}
        {summary.status === 'ready' && (
          <Text className='points-summary__balance' data-testid='points-summary-balance'>
            {formatPoints(summary.data.pointsBalance)}
          </Text>
        )}
      </View>
      {summary.data?.expiringSoon && (
        <Text className='points-summary__expiring' data-testid='points-expiring'>
          即将过期 {formatPoints(summary.data.expiringSoon.points)} 积分（{formatMonthDay(summary.data.expiringSoon.expiresAt)}）
        </Text>
      )}
      <View className='points-summary__links'>
        <View className='points-summary__link' onClick={() => void openPage('/points/pages/history/index')}>
          积分明细 ›
        </View>
        <View className='points-summary__link' onClick={() => void openPage('/points/pages/rewards/index')}>
          积分商城 ›
        </View>
      </View>
    </View>
  )
}
