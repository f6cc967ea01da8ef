import { inspectCouponPayload, memberCouponsPayload, redeemCouponPayload, type Coupon, type RedeemCouponResult } from '../../shared/contract/coupons'
import { couponsRepo, type CouponWithMember } from '../../shared/data/coupons'
import { statusAt, toCoupon } from '../../shared/domain/coupons'
import { membersRepo } from '../../shared/data/members'
import { AppError, defineAction } from '../../shared/runtime'
import { resolveMemberCode } from '../../shared/runtime/memberCode'

/** The cashier checks a scanned coupon (whose it is, what it gives, whether it can still be used). */
export const inspect = defineAction({
  schema: inspectCouponPayload,
  async handler({ code }, { db, now }): Promise<RedeemCouponResult> {
    const found = await couponsRepo(db).byCodeWithMember(code)
    if (!found) throw new AppError('NOT_FOUND', '券码不存在')
    return resultOf(found, now)
  },
})

/**
 * Applies a coupon once: one conditional update (available, unexpired, not the redeemer's own), so
 * two tills scanning the same code at once give exactly one success; the other reads why it failed.
 * Nobody applies their own coupon, whatever their role.
 */
export const redeem = defineAction({
  schema: redeemCouponPayload,
  async handler({ code, orderNo }, { db, openid: cashier, now }): Promise<RedeemCouponResult> {
    const coupons = couponsRepo(db)
    const redeemed = await coupons.redeem(code, cashier, now, orderNo ?? null)
    const found = await coupons.byCodeWithMember(code)
    if (!found) throw new AppError('NOT_FOUND', '券码不存在')
    if (redeemed) return resultOf(found, now)
    if (found.openid === cashier) throw new AppError('FORBIDDEN', '不能核销自己的优惠券')
    const status = statusAt(found, now)
    if (status === 'used') throw new AppError('CONFLICT', '该券已被使用')
    if (status === 'expired') throw new AppError('CONFLICT', '该券已过期')
    throw new AppError('CONFLICT', '该券暂不可用，请重试')
  },
})

/** For a cashier who scanned the member's card instead of a coupon: the coupons they can use now. */
export const memberCoupons = defineAction({
  schema: memberCouponsPayload,
  async handler({ memberCode }, { db, now }): Promise<Coupon[]> {
    const openid = resolveMemberCode(memberCode, now)
    const [member, available] = await Promise.all([membersRepo(db).byOpenid(openid), couponsRepo(db).availableOf(openid, now)])
    if (!member || member.removedAt) throw new AppError('NOT_MEMBER', '该会员已注销')
    return available.map((doc) => toCoupon(doc, now))
  },
})

function resultOf(found: CouponWithMember, now: Date): RedeemCouponResult {
  return { ...toCoupon(found, now), memberName: found.member?.name ?? '', cardNo: found.member?.cardNo ?? '' }
}
