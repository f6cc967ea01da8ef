import { z } from 'zod'
import { memberCodeField } from './member'
import { normalizeCode, REDEMPTION_CODE, REWARD_DESCRIPTION, REWARD_IMAGE, REWARD_NAME, REWARD_POINTS_COST, REWARD_STOCK } from './staffFields'
import { numberField, patternField, textField } from './validators'

const rewardId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '礼品编号不正确')
const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'requestId 格式不正确')
/** Redemption codes are 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const redemptionCodeField = patternField(REDEMPTION_CODE, normalizeCode)

/** A file the client uploaded to cloud storage; the server checks what it holds (REWARD_IMAGE) before keeping it. */
const imageFileId = z.string({ error: REWARD_IMAGE.badId }).regex(/^cloud:\/\/\S{1,240}$/, REWARD_IMAGE.badId)

const rewardFields = {
  name: textField(REWARD_NAME),
  description: textField(REWARD_DESCRIPTION).default(''),
  pointsCost: numberField(REWARD_POINTS_COST),
  stock: numberField(REWARD_STOCK),
  /** null or absent: no picture. */
  imageFileId: imageFileId.nullable().default(null),
}

export interface Reward {
  id: string
  name: string
  description: string
  pointsCost: number
  stock: number
  status: 'active' | 'retired'
  /** The picture's `cloud://` ID, kept so an edit can leave it as it is; null without one. */
  imageFileId: string | null
  /** A URL the phone can show now (a temporary link in WeChat cloud). */
  imageUrl: string | null
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
  /** A new picture, or null to remove it; absent leaves it as it is. */
  imageFileId: imageFileId.nullable().optional(),
})
export const retireRewardPayload = z.strictObject({ rewardId })
/** A retired reward back in the catalogue, with the stock and price it had. */
export const relistRewardPayload = z.strictObject({ rewardId })

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
