import type { RedeemResult, Redemption } from '../../shared/contract/rewards'
import { isActiveMember, type MemberDoc } from '../../shared/domain/member'
import { spend } from '../../shared/domain/points'
import { makeRedemptionCode } from '../../shared/domain/redemptionCode'
import { isDuplicateKeyError } from '../../shared/data/errors'
import { appendInTransaction, ledgerRepo, type LedgerRow } from '../../shared/data/ledger'
import { pointsStateOf, writePointsInTransaction } from '../../shared/data/memberPoints'
import { rewardsRepo, type RedemptionDoc, type RewardDoc } from '../../shared/data/rewards'
import { activePointsRules } from '../../shared/data/rules'
import { getOrNull, inTransaction } from '../../shared/data/transaction'
import { AppError, type Database } from '../../shared/runtime'

const CODE_ATTEMPTS = 3

type Outcome =
  | { kind: 'unavailable' }
  | { kind: 'sold-out' }
  | { kind: 'not-member' }
  | { kind: 'insufficient' }
  | { kind: 'duplicate' }
  | { kind: 'redeemed'; redemption: RedemptionDoc; balanceAfter: number }

/** Thrown inside the transaction so it rolls back whole; retried with a fresh code. */
class CodeTaken extends Error {}

export interface RedeemRequest {
  db: Database
  openid: string
  rewardId: string
  requestId: string
  now: Date
  /** The cashier, when redeemed at the till: the redemption is confirmed at once. */
  confirmedBy: string | null
}

/**
 * Spends a member's points on a reward: stock, balance, ledger and redemption change together or
 * not at all, so neither stock nor balance can go negative whatever the concurrency. The request
 * id makes a retried tap return the first redemption.
 */
export async function redeemReward(request: RedeemRequest): Promise<RedeemResult> {
  const { db, openid, rewardId, requestId, now, confirmedBy } = request
  const rules = await activePointsRules(db, now)
  const ledgerId = `redeem:${openid}:${requestId}`
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const code = makeRedemptionCode(Math.random)
    let outcome: Outcome
    try {
      outcome = await inTransaction<Outcome>(db, async (transaction) => {
        const reward = await getOrNull<RewardDoc>(transaction, 'rewards', rewardId)
        if (!reward || reward.status !== 'active') return { kind: 'unavailable' }
        if (reward.stock <= 0) return { kind: 'sold-out' }
        const member = await getOrNull<MemberDoc>(transaction, 'members', openid)
        if (!isActiveMember(member)) return { kind: 'not-member' }
        const decision = spend(pointsStateOf(member), reward.pointsCost)
        if (!decision.ok) return { kind: 'insufficient' }
        const row: LedgerRow = {
          _id: ledgerId,
          openid,
          kind: 'redeem',
          delta: -reward.pointsCost,
          balanceAfter: decision.state.pointsBalance,
          reason: `兑换 ${reward.name}`,
          by: confirmedBy ?? openid,
          rulesVersion: rules.version,
          createdAt: now,
          expiresAt: null,
          ref: code,
        }
        if ((await appendInTransaction(transaction, row)) === 'duplicate') return { kind: 'duplicate' }
        const redemption: RedemptionDoc = {
          _id: code,
          openid,
          rewardId,
          rewardName: reward.name,
          pointsSpent: reward.pointsCost,
          status: confirmedBy ? 'confirmed' : 'pending',
          ledgerId,
          createdAt: now,
          confirmedAt: confirmedBy ? now : null,
          confirmedBy,
        }
        try {
          await transaction.collection('redemptions').add({ data: redemption })
        } catch (error) {
          if (isDuplicateKeyError(error)) throw new CodeTaken()
          throw error
        }
        await transaction.collection('rewards').doc(rewardId).update({ data: { stock: reward.stock - 1, updatedAt: now } })
        await writePointsInTransaction(transaction, db, openid, decision.state, now)
        return { kind: 'redeemed', redemption, balanceAfter: decision.state.pointsBalance }
      })
    } catch (error) {
      if (error instanceof CodeTaken || isDuplicateKeyError(error)) continue
      throw error
    }
    switch (outcome.kind) {
      case 'unavailable':
        throw new AppError('NOT_FOUND', '该礼品已下架')
      case 'sold-out':
        throw new AppError('CONFLICT', '礼品已兑完')
      case 'not-member':
        throw new AppError('NOT_MEMBER')
      case 'insufficient':
        throw new AppError('INSUFFICIENT_POINTS')
      case 'redeemed':
        return { ...toRedemption(outcome.redemption), pointsBalance: outcome.balanceAfter, duplicate: false }
      case 'duplicate':
        return repeated(db, ledgerId, rewardId, openid)
      default: {
        const unreachable: never = outcome
        throw unreachable
      }
    }
  }
  throw new AppError('CONFLICT', '兑换码生成冲突，请重试')
}

async function repeated(db: Database, ledgerId: string, rewardId: string, openid: string): Promise<RedeemResult> {
  const [redemption, row] = await Promise.all([rewardsRepo(db).redemptionByLedgerId(ledgerId), ledgerRepo(db).byId(ledgerId)])
  if (!redemption || !row || redemption.rewardId !== rewardId || row.openid !== openid) throw new AppError('IDEMPOTENCY_MISMATCH')
  return { ...toRedemption(redemption), pointsBalance: row.balanceAfter, duplicate: true }
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
