import { accruePayload, type AccrualResult } from '../../shared/contract/points'
import { formatFen } from '../../shared/contract/format'
import { isActiveMember, type MemberDoc } from '../../shared/domain/member'
import { earn, lotExpiry, pointsForPurchase } from '../../shared/domain/points'
import { appendInTransaction, ledgerKey, ledgerRepo, type LedgerRow } from '../../shared/data/ledger'
import { pointsStateOf, writePointsInTransaction } from '../../shared/data/memberPoints'
import { activePointsRules } from '../../shared/data/rules'
import { getOrNull, inTransaction } from '../../shared/data/transaction'
import { AppError, defineAction } from '../../shared/runtime'
import { resolveMemberCode } from '../../shared/runtime/memberCode'
import { TILL_ROLES } from './roles'

type Outcome = { kind: 'not-member' } | { kind: 'duplicate'; member: MemberDoc } | { kind: 'recorded'; member: MemberDoc; row: LedgerRow }

/**
 * A purchase becomes points. The order number is the idempotency key: the ledger row's `_id`, so
 * the same order can never earn twice, whatever the retries or concurrency. One transaction:
 * read member, append row, update member.
 */
export const accrue = defineAction({
  schema: accruePayload,
  access: TILL_ROLES,
  async handler({ memberCode, storeId, orderNo, amount: amountFen }, { db, openid: cashier, now }): Promise<AccrualResult> {
    const openid = resolveMemberCode(memberCode, now)
    const rules = await activePointsRules(db, now)
    const key = ledgerKey('order', storeId, orderNo)
    const outcome = await inTransaction<Outcome>(db, async (transaction) => {
      const member = await getOrNull<MemberDoc>(transaction, 'members', openid)
      if (!isActiveMember(member)) return { kind: 'not-member' }
      const points = pointsForPurchase(amountFen, member.tier, rules)
      const next = earn(pointsStateOf(member), points, lotExpiry(now, rules))
      const row: LedgerRow = {
        _id: key,
        openid,
        kind: 'earn',
        delta: points,
        balanceAfter: next.pointsBalance,
        reason: `消费 ${formatFen(amountFen)} · 单号 ${orderNo}`,
        by: cashier,
        rulesVersion: rules.version,
        createdAt: now,
        expiresAt: points > 0 ? lotExpiry(now, rules) : null,
        order: { storeId, orderNo, amountFen, cashier },
      }
      if ((await appendInTransaction(transaction, row)) === 'duplicate') return { kind: 'duplicate', member }
      await writePointsInTransaction(transaction, db, openid, next, now)
      return { kind: 'recorded', member, row }
    })
    if (outcome.kind === 'not-member') throw new AppError('NOT_MEMBER', '该会员不存在或已注销')
    if (outcome.kind === 'recorded') return resultOf(outcome.row, outcome.member, false)
    const original = await ledgerRepo(db).byId(key)
    if (!original || original.openid !== openid || original.order?.amountFen !== amountFen) throw new AppError('IDEMPOTENCY_MISMATCH')
    return resultOf(original, outcome.member, true)
  },
})

function resultOf(row: LedgerRow, member: MemberDoc, duplicate: boolean): AccrualResult {
  return {
    orderNo: row.order?.orderNo ?? '',
    amountFen: row.order?.amountFen ?? 0,
    pointsEarned: row.delta,
    pointsBalance: row.balanceAfter,
    memberName: member.profile.name,
    cardNo: member.cardNo,
    duplicate,
  }
}
