import type { TierId } from './enums'
import type { RfmClass } from './marketingFields'
import { countRule } from './fields'

/**
 * The dashboards' figures as plain values (no zod): the 数据 pages and the stats job read the
 * same buckets, periods and words.
 */

/** Periods the overview offers, in Beijing days ending yesterday. */
export const INSIGHT_PERIODS = [7, 30, 90] as const
export type InsightPeriod = (typeof INSIGHT_PERIODS)[number]
/** The longest range any stats query or backfill takes. */
export const MAX_RANGE_DAYS = 366
/** Trailing windows each day's document carries, so a period's previous period is one document away. */
export const TRAILING_WINDOWS = [7, 30, 90] as const
export type TrailingWindow = (typeof TRAILING_WINDOWS)[number]

/** 流失预警: silent this many days after having been active. */
export const CHURN_DAYS = countRule('沉默天数', 7, 365)
export const DEFAULT_CHURN_DAYS = 30

/** What a cashier may tag an order line with when the shop keeps no list of its own. */
export const DEFAULT_CATEGORIES = ['咖啡', '茶饮', '烘焙', '轻食', '周边'] as const
/** Lines without a category (or orders without lines) count here in the category mix. */
export const UNCATEGORISED = '未分类'

/** The RFM matrix: days since the last purchase (rows) × purchases in 12 months (columns). */
export const RECENCY_BUCKETS = [
  { label: '30天内', maxDays: 30 },
  { label: '31–90天', maxDays: 90 },
  { label: '91–180天', maxDays: 180 },
  { label: '180天以上', maxDays: Number.POSITIVE_INFINITY },
  { label: '从未消费', maxDays: null },
] as const
export const FREQUENCY_BUCKETS = [
  { label: '0次', max: 0 },
  { label: '1次', max: 1 },
  { label: '2–3次', max: 3 },
  { label: '4–7次', max: 7 },
  { label: '8次以上', max: Number.POSITIVE_INFINITY },
] as const
/** Spend per member over 12 months, in yuan. */
export const SPEND_BUCKETS = [
  { label: '¥0', maxFen: 0 },
  { label: '¥1–200', maxFen: 20_000 },
  { label: '¥201–500', maxFen: 50_000 },
  { label: '¥501–1000', maxFen: 100_000 },
  { label: '¥1001–3000', maxFen: 300_000 },
  { label: '¥3000以上', maxFen: Number.POSITIVE_INFINITY },
] as const

const DAY_MS = 24 * 60 * 60 * 1000

/** The row of the RFM matrix for a last purchase (null: never). */
export function recencyBucket(lastPurchaseAt: Date | null, now: Date): number {
  if (!lastPurchaseAt) return RECENCY_BUCKETS.length - 1
  const days = (now.getTime() - lastPurchaseAt.getTime()) / DAY_MS
  return RECENCY_BUCKETS.findIndex((bucket) => bucket.maxDays !== null && days <= bucket.maxDays)
}
export function frequencyBucket(purchases: number): number {
  return FREQUENCY_BUCKETS.findIndex((bucket) => purchases <= bucket.max)
}
export function spendBucket(spendFen: number): number {
  return SPEND_BUCKETS.findIndex((bucket) => spendFen <= bucket.maxFen)
}

/** A day's movements: what happened within one Beijing day (and one store, where the figure has one). */
export interface DayFlows {
  newMembers: number
  /** Removed or erased that day. */
  leftMembers: number
  /** Consumption records (order earn rows) and their amounts as recorded at the till. */
  orders: number
  salesFen: number
  refundsFen: number
  /** Members buying for the first time that day, and of them those who had bought before (复购). */
  buyers: number
  returningBuyers: number
  pointsIssued: number
  pointsRedeemed: number
  pointsExpired: number
  /** Σ delta of every ledger row of the day: the outstanding balance moves by exactly this. */
  pointsNet: number
  signups: number
  checkIns: number
  ticketsOpened: number
  ticketsClosed: number
  /** Of the tickets closed that day, those that missed a promised time. */
  ticketsBreached: number
  /** Satisfaction of the tickets closed that day: how many were rated and the sum of the scores (1–5). */
  ratings: number
  ratingSum: number
  campaignSends: number
  /** Orders by members a campaign had messaged within its conversion window. */
  campaignConversions: number
  /** Amount per category (order lines; an order without lines counts as 未分类). */
  categories: Record<string, number>
}

/** Where the shop stands at the end of the day: carried from the day before and moved by the day's flows. */
export interface DayLevels {
  members: number
  /** Shop-wide (points are redeemable at every store): null on a store's document. */
  outstandingPoints: number | null
  liabilityFen: number | null
}

/** The members as the daily classification found them the next morning (null where it has not run). */
export interface DaySnapshot {
  takenAt: string
  tiers: Record<TierId, number>
  rfm: Record<RfmClass, number>
  /** Bought within 30 days; no purchase within 90 days (never counts from the join). */
  active30: number
  dormant90: number
  /** RECENCY_BUCKETS × FREQUENCY_BUCKETS. */
  matrix: number[][]
  /** Members per SPEND_BUCKETS and per FREQUENCY_BUCKETS (12-month figures). */
  spend: number[]
  frequency: number[]
}

/** The flows the overview's KPIs compare, summed over each trailing window. */
export const TRAILED_FLOWS = ['newMembers', 'orders', 'salesFen', 'refundsFen', 'buyers', 'returningBuyers'] as const
export type TrailedFlow = (typeof TRAILED_FLOWS)[number]
export type Trailing = Record<`d${TrailingWindow}`, Record<TrailedFlow, number>>

export const ZERO_FLOWS = (): DayFlows => ({
  newMembers: 0,
  leftMembers: 0,
  orders: 0,
  salesFen: 0,
  refundsFen: 0,
  buyers: 0,
  returningBuyers: 0,
  pointsIssued: 0,
  pointsRedeemed: 0,
  pointsExpired: 0,
  pointsNet: 0,
  signups: 0,
  checkIns: 0,
  ticketsOpened: 0,
  ticketsClosed: 0,
  ticketsBreached: 0,
  ratings: 0,
  ratingSum: 0,
  campaignSends: 0,
  campaignConversions: 0,
  categories: {},
})

/** 复购率: the share of buying visits by members who had bought before, in whole percent tenths. */
export function repeatRate(flows: Pick<DayFlows, 'buyers' | 'returningBuyers'>): number | null {
  return flows.buyers > 0 ? Math.round((flows.returningBuyers / flows.buyers) * 1000) / 10 : null
}
/** 客单价 in fen. */
export function averageOrderFen(flows: Pick<DayFlows, 'orders' | 'salesFen'>): number | null {
  return flows.orders > 0 ? Math.round(flows.salesFen / flows.orders) : null
}
