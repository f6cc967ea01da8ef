import type { LedgerKind } from '../contract/enums'
import { formatFen } from '../contract/format'
import { shopDate } from './calendar'

/**
 * One points movement. Append-only: `_id` is the idempotency key (`order:<store>:<no>`,
 * `refund:<store>:<no>:<refundId>`, `expire:<openid>:<date>` …) so a repeat can never add a second
 * row. No row is ever updated or removed; the lots they build live on the member (domain/points).
 */
export interface LedgerRow {
  _id: string
  openid: string
  kind: LedgerKind
  delta: number
  /** The member's balance right after this movement: what the original call answered. */
  balanceAfter: number
  reason: string
  /** Who caused it: a staff OPENID, the member's own, or `system` for jobs. */
  by: string
  rulesVersion: number
  createdAt: Date
  /** For earned points: when their lot expires. */
  expiresAt: Date | null
  /** For an order's points (the consumption record) or a points-as-cash payment. */
  order?: OrderFacts
  /** Points a reversal could not take back because they were already spent. */
  shortfall?: number
  /** What this row refers to: the refunded order's key, the redemption code … */
  ref?: string
  /** On a refund's row: the amount refunded, in fen, and the order's store. */
  refund?: { storeId: string; amountFen: number }
}

export interface OrderFacts {
  storeId: string
  orderNo: string
  amountFen: number
  cashier: string
  /** On the earn row of an order recorded as one checkout: how 原价 became what was paid. */
  checkout?: CheckoutFacts
  /** The order's lines with a category each, when the cashier gave them: their amounts add up to amountFen. */
  items?: OrderItem[]
  /** What the statistics count of this purchase, fixed when it was made (see domain/visit). */
  visit?: VisitFacts
}

export interface OrderItem {
  name: string
  category: string
  quantity: number
  amountFen: number
}

/**
 * Facts about the buyer at the moment of the purchase, which no later state can tell: whether it
 * was their first purchase of that Beijing day (so a day's buyers are counted without a set),
 * whether they had ever bought before (复购), and the campaigns whose message it converts for.
 */
export interface VisitFacts {
  firstToday: boolean
  returning: boolean
  campaigns: string[]
}

/** What a checkout took off the order and what was paid: the refund works from these. */
export interface CheckoutFacts {
  tierDiscountFen: number
  coupon: { id: string; code: string; title: string; discountFen: number; returnsOnFullRefund: boolean } | null
  /** What points could have paid at most: the till showed it before the cashier chose. */
  maxPoints: number
  pointsUsed: number
  /** The row's delta is what was earned less what was spent. */
  pointsEarned: number
  cashFen: number
  paidFen: number
  /** The order's lines when the cashier listed them (fen each). */
  items?: Array<{ name: string; quantity: number; priceFen: number }>
}

/** A till command: the member whose code was scanned, and the order it concerns. */
export type TillOrder = OrderFacts & { openid: string }

/** Just the order's facts, as a row carries them. */
export function orderFactsOf({ storeId, orderNo, amountFen, cashier, checkout, items, visit }: OrderFacts): OrderFacts {
  return { storeId, orderNo, amountFen, cashier, ...(checkout ? { checkout } : {}), ...(items?.length ? { items } : {}), ...(visit ? { visit } : {}) }
}

/** An order's earn row: the consumption record a refund works from. */
export type OrderRow = LedgerRow & { order: OrderFacts }

export function isOrderRow(row: LedgerRow | null): row is OrderRow {
  return row !== null && row.order !== undefined
}

/**
 * Every ledger key, in one place: the key is what makes a command once-only, so two features must
 * never build the same key for different things.
 */
export const ledgerKeys = {
  order: (storeId: string, orderNo: string) => `order:${storeId}:${orderNo}`,
  cash: (storeId: string, orderNo: string) => `cash:${storeId}:${orderNo}`,
  refund: (storeId: string, orderNo: string, refundId: string) => `refund:${storeId}:${orderNo}:${refundId}`,
  redeem: (openid: string, requestId: string) => `redeem:${openid}:${requestId}`,
  adjust: (requestId: string) => `adjust:${requestId}`,
  /** The lot's calendar date, so one lot can only ever be expired once. */
  expire: (openid: string, lotExpiresAt: Date) => `expire:${openid}:${shopDate(lotExpiresAt)}`,
  /** Shared with the perk's coupon: a perk can exist only once a year. */
  birthday: (openid: string, year: number) => `birthday:${openid}:${year}`,
  /** A complaint's compensation, per resolution; shared with the coupon when it compensates with one. */
  ticket: (ticketId: string, resolution: number) => `ticket:${ticketId}:${resolution}`,
  /** A membership's erasure: once per membership (its join time), however often it is asked for. */
  erase: (openid: string, joinedAt: Date) => `erase:${openid}:${joinedAt.getTime()}`,
} as const

/** A row as a decision describes it: its key, when it happened, and only the facts it has. */
export type Movement = Omit<LedgerRow, '_id' | 'createdAt' | 'expiresAt'> & { key: string; at: Date; expiresAt?: Date | null }

/** The one way a ledger row is made. Optional facts are left out rather than stored as undefined. */
export function ledgerRow(movement: Movement): LedgerRow {
  const { key, at, expiresAt = null, order, shortfall, ref, ...facts } = movement
  return {
    _id: key,
    ...facts,
    createdAt: at,
    expiresAt,
    ...(order ? { order } : {}),
    ...(shortfall !== undefined ? { shortfall } : {}),
    ...(ref !== undefined ? { ref } : {}),
  }
}

/** One line of a member's history. */
export interface LedgerLine {
  id: string
  kind: LedgerKind
  delta: number
  reason: string
  createdAt: Date
  expiresAt: Date | null
}

/**
 * How a row reads in the history: a checkout that spent points shows as the two movements a
 * member recognises (抵现 −2,000, 消费 +382), although it is one row under one key.
 */
export function linesOf(row: LedgerRow): LedgerLine[] {
  const line = { id: row._id, kind: row.kind, delta: row.delta, reason: row.reason, createdAt: new Date(row.createdAt), expiresAt: row.expiresAt ? new Date(row.expiresAt) : null }
  const checkout = row.order?.checkout
  if (!checkout || checkout.pointsUsed === 0) return [line]
  const { orderNo } = row.order!
  return [
    { ...line, delta: checkout.pointsEarned, reason: `消费 ${formatFen(checkout.paidFen)} · 单号 ${orderNo}` },
    { ...line, id: `${row._id}#cash`, kind: 'redeem', delta: -checkout.pointsUsed, reason: `积分抵现 ${formatFen(checkout.cashFen)} · 单号 ${orderNo}`, expiresAt: null },
  ]
}
