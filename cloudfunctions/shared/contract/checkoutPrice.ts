/**
 * What a member pays at the till, step by step: 原价 → 会员折扣 → 优惠券 → 积分抵扣 → 应付. Plain
 * arithmetic in whole fen with no schema library, so the till shows exactly what the points function
 * will record (domain/checkout.ts decides with this same function) without restating a rule.
 */
import { groupDigits, shortYuan } from './format'

/** A coupon as pricing needs it. `value`: fen off (fixed), percent off (percent), 0 (item: goods, not money). */
export interface PricedCoupon {
  kind: 'fixed' | 'percent' | 'item'
  value: number
}

export interface PriceInput {
  amountFen: number
  /** The member's tier discount, percent off (5 = 9.5折). */
  discountPercent: number
  coupon: PricedCoupon | null
  /** Points the cashier wants to use; 0 for none. */
  points: number
  pointsBalance: number
  pointsPerCashYuan: number
  /** The most of what is left after discounts that points may pay (0.5 = half). */
  maxCashShare: number
}

export interface CheckoutPrice {
  /** 原价 */
  amountFen: number
  /** 会员折扣 */
  tierDiscountFen: number
  couponDiscountFen: number
  /** What points may pay at most here: the rule's cap and the balance, in whole yuan of points. */
  maxPoints: number
  pointsUsed: number
  /** 积分抵扣 */
  cashFen: number
  /** 应付: what the member pays, and what earns points. */
  payableFen: number
}

export interface PriceProblem {
  field: 'points'
  message: string
}

export type Priced = { ok: true; price: CheckoutPrice } | { ok: false; price: CheckoutPrice; problem: PriceProblem }

/** Half a fen rounds up, as a receipt does; discounts apply to what the previous step left. */
export function priceCheckout(input: PriceInput): Priced {
  const { amountFen, discountPercent, coupon, points, pointsBalance, pointsPerCashYuan, maxCashShare } = input
  const tierDiscountFen = Math.round((amountFen * discountPercent) / 100)
  const afterTier = amountFen - tierDiscountFen
  const couponDiscountFen = coupon ? couponOff(coupon, afterTier) : 0
  const afterCoupon = afterTier - couponDiscountFen
  const capYuan = Math.floor(Math.floor(afterCoupon * maxCashShare) / 100)
  const maxPoints = Math.min(capYuan, Math.floor(pointsBalance / pointsPerCashYuan)) * pointsPerCashYuan
  const problem = pointsProblem(points, maxPoints, pointsBalance, pointsPerCashYuan, maxCashShare)
  const pointsUsed = problem ? 0 : points
  const cashFen = (pointsUsed / pointsPerCashYuan) * 100
  const price = { amountFen, tierDiscountFen, couponDiscountFen, maxPoints, pointsUsed, cashFen, payableFen: afterCoupon - cashFen }
  return problem ? { ok: false, price, problem } : { ok: true, price }
}

function couponOff(coupon: PricedCoupon, fen: number): number {
  if (coupon.kind === 'fixed') return Math.min(coupon.value, fen)
  if (coupon.kind === 'percent') return Math.round((fen * coupon.value) / 100)
  return 0
}

function pointsProblem(points: number, maxPoints: number, balance: number, rate: number, share: number): PriceProblem | null {
  if (points === 0) return null
  if (points % rate !== 0) return { field: 'points', message: `积分抵扣须为 ${groupDigits(rate)} 的整数倍` }
  if (points > balance) return { field: 'points', message: `积分不足：可用 ${groupDigits(balance)} 积分` }
  if (points > maxPoints) return { field: 'points', message: `本单最多可用 ${groupDigits(maxPoints)} 积分（抵扣不超过折后金额的 ${Math.round(share * 100)}%）` }
  return null
}

/** `满¥100可用`, or null for a coupon without a minimum. */
export function minSpendLabel(minSpendFen: number): string | null {
  return minSpendFen > 0 ? `满${shortYuan(minSpendFen)}可用` : null
}
