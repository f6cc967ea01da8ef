// Staff styles first, so every staff page orders its stylesheets the same way.
import '../../../admin/components/admin.scss'
import '../../components/insight.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { ActivityTypeComparison } from '@contract/activity'
import { formatPercent, groupDigits, shortYuan } from '@contract/format'
import type { InsightService } from '@contract/stats'
import type { TicketFigures } from '@contract/ticket'
import { ErrorView } from '../../../components/StatusView'
import { callCloud } from '../../../services/cloud'
import { RoleGate } from '../../../admin/components/RoleGate'
import { Card, CardSkeletons } from '../../components/Card'
import { Chart } from '../../components/Chart'
import { axisDay, dayLabel, shortMinutes } from '../../format'
import { useKeyedQuery } from '../../hooks/useInsightRange'

const SPANS = [4, 8, 12, 26] as const
/** A share of breached tickets above this reads red: more than one complaint in ten kept waiting. */
const BREACH_WARN = 0.1

export default function ServicePage() {
  return <RoleGate area='insight'>{() => <ServiceInsight />}</RoleGate>
}

export function ServiceInsight() {
  const [weeks, setWeeks] = useState<number>(8)
  const query = useKeyedQuery<InsightService>(String(weeks), () => callCloud('stats', 'service', { weeks }))
  usePullDownRefresh(async () => {
    await query.reload()
    Taro.stopPullDownRefresh()
  })
  return (
    <View className='insight' data-testid='insight-service'>
      <View className='insight-range'>
        <View className='insight-chips' data-testid='weeks'>
          {SPANS.map((span) => (
            <Text key={span} className={`insight-chip ${weeks === span ? 'insight-chip--on' : ''}`} onClick={() => setWeeks(span)} data-testid={`weeks-${span}`}>
              {span === 26 ? '近半年' : `近 ${span} 周`}
            </Text>
          ))}
        </View>
      </View>
      {query.status === 'loading' && <CardSkeletons count={2} />}
      {query.status === 'error' && <ErrorView message={query.error.message} onRetry={() => void query.retry()} />}
      {query.status === 'ready' && (
        <>
          <Activities rows={query.data.activities} />
          <Tickets stats={query.data.tickets} />
        </>
      )}
    </View>
  )
}

const NONE = '–'
const signedYuan = (fen: number | null) => (fen === null ? NONE : `${fen > 0 ? '+' : ''}${shortYuan(fen)}`)

function Activities({ rows }: { rows: ActivityTypeComparison[] }) {
  return (
    <Card title='各类型活动对比' hint='参与率 = 签到 ÷ 确认报名；人均消费变化为活动后 30 天与活动前 30 天相比，到场与爽约的会员分开算' testId='service-activities'>
      {rows.length === 0 ? (
        <Text className='insight-card__empty'>暂无已结束的活动</Text>
      ) : (
        <View className='insight-table'>
          <View className='insight-table__row insight-table__row--head'>
            <Text className='insight-table__name'>类型</Text>
            <Text className='insight-table__cell'>参与率</Text>
            <Text className='insight-table__cell'>到场</Text>
            <Text className='insight-table__cell'>爽约</Text>
            <Text className='insight-table__cell'>满意度</Text>
          </View>
          {rows.map((row) => (
            <View key={row.type} className='insight-table__row' data-testid='activity-type-row'>
              <View className='insight-table__name'>
                <Text>{row.typeLabel}</Text>
                <Text className='insight-sub'>
                  {groupDigits(row.activities)} 场 · 签到 {groupDigits(row.checkedIn)}/{groupDigits(row.signups)}
                </Text>
              </View>
              <Text className='insight-table__cell'>{row.participation === null ? NONE : formatPercent(row.participation)}</Text>
              <Text className='insight-table__cell'>{signedYuan(row.attendeeChangePerMemberFen)}</Text>
              <Text className='insight-table__cell'>{signedYuan(row.noShowChangePerMemberFen)}</Text>
              <Text className='insight-table__cell'>{row.satisfaction === null ? NONE : row.satisfaction.toFixed(1)}</Text>
            </View>
          ))}
        </View>
      )}
    </Card>
  )
}

const hours = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / 60) * 10) / 10)
const late = (figures: TicketFigures) => figures.breachRate !== null && figures.breachRate > BREACH_WARN

function Tickets({ stats }: { stats: InsightService['tickets'] }) {
  const weeks = stats.byWeek
  return (
    <Card title='工单服务（按周）' hint={`${dayLabel(stats.from)} – ${dayLabel(stats.to)} 提交的工单，按周（自周一起）；时长按服务时限计时，满意度为会员评分（1–5 分）`} testId='service-tickets'>
      <Chart
        id='service-tickets'
        className='chart--short'
        spec={{
          kind: 'line',
          categories: weeks.map((week) => axisDay(week.week)),
          series: [
            { name: '响应中位', data: weeks.map((week) => hours(week.medianFirstResponseMinutes)) },
            { name: '解决中位', data: weeks.map((week) => hours(week.medianResolutionMinutes)), color: '#3b6fb6' },
          ],
          axes: [{ title: '小时' }],
          format: (value) => `${value} 小时`,
        }}
      />
      <View className='insight-table insight-table--dense'>
        <View className='insight-table__row insight-table__row--head'>
          <Text className='insight-table__name'>周一</Text>
          <Text className='insight-table__cell'>新增</Text>
          <Text className='insight-table__cell'>响应中位</Text>
          <Text className='insight-table__cell'>解决中位</Text>
          <Text className='insight-table__cell'>超时率</Text>
          <Text className='insight-table__cell'>满意度</Text>
        </View>
        {weeks.map((week) => (
          <View key={week.week} className='insight-table__row' data-testid='ticket-week-row'>
            <Text className='insight-table__name'>{dayLabel(week.week)}</Text>
            <Text className='insight-table__cell'>{groupDigits(week.opened)}</Text>
            <Text className='insight-table__cell'>{week.medianFirstResponseMinutes === null ? NONE : shortMinutes(week.medianFirstResponseMinutes)}</Text>
            <Text className='insight-table__cell'>{week.medianResolutionMinutes === null ? NONE : shortMinutes(week.medianResolutionMinutes)}</Text>
            <Text className={`insight-table__cell ${late(week) ? 'insight-table__cell--warn' : ''}`}>{week.breachRate === null ? NONE : formatPercent(week.breachRate)}</Text>
            <Text className='insight-table__cell'>{week.satisfaction === null ? NONE : week.satisfaction.toFixed(1)}</Text>
          </View>
        ))}
      </View>
    </Card>
  )
}
