import { z } from 'zod'
import type { Coupon } from './coupons'
import type { TierId } from './enums'
import { CHECKOUT_POINTS, ITEM_NAME, ITEM_QUANTITY, MAX_ITEMS, toFen } from './staffFields'
import type { CheckoutPrice } from './checkoutPrice'
import { CATEGORY_NAME } from './categoryFields'
import { memberCodeField } from './member'
import { orderNo, storeId, yuanAmount } from './money'
import { numberField, textField } from './validators'

/**
 * An order's line, as the cashier may list them: the lines must add up to the order's amount. The
 * category, when given, is one of the shop's (points.categories; the action checks the stored list).
 */
const orderItem = z.strictObject({ name: textField(ITEM_NAME), quantity: numberField(ITEM_QUANTITY), price: yuanAmount, category: textField(CATEGORY_NAME).optional() })

/** The cashier scanned the member and typed the order amount: what the till may offer them. */
export const quotePayload = z.strictObject({ memberCode: memberCodeField, amount: yuanAmount })

/** A coupon as the till offers it, with the server's word on whether this order may use it. */
export interface QuotedCoupon extends Coupon {
  /** What the checkout names the picked coupon by (the code is what the member shows). */
  id: string
  usable: boolean
  /** Why not, in Chinese (满¥100可用, 未到使用时间 …); null when usable. */
  unusableReason: string | null
}

export interface CheckoutQuote {
  memberName: string
  cardNo: string
  tier: TierId
  tierName: string
  discountPercent: number
  pointsBalance: number
  pointsPerCashYuan: number
  maxCashShare: number
  /** Points per ¥1 paid, the tier's multiplier applied: what 应付 will earn. */
  pointsPerPaidYuan: number
  /** Usable ones first, soonest to expire first. */
  coupons: QuotedCoupon[]
}

/**
 * One order at the till: the tier discount, at most one coupon, points as cash, and points earned
 * on what is paid, all recorded at once. The order number makes it happen once; the same number
 * with another member, amount, coupon or points is IDEMPOTENCY_MISMATCH. The coupon is one the quote
 * offered, named by its id. `expectedPayable` is what
 * the till showed: if the rules or the member changed since, the checkout is refused, not charged.
 */
export const checkoutPayload = z
  .strictObject({
    memberCode: memberCodeField,
    storeId,
    orderNo,
    amount: yuanAmount,
    couponId: z.string({ error: '优惠券不正确' }).min(1, '优惠券不正确').max(128, '优惠券不正确').optional(),
    points: numberField(CHECKOUT_POINTS),
    expectedPayable: z.number({ error: '应付金额须为数字' }).min(0, '应付金额须为数字').transform(toFen).optional(),
    items: z.array(orderItem).max(MAX_ITEMS, `商品最多 ${MAX_ITEMS} 行`).optional(),
  })
  .superRefine((payload, context) => {
    if (!payload.items || payload.items.length === 0) return
    const totalFen = payload.items.reduce((sum, item) => sum + item.price * item.quantity, 0)
    if (totalFen !== payload.amount) context.addIssue({ code: 'custom', path: ['items'], message: '商品合计与订单金额不一致' })
  })
export type OrderItem = z.output<typeof orderItem>

export interface CheckoutResult {
  orderNo: string
  memberName: string
  cardNo: string
  price: CheckoutPrice
  coupon: { code: string; title: string } | null
  pointsEarned: number
  pointsBalance: number
  /** true when this order was already recorded: the original result, nothing written. */
  duplicate: boolean
  tierChange: { from: TierId; to: TierId; toName: string } | null
}

/** The refund form finds the order by its number before the cashier confirms. */
export const refundableOrderPayload = z.strictObject({ storeId, orderNo })

export interface RefundableOrder {
  orderNo: string
  memberName: string
  cardNo: string
  createdAt: string
  /** 原价 and the steps to what was paid; for an order recorded before checkout, only what is known. */
  amountFen: number
  tierDiscountFen: number
  couponDiscountFen: number
  /** The order's lines, when the cashier listed them. */
  items: Array<{ name: string; quantity: number; priceFen: number }>
  coupon: { code: string; title: string; returnsOnFullRefund: boolean } | null
  pointsUsed: number
  cashFen: number
  paidFen: number
  pointsEarned: number
  refundedFen: number
  /** What may still be refunded. */
  refundableFen: number
}
