import type { RedemptionDoc, RewardDoc } from '../domain/rewards'
import type { Database } from '../runtime/cloud'
import { rowsOf } from './results'
import { getOrNull, type Transaction } from './transaction'

export type { RedemptionDoc, RewardDoc } from '../domain/rewards'

/** Inside a transaction: the reward as the redemption sees it (its stock is what the transaction commits against). */
export function rewardIn(transaction: Transaction, rewardId: string): Promise<RewardDoc | null> {
  return getOrNull<RewardDoc>(transaction, 'rewards', rewardId)
}

export function rewardsRepo(db: Database) {
  const rewards = db.collection('rewards')
  const redemptions = db.collection('redemptions')
  return {
    async list(statuses: Array<RewardDoc['status']>): Promise<RewardDoc[]> {
      return rowsOf<RewardDoc>(
        rewards
          .where({ status: db.command.in(statuses) })
          .orderBy('pointsCost', 'asc')
          .limit(200),
      )
    },
    async byId(id: string): Promise<RewardDoc | null> {
      const [doc] = await rowsOf<RewardDoc>(rewards.where({ _id: id }).limit(1))
      return doc ?? null
    },
    async insert(doc: RewardDoc): Promise<void> {
      await rewards.add({ data: doc })
    },
    async update(id: string, fields: Partial<RewardDoc>): Promise<void> {
      await rewards.doc(id).update({ data: fields })
    },
    async redemptionsOf(openid: string): Promise<RedemptionDoc[]> {
      return rowsOf<RedemptionDoc>(redemptions.where({ openid }).orderBy('createdAt', 'desc').limit(50))
    },
    async redemption(code: string): Promise<RedemptionDoc | null> {
      const [doc] = await rowsOf<RedemptionDoc>(redemptions.where({ _id: code }).limit(1))
      return doc ?? null
    },
    async redemptionByLedgerId(ledgerId: string): Promise<RedemptionDoc | null> {
      const [doc] = await rowsOf<RedemptionDoc>(redemptions.where({ ledgerId }).limit(1))
      return doc ?? null
    },
    /** Confirms a pending code; `false` when it was not pending (used, or unknown). Atomic: one conditional update. */
    async confirm(code: string, by: string, at: Date): Promise<boolean> {
      const { stats } = (await redemptions.where({ _id: code, status: 'pending' }).update({ data: { status: 'confirmed', confirmedAt: at, confirmedBy: by } })) as { stats: { updated: number } }
      return stats.updated === 1
    },
  }
}
