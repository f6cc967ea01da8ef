import { randomBytes } from 'node:crypto'
import { adminListRewardsPayload, createRewardPayload, listRewardsPayload, retireRewardPayload, updateRewardPayload, type Reward } from '../../shared/contract/rewards'
import { rewardsRepo } from '../../shared/data/rewards'
import { toReward, type RewardDoc } from '../../shared/domain/rewards'
import { AppError, defineAction } from '../../shared/runtime'

/** What members (and the till) can redeem now, cheapest first. */
export const list = defineAction({
  schema: listRewardsPayload,
  async handler(_payload, { db }): Promise<Reward[]> {
    return (await rewardsRepo(db).list(['active'])).map(toReward)
  },
})

export const adminList = defineAction({
  schema: adminListRewardsPayload,
  audit: false,
  async handler({ includeRetired }, { db }): Promise<Reward[]> {
    return (await rewardsRepo(db).list(includeRetired ? ['active', 'retired'] : ['active'])).map(toReward)
  },
})

export const create = defineAction({
  schema: createRewardPayload,
  async handler(fields, { db, openid, now }): Promise<Reward> {
    const doc: RewardDoc = { _id: `rw-${randomBytes(6).toString('hex')}`, ...fields, status: 'active', createdAt: now, updatedAt: now, updatedBy: openid }
    await rewardsRepo(db).insert(doc)
    return toReward(doc)
  },
})

export const update = defineAction({
  schema: updateRewardPayload,
  async handler({ rewardId, ...changes }, { db, openid, now }): Promise<Reward> {
    const rewards = rewardsRepo(db)
    const existing = await rewards.byId(rewardId)
    if (!existing) throw new AppError('NOT_FOUND', '找不到该礼品')
    const fields = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined))
    await rewards.update(rewardId, { ...fields, updatedAt: now, updatedBy: openid })
    return toReward({ ...existing, ...fields, updatedAt: now, updatedBy: openid })
  },
})

/** Retired rewards leave the catalogue; redemptions already made stay valid. */
export const retire = defineAction({
  schema: retireRewardPayload,
  async handler({ rewardId }, { db, openid, now }): Promise<Reward> {
    const rewards = rewardsRepo(db)
    const existing = await rewards.byId(rewardId)
    if (!existing) throw new AppError('NOT_FOUND', '找不到该礼品')
    await rewards.update(rewardId, { status: 'retired', updatedAt: now, updatedBy: openid })
    return toReward({ ...existing, status: 'retired', updatedAt: now })
  },
})
