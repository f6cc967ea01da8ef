import dayjs from 'dayjs'
import { TIER_IDS, type TierId } from '../contract/enums'
import { shopTime } from './calendar'
import type { TierView } from '../contract/tiers'

/** What a member's tier is measured by: spend or points earned, over a rolling 12 months. */
export type QualifyingBasis = 'spend' | 'points'

export interface BirthdayCoupon {
  title: string
  kind: 'fixed' | 'percent' | 'item'
  /** fixed: fen off; percent: percent off (e.g. 20 = 20 % off); item: 0 */
  value: number
  itemName: string | null
  minSpendFen: number
  validDays: number
}

/** A tier as the rules hold it: what members and the owner see (`threshold` is the qualifying figure needed over the rolling window), with the perk's whole coupon. */
export interface TierDefinition extends Omit<TierView, 'birthdayPerk'> {
  birthdayPerk: { points: number; coupon: BirthdayCoupon | null }
}

export interface TierRules {
  basis: QualifyingBasis
  /** Lowest first; the first threshold is always 0. */
  tiers: TierDefinition[]
  /** A tier reached is held this long before it can go down. */
  holdMonths: number
}

/** Spend and points earned, per calendar month on the shop's calendar (`YYYY-MM`). */
/** `orders`: purchases that month (absent on months recorded before segments counted them). */
export type MonthlyActivity = Record<string, { spendFen: number; points: number; orders?: number }>

export interface TierState {
  tier: TierId
  tierSince: Date
  /** Held until this moment; re-evaluated by the daily job once it has passed. */
  tierUntil: Date | null
}

export interface TierChange {
  from: TierId
  to: TierId
  at: Date
  reason: 'upgrade' | 'downgrade' | 'rules'
  figure: number
}

export const WINDOW_MONTHS = 12

export const DEFAULT_TIER_RULES: TierRules = {
  basis: 'spend',
  holdMonths: 12,
  tiers: [
    { id: 'regular', name: '普通', threshold: 0, color: '#5b6b82', pointsMultiplier: 1, discountPercent: 0, birthdayPerk: { points: 50, coupon: null }, prioritySignup: false },
    {
      id: 'silver',
      name: '银卡',
      threshold: 100_000,
      color: '#8d97a5',
      pointsMultiplier: 1.2,
      discountPercent: 2,
      birthdayPerk: { points: 100, coupon: { title: '生日 ¥10 代金券', kind: 'fixed', value: 1000, itemName: null, minSpendFen: 5000, validDays: 30 } },
      prioritySignup: false,
    },
    {
      id: 'gold',
      name: '金卡',
      threshold: 500_000,
      color: '#c8963e',
      pointsMultiplier: 1.5,
      discountPercent: 5,
      birthdayPerk: { points: 200, coupon: { title: '生日蛋糕一份', kind: 'item', value: 0, itemName: '生日蛋糕', minSpendFen: 0, validDays: 30 } },
      prioritySignup: true,
    },
    {
      id: 'diamond',
      name: '钻石',
      threshold: 2_000_000,
      color: '#2c3150',
      pointsMultiplier: 2,
      discountPercent: 10,
      birthdayPerk: { points: 500, coupon: { title: '生日 8 折券', kind: 'percent', value: 20, itemName: null, minSpendFen: 0, validDays: 30 } },
      prioritySignup: true,
    },
  ],
}

const rank = (tier: TierId) => TIER_IDS.indexOf(tier)

/** `YYYY-MM` of `at` on the shop's calendar. */
export function monthKey(at: Date): string {
  return shopTime(at).format('YYYY-MM')
}

/**
 * The months that count at `now`: this one and the 11 before it. Sweeps judge every member at the
 * same `now`, and time-zone arithmetic is slow, so the last answer is kept.
 */
export function windowMonths(now: Date): string[] {
  if (lastWindow?.at === now.getTime()) return lastWindow.months
  const current = shopTime(now).startOf('month')
  const months = Array.from({ length: WINDOW_MONTHS }, (_, back) => current.subtract(back, 'month').format('YYYY-MM'))
  lastWindow = { at: now.getTime(), months }
  return months
}
let lastWindow: { at: number; months: string[] } | null = null

/** Adds a purchase (or a refund, negative) to its month, dropping months that left the window. */
export function recordActivity(activity: MonthlyActivity | undefined, at: Date, spendFen: number, points: number, now: Date = at, orders = 0): MonthlyActivity {
  const kept = new Set(windowMonths(now))
  const next: MonthlyActivity = {}
  for (const [month, figures] of Object.entries(activity ?? {})) if (kept.has(month)) next[month] = { ...figures }
  const key = monthKey(at)
  if (!kept.has(key)) return next
  const bucket = next[key] ?? { spendFen: 0, points: 0 }
  const count = (bucket.orders ?? 0) + orders
  next[key] = { spendFen: Math.max(0, bucket.spendFen + spendFen), points: Math.max(0, bucket.points + points), ...(count > 0 ? { orders: count } : {}) }
  return next
}

/** The figure a tier is judged by at `now`: fen of spend or points, over the rolling window. */
export function qualifyingFigure(activity: MonthlyActivity | undefined, basis: QualifyingBasis, now: Date): number {
  return windowMonths(now).reduce((sum, month) => {
    const bucket = activity?.[month]
    return sum + (bucket ? (basis === 'spend' ? bucket.spendFen : bucket.points) : 0)
  }, 0)
}

/** The highest tier whose threshold the figure reaches. */
export function tierFor(figure: number, rules: TierRules): TierDefinition {
  let reached = rules.tiers[0]
  for (const tier of rules.tiers) if (figure >= tier.threshold) reached = tier
  return reached
}

/**
 * What a tier's definition, the owner's draft of it and the member's view of it hold alike; they
 * differ only in how the birthday perk is shaped. Listed field by field so nothing else is carried.
 */
export function tierBasics(tier: Pick<TierDefinition, 'id' | 'name' | 'threshold' | 'color' | 'pointsMultiplier' | 'discountPercent' | 'prioritySignup'>) {
  const { id, name, threshold, color, pointsMultiplier, discountPercent, prioritySignup } = tier
  return { id, name, threshold, color, pointsMultiplier, discountPercent, prioritySignup }
}

export function definitionOf(tier: TierId, rules: TierRules): TierDefinition {
  return rules.tiers.find((definition) => definition.id === tier) ?? rules.tiers[0]
}

export function holdUntil(from: Date, rules: TierRules): Date {
  return dayjs(from).add(rules.holdMonths, 'month').toDate()
}

/**
 * Upgrades happen the moment the figure crosses a higher threshold (several tiers at once if it
 * crosses several); never down here.
 */
export function decideUpgrade(state: TierState, figure: number, rules: TierRules, now: Date): { state: TierState; change: TierChange } | null {
  const reached = tierFor(figure, rules)
  if (rank(reached.id) <= rank(state.tier)) return null
  return { state: { tier: reached.id, tierSince: now, tierUntil: holdUntil(now, rules) }, change: { from: state.tier, to: reached.id, at: now, reason: 'upgrade', figure } }
}

/**
 * At the end of the hold period the member moves to the tier the figure supports now: up, down,
 * or the same (then held for another period). Before the period ends nothing changes.
 */
export function decideEvaluation(state: TierState, figure: number, rules: TierRules, now: Date): { state: TierState; change: TierChange | null } | null {
  if (state.tierUntil && state.tierUntil.getTime() > now.getTime()) return null
  const supported = tierFor(figure, rules)
  const next: TierState = { tier: supported.id, tierSince: supported.id === state.tier ? state.tierSince : now, tierUntil: holdUntil(now, rules) }
  if (supported.id === state.tier) return { state: next, change: null }
  return { state: next, change: { from: state.tier, to: supported.id, at: now, reason: rank(supported.id) > rank(state.tier) ? 'upgrade' : 'downgrade', figure } }
}

/** What the card says about the next tier: how far, in the basis's unit. */
export function progressToNext(tier: TierId, figure: number, rules: TierRules): { next: TierDefinition; remaining: number; ratio: number } | null {
  const index = rules.tiers.findIndex((definition) => definition.id === tier)
  const next = rules.tiers[index + 1]
  if (!next) return null
  const current = rules.tiers[index]
  const span = next.threshold - current.threshold
  return { next, remaining: Math.max(0, next.threshold - figure), ratio: span <= 0 ? 1 : Math.min(1, Math.max(0, (figure - current.threshold) / span)) }
}
