import type { Kpi } from '@contract/stats'
import { formatMonthDay, groupDigits, shortYuan } from '@contract/format'

/**
 * How the 数据 pages write a figure: a count or an amount of ten thousand or more in 万 (亿 from a
 * hundred million), one decimal at most, as Chinese reports do; smaller figures whole and grouped.
 */
export function formatWan(value: number): string {
  const sign = value < 0 ? '-' : ''
  const size = Math.abs(value)
  if (size < 10_000) return `${sign}${groupDigits(Math.round(size))}`
  const wan = Math.round(size / 1_000) / 10
  if (wan < 10_000) return `${sign}${groupDigits(wan)}万`
  return `${sign}${groupDigits(Math.round(size / 10_000_000) / 10)}亿`
}

/** `¥8,765.40`, `¥1.2万`: an amount in fen as yuan, in 万 from ¥10,000. */
export function formatYuan(fen: number): string {
  if (Math.abs(fen) < 1_000_000) return shortYuan(fen)
  return `${fen < 0 ? '-' : ''}¥${formatWan(Math.abs(fen) / 100)}`
}

/** `41.3%` from a figure already in percent (复购率). */
export function formatPercentValue(percent: number): string {
  return `${Number(percent.toFixed(1))}%`
}

export function formatKpiValue(kpi: Pick<Kpi, 'value' | 'unit'>): string {
  if (kpi.value === null) return '暂无'
  if (kpi.unit === 'fen') return formatYuan(kpi.value)
  if (kpi.unit === 'percent') return formatPercentValue(kpi.value)
  return formatWan(kpi.value)
}

export type ChangeTone = 'up' | 'down' | 'flat'
export interface KpiChange {
  tone: ChangeTone
  text: string
}

/**
 * The figure against the previous period of the same length: `↑12.5%`, `↓3%`, `持平`; a rate moves
 * by percentage points (`↑2.1个百分点`), as a share of a share reads wrongly. Null when either side is
 * not known, and then nothing is shown.
 */
export function kpiChange(kpi: Pick<Kpi, 'value' | 'previous' | 'unit'>): KpiChange | null {
  const { value, previous } = kpi
  if (value === null || previous === null) return null
  const arrow = (difference: number) => (difference > 0 ? '↑' : '↓')
  const tone = (difference: number): ChangeTone => (difference > 0 ? 'up' : 'down')
  if (kpi.unit === 'percent') {
    const points = Number((value - previous).toFixed(1))
    return points === 0 ? { tone: 'flat', text: '持平' } : { tone: tone(points), text: `${arrow(points)}${Math.abs(points)}个百分点` }
  }
  if (value === previous) return { tone: 'flat', text: '持平' }
  if (previous === 0) return { tone: tone(value), text: `${arrow(value)}上期为 0` }
  const percent = Number((((value - previous) / Math.abs(previous)) * 100).toFixed(1))
  if (percent === 0) return { tone: 'flat', text: '持平' }
  return { tone: tone(percent), text: `${arrow(percent)}${Math.abs(percent)}%` }
}

/** `12月1日`: a stats day (`2026-12-01`) or an instant, on the shop's calendar. */
export function dayLabel(day: string): string {
  return formatMonthDay(day)
}

/** `12/1` on a chart's axis, where room is short. */
export function axisDay(day: string): string {
  const [, month, date] = day.split('-')
  return `${Number(month)}/${Number(date)}`
}

/** `45分钟`, `7.8小时`, `1.5天`: a duration in a table's narrow column. */
export function shortMinutes(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes))
  if (whole < 60) return `${whole}分钟`
  if (whole < 1440) return `${Number((whole / 60).toFixed(1))}小时`
  return `${Number((whole / 1440).toFixed(1))}天`
}
