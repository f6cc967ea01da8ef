import { payWithPointsPayload, type PayWithPointsResult } from '../../shared/contract/points'
import { refusalError, replayOrMismatch, settle } from '../../shared/app/commands'
import { ledgerRepo } from '../../shared/data/ledger'
import { memberIn } from '../../shared/data/members'
import { activeRules } from '../../shared/data/rules'
import { inTransaction } from '../../shared/data/transaction'
import { cashForPoints } from '../../shared/domain/points'
import { decidePointsAsCash, isSamePointsAsCash, pointsAsCashKey, type PointsAsCash } from '../../shared/domain/pointsAsCash'
import { pointsRulesOf } from '../../shared/domain/rules'
import { AppError, defineAction } from '../../shared/runtime'
import { resolveMemberCode } from '../../shared/runtime/memberCode'

/** Points as cash at the till, keyed by the order number like accrual. */
export const payWithPoints = defineAction({
  schema: payWithPointsPayload,
  async handler({ memberCode, storeId, orderNo, orderAmount: orderFen, points }, { db, openid: cashier, now, audit }): Promise<PayWithPointsResult> {
    const openid = resolveMemberCode(memberCode, now)
    audit.member = openid
    const rules = await activeRules(db, now)
    const cash = cashForPoints(points, orderFen, pointsRulesOf(rules))
    if (!cash.ok) throw new AppError('INVALID_INPUT', cash.message, [{ path: cash.field, message: cash.message }])
    const command: PointsAsCash = { openid, storeId, orderNo, amountFen: orderFen, points, discountFen: cash.discountFen, cashier }
    const outcome = await inTransaction(db, async (transaction) => settle(transaction, decidePointsAsCash(await memberIn(transaction, openid), command, rules, now)))
    const answer = (balance: number, duplicate: boolean): PayWithPointsResult => ({ orderNo, pointsUsed: points, discountFen: cash.discountFen, pointsBalance: balance, duplicate })
    if (outcome.kind === 'applied') return answer(outcome.decision.ledger[0].balanceAfter, false)
    if (outcome.kind === 'refused' && outcome.code !== 'INSUFFICIENT_POINTS') throw refusalError(outcome)
    // A repeat is checked before "insufficient": the first payment may be what emptied the balance.
    const original = await ledgerRepo(db).byId(pointsAsCashKey(command))
    return replayOrMismatch(
      original,
      (row) => isSamePointsAsCash(row, command),
      (row) => answer(row.balanceAfter, true),
      outcome.kind === 'refused' ? () => refusalError(outcome) : undefined,
    )
  },
})
