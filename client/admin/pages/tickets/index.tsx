// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Role } from '@contract/roles'
import { QUEUE_VIEW_LABELS } from '@contract/ticketFields'
import { ListFooter } from '../../../components/LedgerList'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useOnReturn } from '../../../hooks/useOnReturn'
import { openPage } from '../../../services/navigate'
import { allows } from '../../access'
import { RoleGate } from '../../components/RoleGate'
import { QueueFilters, QueueTabs } from '../../components/ticket/QueueFilters'
import { QueueRow } from '../../components/ticket/QueueRow'
import { useTicketClock } from '../../hooks/useTicketClock'
import { useTicketQueue, type QueueFilter } from '../../hooks/useTicketQueue'

const LINKS = [
  { area: 'ticketStats', label: '服务统计', url: '/admin/pages/ticketStats/index' },
  { area: 'sla', label: '服务时限', url: '/admin/pages/sla/index' },
] as const

export default function TicketQueuePage() {
  return <RoleGate area='tickets'>{(role) => <TicketQueue role={role} />}</RoleGate>
}

export function TicketQueue({ role }: { role: Role }) {
  const queue = useTicketQueue()
  const now = useTicketClock()
  usePullDownRefresh(async () => {
    await queue.refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void queue.loadMore())
  // Back from a ticket, what was done to it (taken, resolved, closed) moves it here too.
  useOnReturn(queue.refresh)
  const links = LINKS.filter((link) => allows(role, link.area))

  return (
    <View data-testid='ticket-queue'>
      {links.length > 0 && (
        <View className='ticket-links'>
          {links.map((link) => (
            <Text key={link.url} className='ticket-links__link' onClick={() => void openPage(link.url)} data-testid={`queue-link-${link.area}`}>
              {link.label} ›
            </Text>
          ))}
        </View>
      )}
      <QueueTabs filter={queue.filter} counts={queue.counts} onChange={queue.change} />
      <QueueFilters filter={queue.filter} onChange={queue.change} />
      {queue.status === 'loading' && <LoadingView />}
      {queue.status === 'error' && <ErrorView message={queue.error?.message ?? ''} onRetry={queue.retry} />}
      {queue.status === 'ready' && queue.items.length === 0 && (
        <>
          <EmptyView {...emptyOf(queue.filter)} />
          {filtered(queue.filter) && (
            <View className='admin-actions'>
              <Button fill='outline' onClick={() => queue.change({ category: null, assignee: 'all', breachedOnly: false })} data-testid='queue-clear-filters'>
                清除筛选
              </Button>
            </View>
          )}
        </>
      )}
      {queue.status === 'ready' && queue.items.length > 0 && (
        <View className='admin-list'>
          {queue.items.map((item) => (
            <QueueRow key={item.id} item={item} now={now} onOpen={() => void openPage(`/admin/pages/ticket/index?id=${item.id}`)} />
          ))}
          <ListFooter loadingMore={queue.loadingMore} hasMore={queue.hasMore} />
        </View>
      )}
    </View>
  )
}

const filtered = (filter: QueueFilter) => filter.category !== null || filter.assignee !== 'all' || filter.breachedOnly

function emptyOf(filter: QueueFilter): { title: string; description?: string } {
  if (filtered(filter)) return { title: '没有符合条件的工单', description: '换个筛选条件，或清除筛选看全部' }
  if (filter.view === 'active') return { title: '暂无待处理的工单', description: '会员提交的投诉与反馈会出现在这里' }
  if (filter.view === 'revisit') return { title: '没有进行中的回访', description: '会员评价偏低或重新打开工单时会开始回访' }
  return { title: `没有${QUEUE_VIEW_LABELS[filter.view]}的工单` }
}
