import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { ActivityTab } from '@contract/activity'
import { ActivityCard } from '../../components/ActivityCard'
import { FilterTabs } from '../../components/FilterTabs'
import { ListFooter } from '../../components/LedgerList'
import { EmptyView, ErrorView, Skeleton } from '../../components/StatusView'
import { useOnReturn } from '../../hooks/useOnReturn'
import { openPage } from '../../services/navigate'
import { ACTIVITY_TAB_OPTIONS, useActivityList } from './useActivityList'
import './index.scss'

const EMPTY_TEXT: Record<ActivityTab, { title: string; description: string }> = {
  upcoming: { title: '暂无即将开始的活动', description: '门店发布新活动后会在这里显示' },
  ongoing: { title: '暂无进行中的活动', description: '看看即将开始的活动吧' },
  ended: { title: '暂无已结束的活动', description: '参加过的活动可在「我的活动」中查看' },
}

/** The 活动 tab: the shop's activities by phase, a page at a time as the member scrolls. */
export default function ActivitiesPage() {
  const list = useActivityList()
  // Back from an activity's page, its seats (and the member's own signup) may have changed.
  useOnReturn(list.refresh)
  usePullDownRefresh(async () => {
    await list.refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void list.loadMore())

  return (
    <View className='activities-page' data-testid='activities'>
      <FilterTabs options={ACTIVITY_TAB_OPTIONS} value={list.tab} onChange={list.setTab} sticky />
      <View className='activities-page__mine' onClick={() => void openPage('/activity/pages/mine/index')} data-testid='activities-mine'>
        <Text>我的活动</Text>
        <Text className='activities-page__chevron'>›</Text>
      </View>
      {list.status === 'loading' && <CardSkeletons />}
      {list.status === 'error' && <ErrorView message={list.error?.message ?? ''} onRetry={list.retry} />}
      {list.status === 'ready' && list.items.length === 0 && <EmptyView {...EMPTY_TEXT[list.tab]} />}
      {list.status === 'ready' && list.items.length > 0 && (
        <View className='activities-page__list'>
          {list.items.map((activity) => (
            <ActivityCard key={activity.id} activity={activity} onOpen={() => void openPage(`/activity/pages/detail/index?id=${activity.id}`)} />
          ))}
          <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} />
        </View>
      )}
    </View>
  )
}

function CardSkeletons() {
  return (
    <View data-testid='loading'>
      {[0, 1].map((index) => (
        <View key={index} className='activities-page__skeleton'>
          <Skeleton className='activities-page__skeleton-cover' />
          <Skeleton className='activities-page__skeleton-title' />
          <Skeleton className='activities-page__skeleton-line' />
        </View>
      ))}
    </View>
  )
}
