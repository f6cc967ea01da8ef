import { z } from 'zod'
import { memberCodeField } from './member'
import { COUPON_CODE, normalizeCode } from './staffFields'
import { orderNo } from './money'
import { patternField } from './validators'

/** Coupon codes: 10 characters from the look-alike-free alphabet, shown as a QR and as text. */
export const couponCodeField = patternField(COUPON_CODE, normalizeCode)

export type CouponKind = 'fixed' | 'percent' | 'item'
/** `expired` is derived (validUntil has passed while still available), never stored. */
export type CouponStatus = 'available' | 'used' | 'expired'

export interface Coupon {
  code: string
  title: string
  kind: CouponKind
  /** fixed: fen off; percent: percent off (20 = 20 % off); item: 0 */
  value: number
  itemName: string | null
  minSpendFen: number
  validFrom: string
  validUntil: string
  status: CouponStatus
  /** Where it came from: a birthday perk, a complaint's compensation, campaigns later. */
  source: 'birthday' | 'campaign' | 'manual' | 'ticket'
  usedAt: string | null
}

export const walletPayload = z.strictObject({ status: z.enum(['available', 'used', 'expired']).optional() })
export interface Wallet {
  coupons: Coupon[]
  counts: Record<CouponStatus, number>
}

/** The cashier scans the coupon's code (and says which order it is for). */
export const redeemCouponPayload = z.strictObject({ code: couponCodeField, orderNo: orderNo.optional() })
export interface RedeemCouponResult extends Coupon {
  memberName: string
  cardNo: string
}

/** The cashier checks a coupon before applying it. */
export const inspectCouponPayload = z.strictObject({ code: couponCodeField })

/** The card's birthday banner: shown while a birthday perk is valid. */
export const birthdayPayload = z.strictObject({})
export interface BirthdayBanner {
  year: number
  points: number
  coupon: Coupon | null
  validUntil: string
}

/** For staff who scanned the member instead of a coupon: their available coupons. */
export const memberCouponsPayload = z.strictObject({ memberCode: memberCodeField })
