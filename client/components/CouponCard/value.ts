import type { Coupon } from '@contract/coupons'
import { formatFen } from '@contract/format'

/** Whole yuan without trailing `.00`: `¥10`, `¥12.50`. */
export function shortYuan(fen: number): string {
  return formatFen(fen).replace(/\.00$/, '')
}

/** What the coupon gives: `¥10`, `8折`, or the item's name. */
export function couponValue(coupon: Pick<Coupon, 'kind' | 'value' | 'itemName'>): string {
  if (coupon.kind === 'fixed') return shortYuan(coupon.value)
  if (coupon.kind === 'percent') return `${(100 - coupon.value) / 10}折`
  return coupon.itemName ?? '兑换券'
}

/** `满 ¥50 可用`, or `无门槛`. */
export function minSpendText(minSpendFen: number): string {
  return minSpendFen > 0 ? `满 ${shortYuan(minSpendFen)} 可用` : '无门槛'
}

/** `ABCDE 23456`: two groups of five read aloud more easily across the counter. */
export function groupedCouponCode(code: string): string {
  return code.replace(/^(.{5})(.+)$/, '$1 $2')
}
