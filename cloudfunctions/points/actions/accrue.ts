import { accruePayload, type AccrualResult } from '../../shared/contract/points'
import { refusalError, replayOrMismatch, settle } from '../../shared/app/commands'
import { ledgerRepo, type LedgerRow } from '../../shared/data/ledger'
import { memberIn } from '../../shared/data/members'
import { activeRules } from '../../shared/data/rules'
import { inTransaction } from '../../shared/data/transaction'
import { accrualKey, decideAccrual, isSameAccrual, type Accrual } from '../../shared/domain/accrual'
import type { MemberDoc } from '../../shared/domain/member'
import { definitionOf } from '../../shared/domain/tiers'
import { defineAction } from '../../shared/runtime'
import { resolveMemberCode } from '../../shared/runtime/memberCode'
import { afterPurchase } from '../../shared/app/afterPurchase'
import { checkCategories } from './categories'

/**
 * A purchase becomes points, in one transaction: read the member, decide, append the row and
 * update the member (and, crossing a threshold, the tier with its record). The order number is
 * the row's key, so the same order can never earn twice, whatever the retries or concurrency. The
 * order's lines, when given, are kept on its row (order.items) for the dashboards' category mix.
 */
export const accrue = defineAction({
  schema: accruePayload,
  async handler({ memberCode, storeId, orderNo, amount: amountFen, items }, { db, openid: cashier, now, audit }): Promise<AccrualResult> {
    const command: Accrual = {
      openid: resolveMemberCode(memberCode, now),
      storeId,
      orderNo,
      amountFen,
      cashier,
      ...(items && { items: items.map((item) => ({ name: item.name, category: item.category, quantity: item.quantity, amountFen: item.amount })) }),
    }
    audit.member = command.openid
    // An unknown category refuses the order before anything is read for it or written.
    const [rules] = await Promise.all([activeRules(db, now), checkCategories(db, items)])
    const { member, outcome } = await inTransaction(db, async (transaction) => {
      const member = await memberIn(transaction, command.openid)
      return { member, outcome: await settle(transaction, decideAccrual(member, command, rules, now)) }
    })
    if (outcome.kind === 'refused') throw refusalError(outcome)
    // Past the refusal the member exists: a missing or removed one is refused by the decision.
    if (outcome.kind === 'repeat')
      return replayOrMismatch(
        await ledgerRepo(db).byId(accrualKey(command)),
        (row) => isSameAccrual(row, command),
        (row) => resultOf(row, member!, true),
      )
    const { decision } = outcome
    await afterPurchase(db, member!, decision, amountFen, now)
    const change = decision.tierChange
    return { ...resultOf(decision.ledger[0], member!, false), tierChange: change && { from: change.from, to: change.to, toName: definitionOf(change.to, rules.tiers).name } }
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
    tierChange: null,
  }
}
