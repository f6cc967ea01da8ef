import { adjustPayload, type AdjustResult } from '../../shared/contract/points'
import { isActiveMember, type MemberDoc } from '../../shared/domain/member'
import { earn, lotExpiry, spend } from '../../shared/domain/points'
import { appendInTransaction, ledgerRepo, type LedgerRow } from '../../shared/data/ledger'
import { membersRepo } from '../../shared/data/members'
import { pointsStateOf, writePointsInTransaction } from '../../shared/data/memberPoints'
import { activePointsRules } from '../../shared/data/rules'
import { getOrNull, inTransaction } from '../../shared/data/transaction'
import { AppError, defineAction } from '../../shared/runtime'

type Outcome = { kind: 'not-member' } | { kind: 'insufficient' } | { kind: 'duplicate' } | { kind: 'adjusted'; row: LedgerRow }

/**
 * Owner or admin corrects a balance with a reason (the router audits it). Added points form a lot
 * that expires like earned points; removed points come off the oldest lots, never below zero.
 */
export const adjust = defineAction({
  schema: adjustPayload,
  async handler({ cardNo, delta, reason, requestId }, { db, openid: actor, now }): Promise<AdjustResult> {
    const target = await membersRepo(db).byCardNo(cardNo)
    if (!target) throw new AppError('NOT_FOUND', '找不到该会员卡号')
    const rules = await activePointsRules(db, now)
    const key = `adjust:${requestId}`
    const outcome = await inTransaction<Outcome>(db, async (transaction) => {
      const member = await getOrNull<MemberDoc>(transaction, 'members', target._id)
      if (!isActiveMember(member)) return { kind: 'not-member' }
      const state = pointsStateOf(member)
      let next = state
      if (delta > 0) next = earn(state, delta, lotExpiry(now, rules))
      else {
        const decision = spend(state, -delta)
        if (!decision.ok) return { kind: 'insufficient' }
        next = decision.state
      }
      const row: LedgerRow = {
        _id: key,
        openid: member._id,
        kind: 'adjust',
        delta,
        balanceAfter: next.pointsBalance,
        reason: `人工调整：${reason}`,
        by: actor,
        rulesVersion: rules.version,
        createdAt: now,
        expiresAt: delta > 0 ? lotExpiry(now, rules) : null,
      }
      if ((await appendInTransaction(transaction, row)) === 'duplicate') return { kind: 'duplicate' }
      await writePointsInTransaction(transaction, db, member._id, next, now)
      return { kind: 'adjusted', row }
    })
    if (outcome.kind === 'not-member') throw new AppError('NOT_MEMBER', '该会员已注销')
    if (outcome.kind === 'adjusted') return { delta, pointsBalance: outcome.row.balanceAfter, duplicate: false }
    const original = await ledgerRepo(db).byId(key)
    if (original) {
      if (original.openid !== target._id || original.delta !== delta) throw new AppError('IDEMPOTENCY_MISMATCH')
      return { delta, pointsBalance: original.balanceAfter, duplicate: true }
    }
    throw new AppError('INSUFFICIENT_POINTS', '会员积分不足以扣减')
  },
})
