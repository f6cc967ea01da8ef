import { randomBytes } from 'node:crypto'
import { adminListRewardsPayload, createRewardPayload, listRewardsPayload, relistRewardPayload, retireRewardPayload, updateRewardPayload, type Reward } from '../../shared/contract/rewards'
import { rewardsRepo } from '../../shared/data/rewards'
import { toReward, type RewardDoc } from '../../shared/domain/rewards'
import { AppError, defineAction, type Database } from '../../shared/runtime'
import { checkStoredImage, imageUrlsOf } from '../../shared/runtime/images'
import { REWARD_IMAGE } from '../../shared/contract/staffFields'

async function withImages(docs: RewardDoc[]): Promise<Reward[]> {
  const urls = await imageUrlsOf(docs.map((doc) => doc.imageFileId))
  return docs.map((doc, index) => toReward(doc, urls[index]))
}
const oneWithImage = async (doc: RewardDoc): Promise<Reward> => (await withImages([doc]))[0]

async function existing(db: Database, rewardId: string): Promise<RewardDoc> {
  const doc = await rewardsRepo(db).byId(rewardId)
  if (!doc) throw new AppError('NOT_FOUND', '找不到该礼品')
  return doc
}

/** What members (and the till) can redeem now, cheapest first. */
export const list = defineAction({
  schema: listRewardsPayload,
  async handler(_payload, { db }): Promise<Reward[]> {
    return withImages(await rewardsRepo(db).list(['active']))
  },
})

export const adminList = defineAction({
  schema: adminListRewardsPayload,
  audit: false,
  async handler({ includeRetired }, { db }): Promise<Reward[]> {
    return withImages(await rewardsRepo(db).list(includeRetired ? ['active', 'retired'] : ['active']))
  },
})

export const create = defineAction({
  schema: createRewardPayload,
  async handler(fields, { db, openid, now }): Promise<Reward> {
    if (fields.imageFileId) await checkStoredImage(fields.imageFileId, 'imageFileId', REWARD_IMAGE)
    const doc: RewardDoc = { _id: `rw-${randomBytes(6).toString('hex')}`, ...fields, status: 'active', createdAt: now, updatedAt: now, updatedBy: openid }
    await rewardsRepo(db).insert(doc)
    return oneWithImage(doc)
  },
})

export const update = defineAction({
  schema: updateRewardPayload,
  async handler({ rewardId, ...changes }, { db, openid, now }): Promise<Reward> {
    const before = await existing(db, rewardId)
    // The picture it already has was checked when it was given; only a new one is read.
    if (changes.imageFileId && changes.imageFileId !== before.imageFileId) await checkStoredImage(changes.imageFileId, 'imageFileId', REWARD_IMAGE)
    const fields = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined))
    await rewardsRepo(db).update(rewardId, { ...fields, updatedAt: now, updatedBy: openid })
    return oneWithImage({ ...before, ...fields, updatedAt: now, updatedBy: openid })
  },
})

/** Retired rewards leave the catalogue; redemptions already made stay valid. */
export const retire = defineAction({
  schema: retireRewardPayload,
  async handler({ rewardId }, { db, openid, now }): Promise<Reward> {
    const before = await existing(db, rewardId)
    await rewardsRepo(db).update(rewardId, { status: 'retired', updatedAt: now, updatedBy: openid })
    return oneWithImage({ ...before, status: 'retired', updatedAt: now, updatedBy: openid })
  },
})

/** A retired reward back in the catalogue as it was; relisting one already listed changes nothing, so a second tap is harmless. */
export const relist = defineAction({
  schema: relistRewardPayload,
  async handler({ rewardId }, { db, openid, now }): Promise<Reward> {
    const before = await existing(db, rewardId)
    if (before.status === 'active') return oneWithImage(before)
    await rewardsRepo(db).update(rewardId, { status: 'active', updatedAt: now, updatedBy: openid })
    return oneWithImage({ ...before, status: 'active', updatedAt: now, updatedBy: openid })
  },
})
