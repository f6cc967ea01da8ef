import { z } from 'zod'
import { LEDGER_FILTER_KEYS, type LedgerFilter, type LedgerKind, type TierId } from './enums'
import { orderNo, refundNo, storeId, yuanAmount } from './money'
import { cardNoField, memberCodeField } from './member'
import { numberProblem } from './fields'
import { ADJUST_POINTS, ADJUST_REASON, CASH_POINTS, ITEM_QUANTITY } from './staffFields'
import { numberField, refusedBy, textField } from './validators'
import { ACCRUE_ITEM_NAME, CATEGORY_NAME, CATEGORY_WORDS, MAX_ACCRUE_ITEMS, MAX_CATEGORIES, MIN_CATEGORIES, categoryNameProblem } from './categoryFields'

/** A cursor the server handed out; opaque to the client. */
const cursor = z.string().max(200).optional()
const filter = z.enum(LEDGER_FILTER_KEYS as [LedgerFilter, ...LedgerFilter[]]).optional()

/**
 * One line of an accrued order: `amount` is the line's total (not a unit price), so the lines add up
 * to the order's amount exactly. The category must be one of the shop's (points.categories); the
 * action checks that against the stored list.
 */
const accrueItem = z.strictObject({ name: textField(ACCRUE_ITEM_NAME), category: textField(CATEGORY_NAME), quantity: numberField(ITEM_QUANTITY), amount: yuanAmount })

/** Till: the cashier scanned the member's live code and typed the receipt, with its lines when known (the dashboards' category mix). */
export const accruePayload = z
  .strictObject({
    memberCode: memberCodeField,
    storeId,
    orderNo,
    amount: yuanAmount,
    items: z.array(accrueItem).min(1, '商品明细至少 1 行').max(MAX_ACCRUE_ITEMS, `商品明细最多 ${MAX_ACCRUE_ITEMS} 行`).optional(),
  })
  .superRefine((payload, context) => {
    if (!payload.items) return
    const totalFen = payload.items.reduce((sum, item) => sum + item.amount, 0)
    if (totalFen !== payload.amount) context.addIssue({ code: 'custom', path: ['items'], message: '商品合计与订单金额不一致' })
  })
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

/** The shop's categories for order lines: the till offers them, the dashboards count by them. */
export const categoriesPayload = z.strictObject({})
export const setCategoriesPayload = z.strictObject({
  categories: z
    .array(textField(CATEGORY_NAME).superRefine(refusedBy(categoryNameProblem)))
    .min(MIN_CATEGORIES, CATEGORY_WORDS.tooFew)
    .max(MAX_CATEGORIES, CATEGORY_WORDS.tooMany)
    .superRefine((names, context) => {
      const seen = new Set<string>()
      names.forEach((name, index) => {
        if (seen.has(name)) context.addIssue({ code: 'custom', path: [index], message: CATEGORY_WORDS.duplicate(name) })
        seen.add(name)
      })
    }),
})
export interface ShopCategories {
  categories: string[]
  /** false while the shop keeps the default list (it never saved one). */
  custom: boolean
  updatedAt: string | null
}
