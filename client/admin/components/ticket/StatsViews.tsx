import { View, Text } from '@tarojs/components'
import type { TicketFigures, TicketStats } from '@contract/ticket'
import { TICKET_CATEGORY_LABELS } from '@contract/ticketFields'
import { formatMonthDay, formatPercent, groupDigits } from '@contract/format'
import { formatMinutes } from './words'
import './ticket.scss'

/** A share of breached tickets above this reads red: more than one complaint in ten kept waiting. */
const BREACH_WARN = 0.1
const NONE = '暂无'

const minutes = (value: number | null) => (value === null ? NONE : formatMinutes(value))
const percent = (value: number | null) => (value === null ? NONE : formatPercent(value))
const score = (value: number | null) => (value === null ? NONE : `${value.toFixed(1)} 分`)
const late = (rate: number | null) => rate !== null && rate > BREACH_WARN

/** The span's totals, each figure with what it means. */
export function StatsTotals({ totals }: { totals: TicketFigures }) {
  const figures = [
    { label: '新增工单', value: groupDigits(totals.opened), testId: 'stats-opened' },
    { label: '已关闭', value: groupDigits(totals.closed), testId: 'stats-closed' },
    { label: '首次响应中位数', value: minutes(totals.medianFirstResponseMinutes), testId: 'stats-first-response' },
    { label: '解决中位数', value: minutes(totals.medianResolutionMinutes), testId: 'stats-resolution' },
    { label: '超时率', value: percent(totals.breachRate), warn: late(totals.breachRate), testId: 'stats-breach-rate' },
    { label: totals.ratings > 0 ? `满意度（${groupDigits(totals.ratings)} 条评价）` : '满意度', value: score(totals.satisfaction), testId: 'stats-satisfaction' },
    { label: '进行中回访', value: groupDigits(totals.revisitsOpen), warn: totals.revisitsOpen > 0, testId: 'stats-revisits' },
  ]
  return (
    <View className='ticket-card' data-testid='stats-totals'>
      <Text className='ticket-card__title'>总览</Text>
      <View className='ticket-figures'>
        {figures.map((figure) => (
          <View key={figure.label} className='ticket-figure'>
            <Text className={`ticket-figure__value ${figure.warn ? 'ticket-figure__value--warn' : ''}`} data-testid={figure.testId}>
              {figure.value}
            </Text>
            <Text className='ticket-figure__label'>{figure.label}</Text>
          </View>
        ))}
      </View>
      <Text className='ticket-muted'>时长按各工单的服务时限计时（设了营业时间的只计营业时间）；满意度为会员评分（1–5 分）的平均值。</Text>
    </View>
  )
}

function FiguresTable({ rows, testId }: { rows: Array<{ key: string; name: string; figures: TicketFigures }>; testId: string }) {
  return (
    <View className='ticket-table' data-testid={testId}>
      <View className='ticket-table__row ticket-table__row--head'>
        <Text className='ticket-table__name'> </Text>
        <Text className='ticket-table__cell'>新增</Text>
        <Text className='ticket-table__cell'>响应中位</Text>
        <Text className='ticket-table__cell'>超时率</Text>
        <Text className='ticket-table__cell'>满意度</Text>
      </View>
      {rows.map(({ key, name, figures }) => (
        <View key={key} className='ticket-table__row' data-testid={`${testId}-row`}>
          <Text className='ticket-table__name'>{name}</Text>
          <Text className='ticket-table__cell'>{groupDigits(figures.opened)}</Text>
          <Text className='ticket-table__cell'>{figures.medianFirstResponseMinutes === null ? '–' : formatMinutes(figures.medianFirstResponseMinutes)}</Text>
          <Text className={`ticket-table__cell ${late(figures.breachRate) ? 'ticket-table__cell--warn' : ''}`}>{figures.breachRate === null ? '–' : formatPercent(figures.breachRate)}</Text>
          <Text className='ticket-table__cell'>{figures.satisfaction === null ? '–' : figures.satisfaction.toFixed(1)}</Text>
        </View>
      ))}
    </View>
  )
}

export function StatsByCategory({ stats }: { stats: TicketStats }) {
  const rows = stats.byCategory.map((entry) => ({ key: entry.category, name: TICKET_CATEGORY_LABELS[entry.category], figures: entry }))
  return (
    <View className='ticket-card'>
      <Text className='ticket-card__title'>按问题类型</Text>
      <FiguresTable rows={rows} testId='stats-category' />
    </View>
  )
}

/** Each week's tickets as a bar (the closed share in green), with the week's figures under it once it has any. */
export function StatsByWeek({ stats }: { stats: TicketStats }) {
  const most = Math.max(1, ...stats.byWeek.map((week) => week.opened))
  return (
    <View className='ticket-card'>
      <Text className='ticket-card__title'>按周（自周一起）</Text>
      <View className='ticket-legend'>
        <Text>
          <Text className='ticket-legend__swatch ticket-legend__swatch--closed' />
          已关闭
        </Text>
        <Text>
          <Text className='ticket-legend__swatch' />
          未关闭
        </Text>
      </View>
      <View className='ticket-bars' data-testid='stats-weeks'>
        {stats.byWeek.map((week) => (
          <View key={week.week} className='ticket-week' data-testid='stats-week'>
            <View className='ticket-bar-row'>
              <Text className='ticket-bar-row__label'>{formatMonthDay(week.week)}</Text>
              <View className='ticket-bar-row__track'>
                <View className='ticket-bar-row__bar ticket-bar-row__bar--closed' style={{ width: `${(week.closed / most) * 100}%` }} />
                <View className='ticket-bar-row__bar' style={{ width: `${((week.opened - week.closed) / most) * 100}%` }} />
              </View>
              <Text className='ticket-bar-row__value'>
                {groupDigits(week.opened)} 件{week.opened > 0 ? ` · 关 ${groupDigits(week.closed)}` : ''}
              </Text>
            </View>
            {week.opened > 0 && (
              <Text className={`ticket-week__figures ${late(week.breachRate) ? 'ticket-week__figures--warn' : ''}`}>
                响应中位 {minutes(week.medianFirstResponseMinutes)} · 超时率 {percent(week.breachRate)} · 满意度 {score(week.satisfaction)}
              </Text>
            )}
          </View>
        ))}
      </View>
    </View>
  )
}
