import { confirmRedemptionPayload, myRedemptionsPayload, redeemAtTillPayload, redeemPayload, type ConfirmResult, type RedeemResult, type Redemption } from '../../shared/contract/rewards'
import { membersRepo } from '../../shared/data/members'
import { rewardsRepo } from '../../shared/data/rewards'
import { AppError, defineAction } from '../../shared/runtime'
import { resolveMemberCode } from '../../shared/runtime/memberCode'
import { toRedemption } from '../../shared/domain/rewards'
import { redeemReward } from './redeem'

/** A member redeems from the catalogue and gets a code to show at the till. */
export const redeem = defineAction({
  schema: redeemPayload,
  async handler({ rewardId, requestId }, { db, openid, now }): Promise<RedeemResult> {
    return redeemReward(db, { openid, rewardId, requestId, confirmedBy: null }, now)
  },
})

/** The cashier redeems for the member in front of them: scanned live code, confirmed at once. */
export const redeemAtTill = defineAction({
  schema: redeemAtTillPayload,
  async handler({ rewardId, requestId, memberCode }, { db, openid: cashier, now }): Promise<RedeemResult> {
    const openid = resolveMemberCode(memberCode, now)
    return redeemReward(db, { openid, rewardId, requestId, confirmedBy: cashier }, now)
  },
})

export const myRedemptions = defineAction({
  schema: myRedemptionsPayload,
  async handler(_payload, { db, openid }): Promise<Redemption[]> {
    return (await rewardsRepo(db).redemptionsOf(openid)).map(toRedemption)
  },
})

/**
 * The cashier hands over the reward: a pending code becomes confirmed exactly once (one conditional
 * update), so two tills scanning the same code give one success and one CONFLICT.
 */
export const confirm = defineAction({
  schema: confirmRedemptionPayload,
  async handler({ code }, { db, openid: cashier, now }): Promise<ConfirmResult> {
    const rewards = rewardsRepo(db)
    const confirmed = await rewards.confirm(code, cashier, now)
    const redemption = await rewards.redemption(code)
    if (!redemption) throw new AppError('NOT_FOUND', '兑换码不存在')
    if (!confirmed) throw new AppError('CONFLICT', '该兑换码已使用')
    const member = await membersRepo(db).byOpenid(redemption.openid)
    return { ...toRedemption(redemption), memberName: member?.profile.name ?? '', cardNo: member?.cardNo ?? '' }
  },
})
