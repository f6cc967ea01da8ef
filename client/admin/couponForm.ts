import type { CouponKind } from '@contract/coupons'
import { readNumber, textProblem } from '@contract/fields'
import { COUPON_ITEM_NAME, COUPON_MIN_SPEND, COUPON_TITLE, COUPON_VALID_DAYS, COUPON_VALUE } from '@contract/rulesFields'

/**
 * A coupon as staff type it (a tier's birthday coupon, a ticket's compensation) and as the
 * contract takes it: one reading, with the contract's rules, for every form that issues coupons.
 */
export interface CouponForm {
  title: string
  kind: CouponKind
  /** fixed: yuan off; percent: percent off (20 = 8折); item: unused */
  value: string
  itemName: string
  minSpendYuan: string
  validDays: string
}

export interface CouponTemplate {
  title: string
  kind: CouponKind
  value: number
  itemName: string | null
  minSpendFen: number
  validDays: number
}

/**
 * The contract's coupon, its problems recorded in `errors` under `<at>.<field>` (the payload's own
 * paths, where the server's field errors land too); a number that failed reads NaN.
 */
export function readCouponForm(coupon: CouponForm, at: string, errors: Record<string, string>): CouponTemplate {
  const item = coupon.kind === 'item'
  const read = (field: string, text: string, rule: Parameters<typeof readNumber>[1]): number => {
    const reading = readNumber(text, rule)
    if (reading.value !== null) return reading.value
    errors[`${at}.${field}`] = reading.error
    return NaN
  }
  const titleProblem = textProblem(coupon.title, COUPON_TITLE)
  if (titleProblem) errors[`${at}.title`] = titleProblem
  const itemProblem = item ? textProblem(coupon.itemName, COUPON_ITEM_NAME) : null
  if (itemProblem) errors[`${at}.itemName`] = itemProblem
  return {
    title: coupon.title.trim(),
    kind: coupon.kind,
    value: item ? 0 : read('value', coupon.value, COUPON_VALUE[coupon.kind]),
    itemName: item ? coupon.itemName.trim() : null,
    minSpendFen: read('minSpendFen', coupon.minSpendYuan, COUPON_MIN_SPEND),
    validDays: read('validDays', coupon.validDays, COUPON_VALID_DAYS),
  }
}
