import type { RedeemResult } from '../../shared/contract/rewards'
import { refusalError, replayOrMismatch, settle } from '../../shared/app/commands'
import { isKeyTaken } from '../../shared/data/applyDecision'
import { isDuplicateKeyError } from '../../shared/data/errors'
import { ledgerRepo } from '../../shared/data/ledger'
import { memberIn } from '../../shared/data/members'
import { rewardIn, rewardsRepo } from '../../shared/data/rewards'
import { activeRules } from '../../shared/data/rules'
import { inTransaction } from '../../shared/data/transaction'
import { makeRedemptionCode } from '../../shared/domain/redemptionCode'
import { decideRedemption, isSameRedemption, redemptionKey, rewardRefusal, type Redemption } from '../../shared/domain/redemption'
import { toRedemption } from '../../shared/domain/rewards'
import { AppError, type Database } from '../../shared/runtime'

/** A clash of random 8-character codes is vanishingly rare; a few fresh draws make it moot. */
const CODE_ATTEMPTS = 3

/**
 * Spends a member's points on a reward: stock, balance, ledger and redemption change together
 * in one transaction. The request id makes a retried tap return the first redemption; a code
 * already taken rolls the attempt back and draws another.
 */
export async function redeemReward(db: Database, request: Omit<Redemption, 'code'>, now: Date): Promise<RedeemResult> {
  const rules = await activeRules(db, now)
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const command: Redemption = { ...request, code: makeRedemptionCode(Math.random) }
    let outcome
    try {
      outcome = await inTransaction(db, async (transaction) => {
        const reward = await rewardIn(transaction, command.rewardId)
        // A reward nobody can redeem is refused before the member costs a read.
        const member = rewardRefusal(reward) ? null : await memberIn(transaction, command.openid)
        return settle(transaction, decideRedemption({ reward, member }, command, rules, now))
      })
    } catch (error) {
      if (isKeyTaken(error) || isDuplicateKeyError(error)) continue
      throw error
    }
    if (outcome.kind === 'refused') throw refusalError(outcome)
    if (outcome.kind === 'applied') {
      const { decision } = outcome
      return { ...toRedemption(decision.redemption!.record), pointsBalance: decision.ledger[0].balanceAfter, duplicate: false }
    }
    const key = redemptionKey(command)
    const [redemption, row] = await Promise.all([rewardsRepo(db).redemptionByLedgerId(key), ledgerRepo(db).byId(key)])
    const original = redemption && row ? { redemption, row } : null
    return replayOrMismatch(
      original,
      (found) => isSameRedemption(found, command),
      (found) => ({ ...toRedemption(found.redemption), pointsBalance: found.row.balanceAfter, duplicate: true }),
    )
  }
  throw new AppError('CONFLICT', '兑换码生成冲突，请重试')
}
