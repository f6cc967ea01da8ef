import type { Redemption, Reward } from '../contract/rewards'

export interface RewardDoc {
  _id: string
  name: string
  description: string
  pointsCost: number
  stock: number
  status: 'active' | 'retired'
  createdAt: Date
  updatedAt: Date
  updatedBy: string
}

export interface RedemptionDoc {
  _id: string // the redemption code
  openid: string
  rewardId: string
  rewardName: string
  pointsSpent: number
  status: 'pending' | 'confirmed'
  /** `redeem:<openid>:<requestId>`: the ledger row, and what makes a retried tap harmless. */
  ledgerId: string
  createdAt: Date
  confirmedAt: Date | null
  confirmedBy: string | null
}

export function toReward(doc: RewardDoc): Reward {
  return { id: doc._id, name: doc.name, description: doc.description, pointsCost: doc.pointsCost, stock: doc.stock, status: doc.status, updatedAt: new Date(doc.updatedAt).toISOString() }
}

export function toRedemption(doc: RedemptionDoc): Redemption {
  return {
    code: doc._id,
    rewardId: doc.rewardId,
    rewardName: doc.rewardName,
    pointsSpent: doc.pointsSpent,
    status: doc.status,
    createdAt: new Date(doc.createdAt).toISOString(),
    confirmedAt: doc.confirmedAt ? new Date(doc.confirmedAt).toISOString() : null,
  }
}
