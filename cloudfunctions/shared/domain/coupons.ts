import type { Coupon, CouponKind, CouponStatus } from '../contract/coupons'

/**
 * An issued coupon. `_id` is its idempotency key (`birthday:<openid>:<year>` for birthday perks),
 * `code` is what the member shows and the cashier scans (unique index). `expired` is never
 * stored: it is an available coupon whose `validUntil` has passed.
 */
export interface CouponDoc {
  _id: string
  openid: string
  code: string
  title: string
  kind: CouponKind
  value: number
  itemName: string | null
  minSpendFen: number
  validFrom: Date
  validUntil: Date
  status: 'available' | 'used'
  source: Coupon['source']
  usedAt: Date | null
  /** The staff OPENID that redeemed it. */
  usedBy: string | null
  orderNo: string | null
  createdAt: Date
}

/** The status a member and a cashier see at `now`. */
export function statusAt(doc: Pick<CouponDoc, 'status' | 'validUntil'>, now: Date): CouponStatus {
  if (doc.status === 'used') return 'used'
  return new Date(doc.validUntil).getTime() <= now.getTime() ? 'expired' : 'available'
}

export function toCoupon(doc: CouponDoc, now: Date): Coupon {
  return {
    code: doc.code,
    title: doc.title,
    kind: doc.kind,
    value: doc.value,
    itemName: doc.itemName,
    minSpendFen: doc.minSpendFen,
    validFrom: new Date(doc.validFrom).toISOString(),
    validUntil: new Date(doc.validUntil).toISOString(),
    status: statusAt(doc, now),
    source: doc.source,
    usedAt: doc.usedAt ? new Date(doc.usedAt).toISOString() : null,
  }
}
