// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { formatDate } from '@contract/format'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { RoleGate } from '../../components/RoleGate'
import { ChoiceChips } from '../../components/ticket/ChoiceChips'
import { StatsByCategory, StatsByWeek, StatsTotals } from '../../components/ticket/StatsViews'
import { STATS_SPANS, useTicketStats } from '../../hooks/useTicketStats'

const SPANS = STATS_SPANS.map((weeks) => ({ key: weeks, label: weeks === 26 ? '近半年' : `近 ${weeks} 周` }))

export default function TicketStatsPage() {
  return <RoleGate area='ticketStats'>{() => <TicketStatsView />}</RoleGate>
}

export function TicketStatsView() {
  const stats = useTicketStats()
  usePullDownRefresh(async () => {
    await stats.reload()
    Taro.stopPullDownRefresh()
  })
  // The figures on screen stay until the new span's arrive; the spinner says they are coming.
  async function changeSpan(weeks: number) {
    void Taro.showLoading({ title: '加载中' })
    await stats.setWeeks(weeks)
    void Taro.hideLoading()
  }

  return (
    <View data-testid='ticket-stats'>
      <View className='ticket-filters'>
        <ChoiceChips options={SPANS} value={stats.weeks} onChange={(weeks) => void changeSpan(weeks)} testId='stats-span' />
      </View>
      {stats.status === 'loading' && <LoadingView />}
      {stats.status === 'error' && <ErrorView message={stats.error.message} onRetry={stats.reload} />}
      {stats.status === 'ready' && (
        <>
          <Text className='admin-hint admin-hint--left'>
            {formatDate(stats.data.from)} 至 {formatDate(stats.data.to)} 提交的工单（北京时间，按周一起算）
          </Text>
          {stats.data.totals.opened === 0 && <Text className='admin-hint'>这段时间没有会员提交工单</Text>}
          <StatsTotals totals={stats.data.totals} />
          <StatsByCategory stats={stats.data} />
          <StatsByWeek stats={stats.data} />
        </>
      )}
    </View>
  )
}
