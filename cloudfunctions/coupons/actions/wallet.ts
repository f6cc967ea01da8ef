import { birthdayPayload, walletPayload, type BirthdayBanner, type CouponStatus, type Wallet } from '../../shared/contract/coupons'
import { couponsRepo } from '../../shared/data/coupons'
import { membersRepo } from '../../shared/data/members'
import { toCoupon } from '../../shared/domain/coupons'
import { defineAction } from '../../shared/runtime'

/**
 * The member's own coupons, newest first, with counts per status. Expired ones stay listed under
 * `expired` (derived from validUntil) rather than silently disappearing. One round trip.
 */
export const wallet = defineAction({
  schema: walletPayload,
  async handler({ status }, { db, openid, now }): Promise<Wallet> {
    const coupons = (await couponsRepo(db).of(openid)).map((doc) => toCoupon(doc, now))
    const counts: Record<CouponStatus, number> = { available: 0, used: 0, expired: 0 }
    for (const coupon of coupons) counts[coupon.status]++
    return { coupons: status ? coupons.filter((coupon) => coupon.status === status) : coupons, counts }
  },
})

/**
 * The card's birthday banner while this year's perk is valid (the coupon's validity, or the
 * birthday week for points only), else null. One round trip, two with a coupon.
 */
export const birthday = defineAction({
  schema: birthdayPayload,
  async handler(_payload, { db, openid, now }): Promise<BirthdayBanner | null> {
    const mark = await membersRepo(db).lastPerkOf(openid)
    if (!mark || new Date(mark.showUntil).getTime() < now.getTime()) return null
    const coupon = mark.couponId ? await couponsRepo(db).byId(mark.couponId) : null
    const validUntil = coupon?.validUntil ?? mark.pointsExpiresAt ?? mark.showUntil
    return { year: mark.year, points: mark.points, coupon: coupon ? toCoupon(coupon, now) : null, validUntil: new Date(validUntil).toISOString() }
  },
})
