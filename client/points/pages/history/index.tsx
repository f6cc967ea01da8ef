import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { FilterTabs } from '../../../components/FilterTabs'
import { LedgerList, ListFooter } from '../../../components/LedgerList'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { HISTORY_TABS, useMyPointsHistory } from '../../../hooks/usePointsHistory'
import { openPage } from '../../../services/navigate'
import '../../components/points.scss'

const EMPTY_TEXT = { all: '暂无积分记录', earned: '暂无获得记录', redeemed: '暂无使用记录', expired: '暂无过期记录', adjusted: '暂无调整记录' } as const

/** 有问题？ on an order's entry: 提交反馈 about that order, named as the member read it here. */
const queryPath = (orderId: string, label: string) => `/tickets/pages/new/index?ref=${encodeURIComponent(orderId)}&label=${encodeURIComponent(label)}`

/** The member's ledger: newest first, 20 a page as they scroll, by kind. */
export default function PointsHistoryPage() {
  const history = useMyPointsHistory()
  usePullDownRefresh(async () => {
    await history.refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void history.loadMore())

  return (
    <View className='points-page' data-testid='points-history'>
      <FilterTabs options={HISTORY_TABS} value={history.filter} onChange={history.setFilter} sticky />
      {history.status === 'loading' && <LoadingView />}
      {history.status === 'error' && <ErrorView message={history.error?.message ?? ''} onRetry={history.retry} />}
      {history.status === 'ready' && history.items.length === 0 && <EmptyView title={EMPTY_TEXT[history.filter]} description='到店消费即可累积积分' />}
      {history.status === 'ready' && history.items.length > 0 && (
        <View style={{ paddingTop: '12px' }}>
          <LedgerList entries={history.items} onQuery={(entry, orderId) => void openPage(queryPath(orderId, entry.reason))} />
          <ListFooter loadingMore={history.loadingMore} hasMore={history.hasMore} />
        </View>
      )}
    </View>
  )
}
