import { z } from 'zod'
import type { TierId } from './enums'
import type { RfmClass, SegmentFilter } from './marketingFields'
import type { ActivityTypeComparison } from './activity'
import type { TicketStats } from './ticket'
import { storeId } from './money'
import { CHURN_DAYS, DEFAULT_CHURN_DAYS, MAX_RANGE_DAYS, type DayFlows, type DayLevels, type DaySnapshot, type Trailing } from './statsFields'
import { calendarDate, numberField } from './validators'

const daysField = z
  .number({ error: `天数须为 1–${MAX_RANGE_DAYS} 的整数` })
  .int(`天数须为 1–${MAX_RANGE_DAYS} 的整数`)
  .min(1, `天数须为 1–${MAX_RANGE_DAYS} 的整数`)
  .max(MAX_RANGE_DAYS, `查询天数最多 ${MAX_RANGE_DAYS} 天`)

/** The 数据 pages ask for `days` Beijing days ending on `end` (yesterday when absent), for one store or the whole shop. */
export const insightRangePayload = z.strictObject({ days: daysField.default(30), end: calendarDate('结束日期').optional(), store: storeId.optional() })
export const churnPayload = z.strictObject({ silentDays: numberField(CHURN_DAYS).default(DEFAULT_CHURN_DAYS), cursor: z.string().max(200).optional() })
export const servicePayload = z.strictObject({ weeks: z.number({ error: '周数须为 1–26' }).int('周数须为 1–26').min(1, '周数须为 1–26').max(26, '周数须为 1–26').default(8) })

/** The timer's run (yesterday, and any day before it the timer missed), or one day on demand. */
export const statsDailyPayload = z.strictObject({
  day: calendarDate('日期').optional(),
  budgetMs: z.number().int().min(1000).max(55_000).default(45_000),
  /** Stop after this many ledger rows (tests and benches cut a run short with it, as a timeout would). */
  maxRows: z.number().int().min(1).max(10_000_000).optional(),
  round: z.number().int().min(0).max(1000).default(0),
})
/** Rebuilds every day of `[from, to]` (at most 366 days) and what follows from them. */
export const statsBackfillPayload = z
  .strictObject({
    from: calendarDate('开始日期'),
    to: calendarDate('结束日期'),
    budgetMs: z.number().int().min(1000).max(55_000).default(45_000),
    maxRows: z.number().int().min(1).max(10_000_000).optional(),
    round: z.number().int().min(0).max(1000).default(0),
  })
  .superRefine((range, context) => {
    if (range.from > range.to) context.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' })
    else if (daysBetween(range.from, range.to) + 1 > MAX_RANGE_DAYS) context.addIssue({ code: 'custom', path: ['to'], message: `最多补算 ${MAX_RANGE_DAYS} 天` })
  })

/** Whole days from `a` to `b` (dates `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}

/** One day of one store (or the whole shop, store `all`), as the stats job wrote it. */
export interface StatsDay {
  day: string
  store: string
  flows: DayFlows
  levels: DayLevels
  snapshot: DaySnapshot | null
  trailing: Trailing
}

export type KpiKey = 'members' | 'active' | 'newMembers' | 'salesFen' | 'repeatRate' | 'liabilityFen'
export interface Kpi {
  key: KpiKey
  label: string
  /** null: not known for this period (e.g. no classification yet). */
  value: number | null
  previous: number | null
  unit: 'count' | 'fen' | 'percent'
  /** Said under the figure: 全店 for shop-wide figures under a store filter, the snapshot's day … */
  note: string | null
}
export interface SeriesPoint {
  day: string
  members: number | null
  newMembers: number
  salesFen: number
  orders: number
  averageOrderFen: number | null
  returningBuyers: number
  buyers: number
}
export interface InsightRange {
  from: string
  to: string
  days: number
  store: string | null
  stores: Array<{ id: string; name: string }>
  /** The last day the stats job has finished (null: none yet). */
  latestDay: string | null
}
export interface InsightOverview extends InsightRange {
  kpis: Kpi[]
  series: SeriesPoint[]
}
export interface InsightMembers extends InsightRange {
  /** The classification the figures come from: the last one within the range. */
  snapshotDay: string | null
  tiers: Array<{ tier: TierId; name: string; members: number }>
  rfm: Array<{ rfm: RfmClass; label: string; strategy: string; members: number }>
  matrix: { rows: string[]; columns: string[]; counts: number[][] }
  series: SeriesPoint[]
}
export interface InsightConsumption extends InsightRange {
  snapshotDay: string | null
  spend: Array<{ label: string; members: number }>
  frequency: Array<{ label: string; members: number }>
  /** `share` in percent of the categorised amount (54.2 for 54.2 %). */
  categories: Array<{ category: string; amountFen: number; share: number }>
  series: SeriesPoint[]
  totals: { orders: number; salesFen: number; averageOrderFen: number | null }
}
export interface ChurnMember {
  cardNo: string
  name: string
  tier: TierId
  tierName: string
  spend12mFen: number
  purchases12m: number
  lastPurchaseAt: string
  silentDays: number
  /** Masked: no page shows a full phone number. */
  phone: string | null
  lastTicket: { id: string; categoryLabel: string; statusLabel: string; score: number | null; at: string } | null
}
export interface ChurnPage {
  silentDays: number
  members: ChurnMember[]
  nextCursor: string | null
  /** The segment that matches this list, for one tap to a campaign (coupon or message) to all of them. */
  segment: { name: string; filter: SegmentFilter }
}
export interface InsightService {
  tickets: TicketStats
  activities: ActivityTypeComparison[]
}

export interface StatsDayReport {
  day: string
  rows: number
  done: boolean
}
export interface StatsRunReport {
  days: StatsDayReport[]
  /** Documents rewritten because a day's change moved the running and trailing figures after it. */
  rederived: number
  left: boolean
  elapsedMs: number
}
