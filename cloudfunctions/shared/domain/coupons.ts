import type { Coupon, CouponStatus } from '../contract/coupons'
import { shortYuan } from '../contract/format'

/**
 * An issued coupon. `_id` is its idempotency key (`birthday:<openid>:<year>` for birthday perks),
 * `code` is what the member shows and the cashier scans (unique index). `expired` is never
 * stored: it is an available coupon whose `validUntil` has passed.
 */
export interface CouponDoc extends Pick<Coupon, 'code' | 'title' | 'kind' | 'value' | 'itemName' | 'minSpendFen' | 'source'> {
  _id: string
  openid: string
  validFrom: Date
  validUntil: Date
  status: 'available' | 'used'
  usedAt: Date | null
  /** The staff OPENID that redeemed it. */
  usedBy: string | null
  orderNo: string | null
  createdAt: Date
  /** Ended unused when the member's membership was erased (its validUntil is that moment). */
  voidedAt?: Date | null
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

/**
 * Why this member may not use this coupon on an order of `amountFen` at `now`, in the words the
 * till shows; null when they may. The minimum spend is judged on 原价, as the coupon reads.
 */
export function couponProblem(doc: CouponDoc, openid: string, amountFen: number, now: Date): string | null {
  if (doc.openid !== openid) return '该券不属于该会员'
  const status = statusAt(doc, now)
  if (status === 'used') return '该券已被使用'
  if (status === 'expired') return '该券已过期'
  if (new Date(doc.validFrom).getTime() > now.getTime()) return '该券未到使用时间'
  if (amountFen < doc.minSpendFen) return `满${shortYuan(doc.minSpendFen)}可用`
  return null
}

/** The patch that marks a coupon used by an order, and the one that gives it back. */
export const couponUsed = (by: string, orderNo: string | null, now: Date) => ({ status: 'used' as const, usedAt: now, usedBy: by, orderNo })
export const couponReturned = () => ({ status: 'available' as const, usedAt: null, usedBy: null, orderNo: null })
