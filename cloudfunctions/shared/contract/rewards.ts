import { z } from 'zod'
import { memberCodeField } from './member'
import { normalizeCode, REDEMPTION_CODE, REWARD_DESCRIPTION, REWARD_NAME, REWARD_POINTS_COST, REWARD_STOCK } from './staffFields'
import { numberField, patternField, textField } from './validators'

const rewardId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '礼品编号不正确')
const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'requestId 格式不正确')
/** Redemption codes are 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const redemptionCodeField = patternField(REDEMPTION_CODE, normalizeCode)

const rewardFields = {
  name: textField(REWARD_NAME),
  description: textField(REWARD_DESCRIPTION).default(''),
  pointsCost: numberField(REWARD_POINTS_COST),
  stock: numberField(REWARD_STOCK),
}

export interface Reward {
  id: string
  name: string
  description: string
  pointsCost: number
  stock: number
  status: 'active' | 'retired'
  updatedAt: string
}

export const listRewardsPayload = z.strictObject({})
export const adminListRewardsPayload = z.strictObject({ includeRetired: z.boolean().default(true) })
export const createRewardPayload = z.strictObject(rewardFields)
export const updateRewardPayload = z.strictObject({
  rewardId,
  name: rewardFields.name.optional(),
  description: rewardFields.description.optional(),
  pointsCost: rewardFields.pointsCost.optional(),
  stock: rewardFields.stock.optional(),
})
export const retireRewardPayload = z.strictObject({ rewardId })

/** A member spends points on a reward and gets a code to show at the till. */
export const redeemPayload = z.strictObject({ rewardId, requestId })
/** The cashier redeems for the member in front of them (scanned live code): confirmed at once. */
export const redeemAtTillPayload = z.strictObject({ rewardId, requestId, memberCode: memberCodeField })
export interface Redemption {
  code: string
  rewardId: string
  rewardName: string
  pointsSpent: number
  status: 'pending' | 'confirmed'
  createdAt: string
  confirmedAt: string | null
}
export interface RedeemResult extends Redemption {
  pointsBalance: number
  duplicate: boolean
}

export const myRedemptionsPayload = z.strictObject({})
export const confirmRedemptionPayload = z.strictObject({ code: redemptionCodeField })
export interface ConfirmResult extends Redemption {
  memberName: string
  cardNo: string
}
