import type { Coupon } from '@contract/coupons'
import { formatDiscount, shortYuan } from '@contract/format'

/** What the coupon gives: `¥10`, `8折`, or the item's name. */
export function couponValue(coupon: Pick<Coupon, 'kind' | 'value' | 'itemName'>): string {
  if (coupon.kind === 'fixed') return shortYuan(coupon.value)
  if (coupon.kind === 'percent') return formatDiscount(coupon.value)
  return coupon.itemName ?? '兑换券'
}

/** `满 ¥50 可用`, or `无门槛`. */
export function minSpendText(minSpendFen: number): string {
  return minSpendFen > 0 ? `满 ${shortYuan(minSpendFen)} 可用` : '无门槛'
}
