// Staff styles first, so every staff page orders its stylesheets the same way.
import '../../../admin/components/admin.scss'
import '../../components/insight.scss'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { InsightOverview, Kpi } from '@contract/stats'
import { ErrorView, Skeleton } from '../../../components/StatusView'
import { openPage } from '../../../services/navigate'
import { RoleGate } from '../../../admin/components/RoleGate'
import { Card, CardSkeletons, RangeNote } from '../../components/Card'
import { Chart } from '../../components/Chart'
import { RangeBar } from '../../components/RangeBar'
import { axisDay, formatKpiValue, formatYuan, formatWan, kpiChange } from '../../format'
import { rangeQuery, useInsightRange, type InsightRangeChoice } from '../../hooks/useInsightRange'

export default function OverviewPage() {
  return <RoleGate area='insight'>{() => <Overview />}</RoleGate>
}

export function Overview() {
  const { query, range, stores, setDays, setStore } = useInsightRange('overview')
  usePullDownRefresh(async () => {
    await query.reload()
    Taro.stopPullDownRefresh()
  })
  return (
    <View className='insight' data-testid='insight-overview'>
      <RangeBar range={range} stores={stores} onDays={setDays} onStore={setStore} />
      {query.status === 'loading' && <OverviewSkeleton />}
      {query.status === 'error' && <ErrorView message={query.error.message} onRetry={() => void query.retry()} />}
      {query.status === 'ready' && <Figures overview={query.data} />}
      <Links range={range} />
    </View>
  )
}

function Figures({ overview }: { overview: InsightOverview }) {
  return (
    <>
      <RangeNote from={overview.from} to={overview.to} latestDay={overview.latestDay} />
      <View className='kpi-grid' data-testid='kpis'>
        {overview.kpis.map((kpi) => (
          <KpiCard key={kpi.key} kpi={kpi} days={overview.days} />
        ))}
      </View>
      <Card title='会员与销售额' hint='每日会员总数（左轴）与当日销售额（右轴，元）；点图查看当天数值' testId='overview-trend'>
        <Chart
          id='overview-trend'
          spec={{
            kind: 'line',
            categories: overview.series.map((point) => axisDay(point.day)),
            series: [
              { name: '会员总数', data: overview.series.map((point) => point.members), axis: 0 },
              { name: '销售额', data: overview.series.map((point) => point.salesFen / 100), axis: 1, color: '#3b6fb6' },
            ],
            axes: [{ title: '人' }, { title: '元' }],
            format: (value, series) => (series === 0 ? `${formatWan(value)} 人` : formatYuan(Math.round(value * 100))),
          }}
        />
      </Card>
    </>
  )
}

/** Figures whose rise is neither good nor bad news: more points owed is more points earned. */
const NEUTRAL = new Set<Kpi['key']>(['liabilityFen'])

function KpiCard({ kpi, days }: { kpi: Kpi; days: number }) {
  const change = kpiChange(kpi)
  return (
    <View className='kpi' data-testid={`kpi-${kpi.key}`}>
      <Text className='kpi__label'>{kpi.label}</Text>
      <Text className='kpi__value' data-testid={`kpi-${kpi.key}-value`}>
        {formatKpiValue(kpi)}
      </Text>
      {kpi.note && (
        <Text className='kpi__note' data-testid={`kpi-${kpi.key}-note`}>
          {kpi.note}
        </Text>
      )}
      {change && (
        <Text className='kpi__change'>
          较前 {days} 天{' '}
          <Text className={`kpi__delta kpi__delta--${NEUTRAL.has(kpi.key) ? 'flat' : change.tone}`} data-testid={`kpi-${kpi.key}-change`}>
            {change.text}
          </Text>
        </Text>
      )}
    </View>
  )
}

function OverviewSkeleton() {
  return (
    <>
      <View className='kpi-grid'>
        {Array.from({ length: 6 }, (_, index) => (
          <View key={index} className='kpi'>
            <Skeleton className='insight-skeleton__label' />
            <Skeleton className='insight-skeleton__value' />
          </View>
        ))}
      </View>
      <CardSkeletons count={1} />
    </>
  )
}

const LINKS = [
  { id: 'members', name: '会员分析', text: '等级分布、RFM 分类与矩阵、新老顾客', url: '/insight/pages/members/index', ranged: true },
  { id: 'consumption', name: '消费分析', text: '消费金额与频次分布、品类构成、客单价', url: '/insight/pages/consumption/index', ranged: true },
  { id: 'churn', name: '流失预警', text: '久未到店的会员名单，一键发券挽回', url: '/insight/pages/churn/index', ranged: false },
  { id: 'service', name: '活动与服务', text: '各类活动效果对比、工单响应与满意度', url: '/insight/pages/service/index', ranged: false },
]

function Links({ range }: { range: InsightRangeChoice }) {
  return (
    <View className='console__grid insight-links'>
      {LINKS.map((link) => (
        <View key={link.id} className='console__entry' onClick={() => void openPage(`${link.url}${link.ranged ? rangeQuery(range) : ''}`)} data-testid={`insight-link-${link.id}`}>
          <Text className='console__entry-name'>{link.name}</Text>
          <Text className='console__entry-text'>{link.text}</Text>
        </View>
      ))}
    </View>
  )
}
