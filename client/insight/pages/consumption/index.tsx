// Staff styles first, so every staff page orders its stylesheets the same way.
import '../../../admin/components/admin.scss'
import '../../components/insight.scss'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { InsightConsumption } from '@contract/stats'
import { ErrorView } from '../../../components/StatusView'
import { RoleGate } from '../../../admin/components/RoleGate'
import { Card, CardSkeletons, RangeNote } from '../../components/Card'
import { Chart } from '../../components/Chart'
import { CHART_COLORS } from '../../components/chartOptions'
import { RangeBar } from '../../components/RangeBar'
import { axisDay, dayLabel, formatPercentValue, formatWan, formatYuan } from '../../format'
import { useInsightRange } from '../../hooks/useInsightRange'

export default function ConsumptionPage() {
  return <RoleGate area='insight'>{() => <ConsumptionInsight />}</RoleGate>
}

export function ConsumptionInsight() {
  const { query, range, stores, setDays, setStore } = useInsightRange('consumption')
  usePullDownRefresh(async () => {
    await query.reload()
    Taro.stopPullDownRefresh()
  })
  return (
    <View className='insight' data-testid='insight-consumption'>
      <RangeBar range={range} stores={stores} onDays={setDays} onStore={setStore} />
      {query.status === 'loading' && <CardSkeletons count={3} />}
      {query.status === 'error' && <ErrorView message={query.error.message} onRetry={() => void query.retry()} />}
      {query.status === 'ready' && <Figures consumption={query.data} />}
    </View>
  )
}

const people = (value: number) => `${formatWan(value)} 人`
const yuan = (value: number) => formatYuan(Math.round(value * 100))

function Figures({ consumption }: { consumption: InsightConsumption }) {
  const { totals } = consumption
  const asOf = consumption.snapshotDay ? `截至 ${dayLabel(consumption.snapshotDay)}` : '尚未统计（每日自动计算）'
  return (
    <>
      <RangeNote from={consumption.from} to={consumption.to} latestDay={consumption.latestDay} />
      <View className='kpi-grid kpi-grid--three' data-testid='consumption-totals'>
        <Total label='消费笔数' value={formatWan(totals.orders)} />
        <Total label='销售额' value={formatYuan(totals.salesFen)} />
        <Total label='客单价' value={totals.averageOrderFen === null ? '暂无' : formatYuan(totals.averageOrderFen)} />
      </View>
      <Card title='客单价走势' hint='每天的销售额 ÷ 消费笔数（元）' testId='consumption-aov'>
        <Chart
          id='consumption-aov'
          spec={{
            kind: 'line',
            categories: consumption.series.map((point) => axisDay(point.day)),
            series: [{ name: '客单价', data: consumption.series.map((point) => (point.averageOrderFen === null ? null : point.averageOrderFen / 100)) }],
            format: yuan,
          }}
        />
      </Card>
      <Card title='会员消费金额分布' hint={`每位会员近 12 个月的消费金额，${asOf}`} testId='consumption-spend'>
        <Chart
          id='consumption-spend'
          className='chart--short'
          spec={{
            kind: 'column',
            categories: consumption.spend.map((bucket) => bucket.label),
            series: [{ name: '会员', data: consumption.spend.map((bucket) => bucket.members) }],
            labels: true,
            format: people,
          }}
        />
      </Card>
      <Card title='消费频次分布' hint={`每位会员近 12 个月的消费次数，${asOf}`} testId='consumption-frequency'>
        <Chart
          id='consumption-frequency'
          className='chart--short'
          spec={{
            kind: 'column',
            categories: consumption.frequency.map((bucket) => bucket.label),
            series: [{ name: '会员', data: consumption.frequency.map((bucket) => bucket.members), color: '#3b6fb6' }],
            labels: true,
            format: people,
          }}
        />
      </Card>
      <Categories categories={consumption.categories} />
    </>
  )
}

function Total({ label, value }: { label: string; value: string }) {
  return (
    <View className='kpi'>
      <Text className='kpi__label'>{label}</Text>
      <Text className='kpi__value'>{value}</Text>
    </View>
  )
}

function Categories({ categories }: { categories: InsightConsumption['categories'] }) {
  return (
    <Card title='品类构成' hint='这段时间各品类的消费金额（收银时所选的品类）' testId='consumption-categories'>
      {categories.length === 0 ? (
        <Text className='insight-card__empty'>这段时间没有消费记录</Text>
      ) : (
        <>
          <Chart
            id='consumption-categories'
            className='chart--ring'
            spec={{ kind: 'ring', slices: categories.map((entry) => ({ name: entry.category, value: entry.amountFen / 100 })), format: yuan }}
          />
          <View className='insight-table'>
            <View className='insight-table__row insight-table__row--head'>
              <Text className='insight-table__name'>品类</Text>
              <Text className='insight-table__cell'>金额</Text>
              <Text className='insight-table__cell'>占比</Text>
            </View>
            {categories.map((entry, index) => (
              <View key={entry.category} className='insight-table__row' data-testid='category-row'>
                <Text className='insight-table__name'>
                  <Text className='insight-swatch' style={{ background: CHART_COLORS[index % CHART_COLORS.length] }} />
                  {entry.category}
                </Text>
                <Text className='insight-table__cell'>{formatYuan(entry.amountFen)}</Text>
                <Text className='insight-table__cell'>{formatPercentValue(entry.share)}</Text>
              </View>
            ))}
          </View>
        </>
      )}
    </Card>
  )
}
