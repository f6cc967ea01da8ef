import type { CheckoutQuote, QuotedCoupon } from '@contract/checkout'
import { priceCheckout, type CheckoutPrice } from '@contract/checkoutPrice'
import { formatDiscount, formatFen, formatPoints } from '@contract/format'

/** What the cashier has picked for this order. */
export interface CheckoutSelection {
  amountFen: number
  couponId: string | null
  points: number
}

export interface PricedSelection {
  price: CheckoutPrice
  /** The picked coupon, if the quote says this order may use it. */
  coupon: QuotedCoupon | null
  /** Why the points typed cannot be used (the contract's words); the price then uses none. */
  pointsProblem: string | null
}

/** The price the points function will record for this selection: the contract's own priceCheckout, fed from the quote. */
export function priceSelection(quote: CheckoutQuote, selection: CheckoutSelection): PricedSelection {
  const coupon = quote.coupons.find((quoted) => quoted.id === selection.couponId && quoted.usable) ?? null
  const priced = priceCheckout({
    amountFen: selection.amountFen,
    discountPercent: quote.discountPercent,
    coupon,
    points: selection.points,
    pointsBalance: quote.pointsBalance,
    pointsPerCashYuan: quote.pointsPerCashYuan,
    maxCashShare: quote.maxCashShare,
  })
  return { price: priced.price, coupon, pointsProblem: priced.ok ? null : priced.problem.message }
}

export interface CheckoutStep {
  key: 'amount' | 'tier' | 'coupon' | 'points' | 'payable'
  label: string
  /** What the step is (金卡 9.5折, the coupon's title, 2,000 积分); null when there is nothing to name. */
  detail: string | null
  figure: string
}

/** What the steps name besides the figures: the tier's discount (unknown on a receipt) and the coupon, if one was used. */
export interface StepNames {
  tier: string | null
  /** `goods`: an item coupon, handed over, that takes nothing off the price. */
  coupon: { title: string; goods: boolean } | null
}

const NOT_USED = '未使用'
const off = (fen: number) => (fen > 0 ? `-${formatFen(fen)}` : '—')

/** 原价 → 会员折扣 → 优惠券 → 积分抵扣 → 应付, as the screen, the confirmation and the receipt say it. */
export function checkoutSteps(price: CheckoutPrice, names: StepNames): CheckoutStep[] {
  return [
    { key: 'amount', label: '原价', detail: null, figure: formatFen(price.amountFen) },
    { key: 'tier', label: '会员折扣', detail: names.tier, figure: off(price.tierDiscountFen) },
    { key: 'coupon', label: '优惠券', detail: names.coupon?.title ?? NOT_USED, figure: names.coupon?.goods ? '赠品' : off(price.couponDiscountFen) },
    { key: 'points', label: '积分抵扣', detail: price.pointsUsed > 0 ? `${formatPoints(price.pointsUsed)} 积分` : NOT_USED, figure: off(price.cashFen) },
    { key: 'payable', label: '应付', detail: null, figure: formatFen(price.payableFen) },
  ]
}

/** The steps of a quoted selection, named from the quote. */
export function quotedSteps(quote: Pick<CheckoutQuote, 'tierName' | 'discountPercent'>, { price, coupon }: Pick<PricedSelection, 'price' | 'coupon'>): CheckoutStep[] {
  return checkoutSteps(price, { tier: `${quote.tierName} ${formatDiscount(quote.discountPercent)}`, coupon: coupon && { title: coupon.title, goods: coupon.kind === 'item' } })
}

/** `优惠券（¥10 代金券） -¥10.00`: one step on one line, for the confirmation and the receipt. */
export function stepLine(step: CheckoutStep): string {
  return `${step.label}${step.detail && step.detail !== NOT_USED ? `（${step.detail}）` : ''} ${step.figure}`
}

/** `20261201-104853-07`: the till's own order number, from the phone's clock and two random digits; a receipt's may be typed instead. */
export function newOrderNo(now: Date, random = Math.random): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`
  return `${date}-${time}-${pad(Math.floor(random() * 100))}`
}
