import type { CompensationInput } from '../contract/ticket'
import { couponFrom } from './birthday'
import type { CouponDoc } from './coupons'
import { decision, pointsPatch, refuse, type Decision, type Refusal } from './decision'
import { ledgerRow } from './ledger'
import { isActiveMember, pointsStateOf, type MemberDoc } from './member'
import { earn, lotExpiry } from './points'
import { pointsRulesOf, type Rules } from './rules'
import type { CompensationDoc } from './ticket'

/**
 * A resolution's compensation, through the one door for points and coupons: points as an earned
 * lot, or a coupon, each under the resolution's key `ticket:<id>:<n>` so a retried or concurrent
 * resolve issues it once. `couponCode` is drawn by the caller (randomness stays outside the rules).
 */
export function decideCompensation(
  member: MemberDoc | null,
  ticketId: string,
  compensation: CompensationDoc,
  input: CompensationInput,
  actor: string,
  rules: Rules,
  now: Date,
  couponCode: string,
): Decision | Refusal {
  if (!isActiveMember(member)) return refuse('NOT_MEMBER', '该会员已注销，无法补偿')
  const openid = member._id
  if (input.kind === 'points') {
    const expiresAt = lotExpiry(now, pointsRulesOf(rules))
    const state = earn(pointsStateOf(member), input.points, expiresAt)
    return decision(openid, {
      ledger: [
        ledgerRow({
          key: compensation.key,
          openid,
          kind: 'earn',
          delta: input.points,
          balanceAfter: state.pointsBalance,
          reason: `投诉补偿 · 工单 ${ticketId}`,
          by: actor,
          rulesVersion: rules.version,
          at: now,
          expiresAt,
          ref: `ticket:${ticketId}`,
        }),
      ],
      member: { ...pointsPatch(state), lastActiveAt: now },
    })
  }
  const coupon: CouponDoc = {
    _id: compensation.key,
    openid,
    code: couponCode,
    ...couponFrom(input.coupon, now),
    status: 'available',
    source: 'ticket',
    usedAt: null,
    usedBy: null,
    orderNo: null,
    createdAt: now,
  }
  return decision(openid, { coupon })
}
