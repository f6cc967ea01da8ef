import { decision, pointsPatch, type Decision } from './decision'
import { ledgerKeys, ledgerRow } from './ledger'
import type { CouponDoc } from './coupons'
import type { MemberDoc } from './member'

export const FORFEIT_REASON = '注销会员，积分清零'

/**
 * What erasing a membership does to its points and coupons: the balance is forfeited by one
 * ledger row (so the balance still equals Σ ledger, and every earlier row stays as it was), the
 * lifetime total stays for the accounts, and every coupon not yet used ends now. Nothing to decide
 * when the member was already erased.
 */
export function decideErasure(input: { member: MemberDoc; openCoupons: readonly Pick<CouponDoc, '_id' | 'status'>[]; by: string; rulesVersion: number; now: Date }): Decision | null {
  const { member, openCoupons, by, rulesVersion, now } = input
  if (member.erasedAt) return null
  const balance = member.pointsBalance
  const ledger =
    balance > 0
      ? [
          ledgerRow({
            key: ledgerKeys.erase(member._id, new Date(member.joinedAt)),
            openid: member._id,
            kind: 'adjust',
            delta: -balance,
            balanceAfter: 0,
            reason: FORFEIT_REASON,
            by,
            rulesVersion,
            at: now,
          }),
        ]
      : []
  const ids = openCoupons.filter((coupon) => coupon.status === 'available').map((coupon) => coupon._id)
  return decision(member._id, {
    ledger,
    member: balance > 0 ? pointsPatch({ pointsBalance: 0, lifetimePoints: member.lifetimePoints, pointLots: [] }) : {},
    voidCoupons: ids.length > 0 ? { ids, at: now } : null,
  })
}
