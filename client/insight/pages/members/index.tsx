// Staff styles first, so every staff page orders its stylesheets the same way.
import '../../../admin/components/admin.scss'
import '../../components/insight.scss'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { Role } from '@contract/roles'
import type { InsightMembers } from '@contract/stats'
import { ErrorView } from '../../../components/StatusView'
import { allows } from '../../../admin/access'
import { RoleGate } from '../../../admin/components/RoleGate'
import { Card, CardSkeletons, RangeNote } from '../../components/Card'
import { Chart } from '../../components/Chart'
import { RangeBar } from '../../components/RangeBar'
import { axisDay, dayLabel, formatWan } from '../../format'
import { useInsightRange } from '../../hooks/useInsightRange'
import { useSegmentCampaign } from '../../hooks/useSegmentCampaign'

export default function MembersPage() {
  return <RoleGate area='insight'>{(role) => <MembersInsight role={role} />}</RoleGate>
}

export function MembersInsight({ role }: { role: Role }) {
  const { query, range, stores, setDays, setStore } = useInsightRange('members')
  usePullDownRefresh(async () => {
    await query.reload()
    Taro.stopPullDownRefresh()
  })
  return (
    <View className='insight' data-testid='insight-members'>
      <RangeBar range={range} stores={stores} onDays={setDays} onStore={setStore} />
      {query.status === 'loading' && <CardSkeletons count={3} />}
      {query.status === 'error' && <ErrorView message={query.error.message} onRetry={() => void query.retry()} />}
      {query.status === 'ready' && <Figures members={query.data} mayMarket={allows(role, 'marketing')} />}
    </View>
  )
}

const people = (value: number) => `${formatWan(value)} 人`

function Figures({ members, mayMarket }: { members: InsightMembers; mayMarket: boolean }) {
  const classified = members.snapshotDay ? `会员分类截至 ${dayLabel(members.snapshotDay)}` : '尚无会员分类（每日自动计算）'
  return (
    <>
      <RangeNote from={members.from} to={members.to} latestDay={members.latestDay} extra={classified} />
      <Card title='等级分布' testId='members-tiers'>
        <Chart
          id='members-tiers'
          className='chart--short'
          spec={{ kind: 'column', categories: members.tiers.map((tier) => tier.name), series: [{ name: '会员', data: members.tiers.map((tier) => tier.members) }], labels: true, format: people }}
        />
      </Card>
      <RfmClasses members={members} mayMarket={mayMarket} />
      <RfmMatrix matrix={members.matrix} />
      <Card title='新会员与回头客' hint='每天新入会的会员，与当天再次消费的老顾客' testId='members-new-returning'>
        <Chart
          id='members-new-returning'
          spec={{
            kind: 'line',
            categories: members.series.map((point) => axisDay(point.day)),
            series: [
              { name: '新会员', data: members.series.map((point) => point.newMembers) },
              { name: '回头客', data: members.series.map((point) => point.returningBuyers), color: '#3b6fb6' },
            ],
            format: people,
          }}
        />
      </Card>
    </>
  )
}

/** 沉睡 → 沉睡会员; 新会员 stays 新会员. */
const segmentName = (label: string) => (label.endsWith('会员') ? label : `${label}会员`)

function RfmClasses({ members, mayMarket }: { members: InsightMembers; mayMarket: boolean }) {
  const campaign = useSegmentCampaign()
  const total = members.rfm.reduce((sum, entry) => sum + entry.members, 0)
  return (
    <Card title='RFM 会员分类' hint='按最近消费、消费频次和入会时间自动分类；每类配有建议的营销策略' testId='members-rfm'>
      {total === 0 ? (
        <Text className='insight-card__empty'>暂无分类数据</Text>
      ) : (
        <Chart
          id='members-rfm'
          className='chart--ring'
          spec={{ kind: 'ring', slices: members.rfm.map((entry) => ({ name: entry.label, value: entry.members })), centre: { value: formatWan(total), label: '会员' }, format: people }}
        />
      )}
      <View className='rfm-list'>
        {members.rfm.map((entry) => (
          <View key={entry.rfm} className='rfm-row' data-testid={`rfm-${entry.rfm}`}>
            <View className='rfm-row__main'>
              <Text className='rfm-row__name'>
                {entry.label}
                <Text className='rfm-row__count'>{people(entry.members)}</Text>
              </Text>
              <Text className='rfm-row__strategy'>建议：{entry.strategy}</Text>
            </View>
            {mayMarket && (
              <Text
                className={`insight-action ${campaign.busy === entry.rfm ? 'insight-action--busy' : ''}`}
                onClick={() => void campaign.start(entry.rfm, segmentName(entry.label), { rfm: [entry.rfm] })}
                data-testid={`rfm-campaign-${entry.rfm}`}
              >
                {campaign.busy === entry.rfm ? '正在打开…' : '发起营销'}
              </Text>
            )}
          </View>
        ))}
      </View>
    </Card>
  )
}

function RfmMatrix({ matrix }: { matrix: InsightMembers['matrix'] }) {
  const most = Math.max(1, ...matrix.counts.flat())
  return (
    <Card title='RFM 矩阵' hint='行：距上次消费；列：近 12 个月消费次数；颜色越深人数越多' testId='members-matrix'>
      <View className='matrix'>
        <View className='matrix__row'>
          <Text className='matrix__label' />
          {matrix.columns.map((column) => (
            <Text key={column} className='matrix__head'>
              {column}
            </Text>
          ))}
        </View>
        {matrix.rows.map((row, rowIndex) => (
          <View key={row} className='matrix__row'>
            <Text className='matrix__label'>{row}</Text>
            {matrix.columns.map((column, columnIndex) => {
              const count = matrix.counts[rowIndex]?.[columnIndex] ?? 0
              const strength = count === 0 ? 0 : 0.12 + 0.78 * (count / most)
              return (
                <Text
                  key={column}
                  className='matrix__cell'
                  style={{ background: count === 0 ? '#f5f6f8' : `rgba(200, 150, 62, ${strength.toFixed(2)})`, color: strength > 0.55 ? '#ffffff' : '#1f2329' }}
                  data-testid={`matrix-${rowIndex}-${columnIndex}`}
                >
                  {count === 0 ? '·' : formatWan(count)}
                </Text>
              )
            })}
          </View>
        ))}
      </View>
    </Card>
  )
}
