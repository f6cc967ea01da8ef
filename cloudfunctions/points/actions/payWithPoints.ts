import { formatFen } from '../../shared/contract/format'
import { payWithPointsPayload, type PayWithPointsResult } from '../../shared/contract/points'
import { isActiveMember, type MemberDoc } from '../../shared/domain/member'
import { cashForPoints, spend } from '../../shared/domain/points'
import { appendInTransaction, ledgerKey, ledgerRepo, type LedgerRow } from '../../shared/data/ledger'
import { pointsStateOf, writePointsInTransaction } from '../../shared/data/memberPoints'
import { activePointsRules } from '../../shared/data/rules'
import { getOrNull, inTransaction } from '../../shared/data/transaction'
import { AppError, defineAction } from '../../shared/runtime'
import { resolveMemberCode } from '../../shared/runtime/memberCode'

type Outcome = { kind: 'not-member' } | { kind: 'insufficient' } | { kind: 'duplicate' } | { kind: 'paid'; row: LedgerRow }

/** Points as cash at the till, keyed by the order number like accrual. */
export const payWithPoints = defineAction({
  schema: payWithPointsPayload,
  async handler({ memberCode, storeId, orderNo, orderAmount: orderFen, points }, { db, openid: cashier, now }): Promise<PayWithPointsResult> {
    const openid = resolveMemberCode(memberCode, now)
    const rules = await activePointsRules(db, now)
    const cash = cashForPoints(points, orderFen, rules)
    if (!cash.ok) throw new AppError('INVALID_INPUT', cash.message, [{ path: cash.field, message: cash.message }])
    const key = ledgerKey('cash', storeId, orderNo)
    const outcome = await inTransaction<Outcome>(db, async (transaction) => {
      const member = await getOrNull<MemberDoc>(transaction, 'members', openid)
      if (!isActiveMember(member)) return { kind: 'not-member' }
      const decision = spend(pointsStateOf(member), points)
      if (!decision.ok) return { kind: 'insufficient' }
      const row: LedgerRow = {
        _id: key,
        openid,
        kind: 'redeem',
        delta: -points,
        balanceAfter: decision.state.pointsBalance,
        reason: `积分抵现 ${formatFen(cash.discountFen)} · 单号 ${orderNo}`,
        by: cashier,
        rulesVersion: rules.version,
        createdAt: now,
        expiresAt: null,
        order: { storeId, orderNo, amountFen: orderFen, cashier },
      }
      if ((await appendInTransaction(transaction, row)) === 'duplicate') return { kind: 'duplicate' }
      await writePointsInTransaction(transaction, db, openid, decision.state, now)
      return { kind: 'paid', row }
    })
    if (outcome.kind === 'not-member') throw new AppError('NOT_MEMBER', '该会员不存在或已注销')
    if (outcome.kind === 'paid') return { orderNo, pointsUsed: points, discountFen: cash.discountFen, pointsBalance: outcome.row.balanceAfter, duplicate: false }
    // A repeat is checked before "insufficient": the first payment may be what emptied the balance.
    const original = await ledgerRepo(db).byId(key)
    if (original) {
      if (original.openid !== openid || original.delta !== -points || original.order?.amountFen !== orderFen) throw new AppError('IDEMPOTENCY_MISMATCH')
      return { orderNo, pointsUsed: points, discountFen: cash.discountFen, pointsBalance: original.balanceAfter, duplicate: true }
    }
    throw new AppError('INSUFFICIENT_POINTS')
  },
})
