import { adjustPayload, type AdjustResult } from '../../shared/contract/points'
import { refusalError, replayOrMismatch, settle } from '../../shared/app/commands'
import { ledgerRepo } from '../../shared/data/ledger'
import { memberIn, membersRepo } from '../../shared/data/members'
import { activeRules } from '../../shared/data/rules'
import { inTransaction } from '../../shared/data/transaction'
import { adjustmentKey, decideAdjustment, isSameAdjustment, type Adjustment } from '../../shared/domain/adjustment'
import { AppError, defineAction } from '../../shared/runtime'

/** Owner or admin corrects a balance with a reason (the router audits it). */
export const adjust = defineAction({
  schema: adjustPayload,
  async handler({ cardNo, delta, reason, requestId }, { db, openid: actor, now, audit }): Promise<AdjustResult> {
    const target = await membersRepo(db).byCardNo(cardNo)
    if (!target) throw new AppError('NOT_FOUND', '找不到该会员卡号')
    audit.member = target._id
    const rules = await activeRules(db, now)
    const command: Adjustment = { openid: target._id, delta, reason, requestId, actor }
    const outcome = await inTransaction(db, async (transaction) => settle(transaction, decideAdjustment(await memberIn(transaction, target._id), command, rules, now)))
    if (outcome.kind === 'applied') return { delta, pointsBalance: outcome.decision.ledger[0].balanceAfter, duplicate: false }
    if (outcome.kind === 'refused' && outcome.code !== 'INSUFFICIENT_POINTS') throw refusalError(outcome)
    // As with payments: the first adjustment may be what emptied the balance.
    const original = await ledgerRepo(db).byId(adjustmentKey(command))
    return replayOrMismatch(
      original,
      (row) => isSameAdjustment(row, command),
      (row) => ({ delta, pointsBalance: row.balanceAfter, duplicate: true }),
      outcome.kind === 'refused' ? () => refusalError(outcome) : undefined,
    )
  },
})
