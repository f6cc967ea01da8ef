// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { RosterEntry } from '@contract/activity'
import { ROSTER_VIEWS, type RosterView } from '@contract/activityFields'
import { formatCardNo, formatDateTime, groupDigits } from '@contract/format'
import { FilterTabs } from '../../../components/FilterTabs'
import { ListFooter } from '../../../components/LedgerList'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { RoleGate } from '../../components/RoleGate'
import { useRoster } from '../../hooks/useRoster'
import './index.scss'

const VIEW_LABELS: Record<RosterView, string> = { confirmed: '已报名', waitlisted: '候补', cancelled: '已取消', checkedIn: '已签到' }
const EMPTY: Record<RosterView, string> = { confirmed: '还没有人报名', waitlisted: '没有候补', cancelled: '没有取消的报名', checkedIn: '还没有人签到' }

export default function RosterPage() {
  const activityId = useRouter().params.id ?? ''
  return <RoleGate area='roster'>{() => (activityId ? <RosterList activityId={activityId} /> : <Text className='admin-hint'>请从活动管理页打开报名名单</Text>)}</RoleGate>
}

function RosterList({ activityId }: { activityId: string }) {
  const roster = useRoster(activityId)
  usePullDownRefresh(async () => {
    await roster.refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void roster.loadMore())
  const tabs = ROSTER_VIEWS.map((view) => ({ key: view, label: roster.counts ? `${VIEW_LABELS[view]} ${groupDigits(roster.counts[view])}` : VIEW_LABELS[view] }))

  return (
    <View data-testid='roster'>
      <FilterTabs options={tabs} value={roster.view} onChange={roster.setView} sticky />
      {roster.status === 'loading' && <LoadingView />}
      {roster.status === 'error' && <ErrorView message={roster.error?.message ?? ''} onRetry={roster.retry} />}
      {roster.status === 'ready' && roster.items.length === 0 && <EmptyView title={EMPTY[roster.view]} />}
      {roster.status === 'ready' && roster.items.length > 0 && (
        <>
          <View className='roster'>
            {roster.items.map((entry) => (
              <Row key={entry.cardNo} entry={entry} />
            ))}
          </View>
          <ListFooter loadingMore={roster.loadingMore} hasMore={roster.hasMore} />
        </>
      )}
    </View>
  )
}

function Row({ entry }: { entry: RosterEntry }) {
  return (
    <View className='roster__row' data-testid='roster-entry'>
      <View className='roster__main'>
        <View className='roster__head'>
          <Text className='roster__name'>{entry.name}</Text>
          <Text className='roster__tier'>{entry.tierName}</Text>
          {entry.position !== null && <Text className='roster__position'>候补第 {entry.position} 位</Text>}
        </View>
        <Text className='roster__card'>{formatCardNo(entry.cardNo)}</Text>
      </View>
      <View className='roster__side'>
        <Text className='roster__time'>报名 {formatDateTime(entry.signedUpAt)}</Text>
        {entry.checkedInAt && <Text className='roster__time roster__time--in'>签到 {formatDateTime(entry.checkedInAt)}</Text>}
      </View>
    </View>
  )
}
