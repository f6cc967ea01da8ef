import { formatFen, groupDigits } from '../contract/format'
import { couponReturned } from './coupons'
import { decision, pointsPatch, refuse, type Decision, type Refusal } from './decision'
import { ledgerKeys, ledgerRow, type LedgerRow, type OrderRow } from './ledger'
import { pointsStateOf, type MemberDoc } from './member'
import { lotExpiry, refundPoints, restore, reverse } from './points'
import { pointsRulesOf, type Rules } from './rules'
import { recordActivity } from './tiers'

/** How much of an order has been refunded so far: one document per refunded order, keyed like its earn row. */
export interface RefundProgress {
  _id: string
  refundedFen: number
  reversedPoints: number
  /** Points the order spent that its refunds have given back so far (absent before checkout existed: 0). */
  returnedPoints?: number
  items: RefundItem[]
}

/** One refund as it was answered: a repeat of its id answers the same. */
export interface RefundItem {
  refundId: string
  amountFen: number
  pointsReversed: number
  shortfall: number
  pointsReturned?: number
  couponReturned?: boolean
  balanceAfter: number
}

export interface Refund {
  storeId: string
  orderNo: string
  refundId: string
  refundFen: number
  cashier: string
}

/**
 * What a refund has to work with: the order's earn row (or, for an order only paid with points, its
 * points-as-cash row), the points-as-cash row beside an earn row, its progress so far, and (once
 * needed) its member.
 */
export interface RefundState {
  order: OrderRow
  cash?: OrderRow | null
  progress: RefundProgress | null
  member: MemberDoc | null
}

export type RefundedBefore = { kind: 'refunded-before'; original: RefundItem }
export type RefundShare = { kind: 'share'; points: number; refundedFenAfter: number; reversedPointsAfter: number; returnedPointsAfter: number; completes: boolean }

/** The order as a refund sees it: the money that may come back, the points it earned and spent. */
export interface RefundBasis {
  key: string
  openid: string
  paidFen: number
  pointsEarned: number
  pointsUsed: number
  rulesVersion: number
  createdAt: Date
  coupon: { id: string; returnsOnFullRefund: boolean } | null
}

export function refundBasisOf(order: OrderRow, cash: LedgerRow | null = null): RefundBasis {
  const facts = order.order
  const key = ledgerKeys.order(facts.storeId, facts.orderNo)
  const common = { key, openid: order.openid, rulesVersion: order.rulesVersion, createdAt: new Date(order.createdAt) }
  // Paid only with points (points as cash, never accrued): the order's amount, none earned.
  if (order.kind !== 'earn') return { ...common, paidFen: facts.amountFen, pointsEarned: 0, pointsUsed: -order.delta, coupon: null }
  const checkout = facts.checkout
  return {
    ...common,
    paidFen: checkout?.paidFen ?? facts.amountFen,
    pointsEarned: checkout?.pointsEarned ?? order.delta,
    pointsUsed: checkout?.pointsUsed ?? (cash ? -cash.delta : 0),
    coupon: checkout?.coupon ? { id: checkout.coupon.id, returnsOnFullRefund: checkout.coupon.returnsOnFullRefund } : null,
  }
}

/**
 * The refund's share of the order's points, decided on the order's progress alone, so a repeated
 * refund id or an over-refund is answered without reading the member.
 */
export function decideRefundShare(state: Omit<RefundState, 'member'>, command: Refund): RefundedBefore | Refusal | RefundShare {
  const basis = refundBasisOf(state.order, state.cash)
  const progress = state.progress ?? emptyProgress(basis.key)
  const earlier = progress.items.find((item) => item.refundId === command.refundId)
  if (earlier) return { kind: 'refunded-before', original: earlier }
  const share = refundPoints({ amountFen: basis.paidFen, pointsEarned: basis.pointsEarned }, progress, command.refundFen)
  if (!share.ok) return refuse('INVALID_INPUT', share.message, share.field)
  // Spent points come back in the same proportion, cumulatively, so a full refund returns them all.
  const returnedPointsAfter = Math.floor((basis.pointsUsed * share.refundedFenAfter) / basis.paidFen)
  return {
    kind: 'share',
    points: share.points,
    refundedFenAfter: share.refundedFenAfter,
    reversedPointsAfter: share.reversedPointsAfter,
    returnedPointsAfter,
    completes: share.refundedFenAfter === basis.paidFen,
  }
}

/**
 * Reverses the order's points in proportion to the refund, newest lots first and never below
 * zero: what was already spent is recorded as a shortfall. Points the order spent come back in the
 * same proportion as a lot of their own, and the refund that completes the order gives its coupon
 * back when the shop's rule at the sale said so. The spend leaves the month of the purchase; any
 * downgrade waits for the evaluation at the end of the hold.
 */
export function decideRefund(state: RefundState, command: Refund, rules: Rules, now: Date): Decision | RefundedBefore | Refusal {
  const share = decideRefundShare(state, command)
  if (share.kind !== 'share') return share
  const { member } = state
  if (!member) return refuse('NOT_MEMBER')
  const basis = refundBasisOf(state.order, state.cash)
  const { storeId, orderNo, refundId, refundFen, cashier } = command
  const progress = state.progress ?? emptyProgress(basis.key)
  const { state: afterReverse, reversed, shortfall } = reverse(pointsStateOf(member), share.points)
  const pointsReturned = share.returnedPointsAfter - (progress.returnedPoints ?? 0)
  const returnedExpire = lotExpiry(now, pointsRulesOf(rules))
  const points = restore(afterReverse, pointsReturned, returnedExpire)
  const couponBack = share.completes && basis.coupon?.returnsOnFullRefund === true
  const item: RefundItem = {
    refundId,
    amountFen: refundFen,
    pointsReversed: reversed,
    shortfall,
    ...(basis.pointsUsed > 0 || basis.coupon ? { pointsReturned, couponReturned: couponBack } : {}),
    balanceAfter: points.pointsBalance,
  }
  // One row per refund: the points taken back and any given back, net, under the refund's key.
  const returnedNote = pointsReturned > 0 ? ` · 退回抵扣积分 ${groupDigits(pointsReturned)}` : ''
  const ledger = [
    ledgerRow({
      openid: basis.openid,
      by: cashier,
      rulesVersion: basis.rulesVersion,
      at: now,
      ref: basis.key,
      key: ledgerKeys.refund(storeId, orderNo, refundId),
      kind: 'reverse',
      refund: { storeId, amountFen: refundFen },
      delta: pointsReturned - reversed,
      balanceAfter: points.pointsBalance,
      reason: `退款 ${formatFen(refundFen)} · 单号 ${orderNo}${shortfall > 0 ? ` · ${shortfall} 积分已使用无法扣回` : ''}${returnedNote}`,
      shortfall,
      expiresAt: pointsReturned > 0 ? returnedExpire : null,
    }),
  ]
  return decision(basis.openid, {
    ledger,
    couponUpdate: couponBack && basis.coupon ? { id: basis.coupon.id, patch: couponReturned() } : null,
    refund: {
      ...progress,
      refundedFen: share.refundedFenAfter,
      reversedPoints: share.reversedPointsAfter,
      ...(basis.pointsUsed > 0 ? { returnedPoints: (progress.returnedPoints ?? 0) + pointsReturned } : {}),
      items: [...progress.items, item],
    },
    member: { ...pointsPatch(points), activity: recordActivity(member.activity, basis.createdAt, -refundFen, -reversed, now), lastActiveAt: now },
  })
}

/** A refund id used again answers as before, but only for the same amount. */
export function isSameRefund(original: RefundItem, command: Refund): boolean {
  return original.amountFen === command.refundFen
}

/** The refunds document's key is the order's earn row key. */
const emptyProgress = (orderKey: string): RefundProgress => ({ _id: orderKey, refundedFen: 0, reversedPoints: 0, items: [] })
