import { z } from 'zod'
import { LEDGER_FILTER_KEYS, type LedgerFilter, type LedgerKind, type TierId } from './enums'
import { orderNo, refundNo, storeId, yuanAmount } from './money'
import { cardNoField, memberCodeField } from './member'
import { numberProblem } from './fields'
import { ADJUST_POINTS, ADJUST_REASON, CASH_POINTS } from './staffFields'
import { numberField, refusedBy, textField } from './validators'

/** A cursor the server handed out; opaque to the client. */
const cursor = z.string().max(200).optional()
const filter = z.enum(LEDGER_FILTER_KEYS as [LedgerFilter, ...LedgerFilter[]]).optional()

/** Till: the cashier scanned the member's live code and typed the receipt. */
export const accruePayload = z.strictObject({ memberCode: memberCodeField, storeId, orderNo, amount: yuanAmount })
export interface AccrualResult {
  orderNo: string
  amountFen: number
  pointsEarned: number
  pointsBalance: number
  memberName: string
  cardNo: string
  /** true when this order was already recorded: the original result, nothing written. */
  duplicate: boolean
  /** The purchase lifted the member to a higher tier. */
  tierChange: { from: TierId; to: TierId; toName: string } | null
}

/** A full or partial refund of a recorded order (a checkout, a purchase, or points as cash); refundId makes it happen at most once. */
export const refundPayload = z.strictObject({ storeId, orderNo, refundId: refundNo, amount: yuanAmount })
export interface RefundResult {
  refundId: string
  pointsReversed: number
  /** Points that should have been taken back but were already spent: recorded, never hidden. */
  shortfall: number
  /** Points the order had spent (points as cash), given back in proportion. */
  pointsReturned: number
  /** The order's coupon, usable again after a full refund when the shop's rule says so. */
  couponReturned: boolean
  pointsBalance: number
  duplicate: boolean
}

/** Points as cash at the till: `points` must be a whole number of yuan at the current rate. */
export const payWithPointsPayload = z.strictObject({
  memberCode: memberCodeField,
  storeId,
  orderNo,
  orderAmount: yuanAmount,
  points: numberField(CASH_POINTS),
})
export interface PayWithPointsResult {
  orderNo: string
  pointsUsed: number
  discountFen: number
  pointsBalance: number
  duplicate: boolean
}

/** Owner or admin corrects a balance; the reason is mandatory and audited. */
export const adjustPayload = z.strictObject({
  cardNo: cardNoField,
  /** The form takes the size and the direction apart; the size is checked as the form checks it. */
  delta: z.number().superRefine(refusedBy((delta: number) => numberProblem(Math.abs(delta), ADJUST_POINTS))),
  reason: textField(ADJUST_REASON),
  /** Makes a retried tap harmless. */
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'requestId 格式不正确'),
})
export interface AdjustResult {
  delta: number
  pointsBalance: number
  duplicate: boolean
}

export const historyPayload = z.strictObject({ filter, cursor })
export const memberHistoryPayload = z.strictObject({ cardNo: cardNoField, filter, cursor })

export interface LedgerEntry {
  id: string
  kind: LedgerKind
  delta: number
  /** Why, in Chinese: 消费 ¥88.50 · 单号 A001 */
  reason: string
  createdAt: string
  /** For earned points: when they expire. */
  expiresAt: string | null
}
export interface LedgerPage {
  entries: LedgerEntry[]
  nextCursor: string | null
}

export const summaryPayload = z.strictObject({})
export interface PointsSummary {
  pointsBalance: number
  lifetimePoints: number
  /** The next lot to expire: how many points, and when. */
  expiringSoon: { points: number; expiresAt: string } | null
  /** Points per ¥1 at the till, and how many points make ¥1 off. */
  pointsPerYuan: number
  pointsPerCashYuan: number
}

export const ordersPayload = z.strictObject({ cardNo: cardNoField, cursor })
export interface OrderRecord {
  orderNo: string
  storeId: string
  amountFen: number
  pointsEarned: number
  refundedFen: number
  /** The cashier's name as staff records have it (their OPENID is never shown). */
  cashierName: string
  createdAt: string
}
export interface OrdersPage {
  orders: OrderRecord[]
  nextCursor: string | null
}
