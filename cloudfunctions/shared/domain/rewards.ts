import type { Redemption, Reward } from '../contract/rewards'

export interface RewardDoc {
  _id: string
  name: string
  description: string
  pointsCost: number
  stock: number
  status: 'active' | 'retired'
  /** Absent on rewards made before pictures. */
  imageFileId?: string | null
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

/** `imageUrl` is the picture's displayable link, which only storage can give. */
export function toReward(doc: RewardDoc, imageUrl: string | null = null): Reward {
  return {
    id: doc._id,
    name: doc.name,
    description: doc.description,
    pointsCost: doc.pointsCost,
    stock: doc.stock,
    status: doc.status,
    imageFileId: doc.imageFileId ?? null,
    imageUrl: doc.imageFileId ? imageUrl : null,
    updatedAt: new Date(doc.updatedAt).toISOString(),
  }
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
