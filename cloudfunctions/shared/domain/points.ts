import { priceCheckout } from '../contract/checkoutPrice'
import type { TierId } from '../contract/enums'
import { shopTime } from './calendar'
import type { PointsRules } from './pointsRules'

/**
 * A member's points as they are held: a balance made of lots, each expiring at the end of a month.
 * Lots live on the member document (one per expiry month, so at most ~13), which keeps every
 * movement a single-document write: cloud transactions allow nothing else.
 */
export interface Lot {
  expiresAt: Date
  remaining: number
}

export interface PointsState {
  pointsBalance: number
  lifetimePoints: number
  pointLots: Lot[]
}

export type SpendDecision = { ok: true; state: PointsState } | { ok: false; code: 'INSUFFICIENT_POINTS' }

/**
 * Points for a purchase: whole fen × rate × the tier's multiplier, rounded down to whole points.
 * The rate × multiplier factor is fixed to 4 decimals first, in integers, so 1.2 × ¥10 is 12 points
 * and never 11.999….
 */
export function pointsForPurchase(amountFen: number, tier: TierId, rules: PointsRules): number {
  const factor = Math.round(rules.pointsPerYuan * rules.tierMultipliers[tier] * 10_000)
  return Math.floor((amountFen * factor) / 1_000_000)
}

/** End of the `expiryMonths`-th month after the month of `earnedAt`, on the shop's calendar. */
export function lotExpiry(earnedAt: Date, rules: PointsRules): Date {
  return shopTime(earnedAt).add(rules.expiryMonths, 'month').endOf('month').toDate()
}

export function earn(state: PointsState, points: number, expiresAt: Date): PointsState {
  if (points === 0) return state
  const lots = state.pointLots.map(copyLot)
  const same = lots.find((lot) => lot.expiresAt.getTime() === expiresAt.getTime())
  if (same) same.remaining += points
  else lots.push({ expiresAt, remaining: points })
  return { pointsBalance: state.pointsBalance + points, lifetimePoints: state.lifetimePoints + points, pointLots: sortLots(lots) }
}

/**
 * Gives back points an order had spent, as a lot of their own: they count towards the balance
 * again but not, a second time, towards the lifetime total.
 */
export function restore(state: PointsState, points: number, expiresAt: Date): PointsState {
  if (points === 0) return state
  const earned = earn(state, points, expiresAt)
  return { ...earned, lifetimePoints: state.lifetimePoints }
}

/** Spends the oldest-expiring points first; never below zero. */
export function spend(state: PointsState, points: number): SpendDecision {
  if (points > state.pointsBalance) return { ok: false, code: 'INSUFFICIENT_POINTS' }
  return { ok: true, state: { ...state, pointsBalance: state.pointsBalance - points, pointLots: takeFrom(state.pointLots, points, 'oldest') } }
}

/**
 * Takes back points a refund reverses. The newest lots go first (the refunded order's own points
 * are usually the newest); what was already spent is a shortfall, recorded rather than driving the
 * balance negative.
 */
export function reverse(state: PointsState, points: number): { state: PointsState; reversed: number; shortfall: number } {
  const reversed = Math.min(points, state.pointsBalance)
  return {
    state: { pointsBalance: state.pointsBalance - reversed, lifetimePoints: state.lifetimePoints - reversed, pointLots: takeFrom(state.pointLots, reversed, 'newest') },
    reversed,
    shortfall: points - reversed,
  }
}

/** Removes every lot due at `now`; what they held leaves the balance. */
export function expireDue(state: PointsState, now: Date): { state: PointsState; expired: Lot[]; points: number } {
  const expired = state.pointLots.filter((lot) => lot.expiresAt.getTime() <= now.getTime() && lot.remaining > 0)
  const points = expired.reduce((sum, lot) => sum + lot.remaining, 0)
  const pointLots = state.pointLots.filter((lot) => lot.expiresAt.getTime() > now.getTime()).map(copyLot)
  return { state: { ...state, pointsBalance: state.pointsBalance - points, pointLots }, expired, points }
}

/** When the member's next lot expires: the field the expiry job's indexed query reads. */
export function nextExpiry(lots: Lot[]): Date | null {
  const live = lots.filter((lot) => lot.remaining > 0)
  return live.length === 0 ? null : new Date(Math.min(...live.map((lot) => lot.expiresAt.getTime())))
}

/** Points due to expire at the next expiry date, for the card's "即将过期" line. */
export function expiringSoon(lots: Lot[], now: Date, withinDays = 60): { points: number; expiresAt: Date } | null {
  const next = nextExpiry(lots)
  if (!next || next.getTime() - now.getTime() > withinDays * 24 * 60 * 60 * 1000) return null
  const points = lots.filter((lot) => lot.expiresAt.getTime() === next.getTime()).reduce((sum, lot) => sum + lot.remaining, 0)
  return { points, expiresAt: next }
}

export type CashDecision = { ok: true; discountFen: number } | { ok: false; field: 'points'; message: string }

/**
 * Points as cash on an order with nothing else off: the checkout's own price rule (whole yuan of
 * points, never more than the rule's share), so the single action and the checkout cannot differ.
 * The balance is the spend's check, not this one's.
 */
export function cashForPoints(points: number, orderFen: number, rules: PointsRules): CashDecision {
  const { pointsPerCashYuan, maxCashShare } = rules
  const priced = priceCheckout({ amountFen: orderFen, discountPercent: 0, coupon: null, points, pointsBalance: Number.MAX_SAFE_INTEGER, pointsPerCashYuan, maxCashShare })
  return priced.ok ? { ok: true, discountFen: priced.price.cashFen } : { ok: false, field: 'points', message: priced.problem.message }
}

export type RefundDecision = { ok: true; points: number; refundedFenAfter: number; reversedPointsAfter: number } | { ok: false; field: 'amount'; message: string }

/**
 * Points a refund takes back, proportionally and cumulatively (so three partial refunds of a
 * third each take back exactly what the order earned, with no rounding drift).
 */
export function refundPoints(order: { amountFen: number; pointsEarned: number }, refunded: { refundedFen: number; reversedPoints: number }, refundFen: number): RefundDecision {
  const refundedFenAfter = refunded.refundedFen + refundFen
  if (refundedFenAfter > order.amountFen) return { ok: false, field: 'amount', message: '退款金额超过订单剩余金额' }
  const reversedPointsAfter = Math.floor((order.pointsEarned * refundedFenAfter) / order.amountFen)
  return { ok: true, points: reversedPointsAfter - refunded.reversedPoints, refundedFenAfter, reversedPointsAfter }
}

function takeFrom(lots: Lot[], points: number, end: 'oldest' | 'newest'): Lot[] {
  const ordered = sortLots(lots.map(copyLot))
  if (end === 'newest') ordered.reverse()
  let left = points
  for (const lot of ordered) {
    const taken = Math.min(lot.remaining, left)
    lot.remaining -= taken
    left -= taken
  }
  return sortLots(ordered.filter((lot) => lot.remaining > 0))
}

function sortLots(lots: Lot[]): Lot[] {
  return lots.sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
}

const copyLot = (lot: Lot): Lot => ({ expiresAt: new Date(lot.expiresAt), remaining: lot.remaining })
