import { z } from 'zod'
import { memberCodeField } from './member'

const rewardId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '礼品编号不正确')
const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'requestId 格式不正确')
/** Redemption codes are 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const redemptionCodeField = z.string().trim().toUpperCase().regex(/^[2-9A-HJKMNP-Z]{8}$/, '兑换码应为 8 位')

const rewardFields = {
  name: z.string().trim().min(1, '请填写礼品名称').max(20, '名称最多 20 字'),
  description: z.string().trim().max(200, '描述最多 200 字').default(''),
  pointsCost: z.number().int('积分必须是整数').positive('所需积分必须大于 0').max(10_000_000),
  stock: z.number().int('库存必须是整数').min(0, '库存不能为负').max(1_000_000),
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
