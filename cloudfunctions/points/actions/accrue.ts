import { accruePayload, type AccrualResult } from '../../shared/contract/points'
import { formatFen } from '../../shared/contract/format'
import { isActiveMember, tierStateOf, type MemberDoc } from '../../shared/domain/member'
import { earn, lotExpiry, pointsForPurchase } from '../../shared/domain/points'
import { appendInTransaction, ledgerKey, ledgerRepo, type LedgerRow } from '../../shared/data/ledger'
import { pointsStateOf, writePointsInTransaction } from '../../shared/data/memberPoints'
import { activeRules } from '../../shared/data/rules'
import { appendTierChange, tierChangeRow } from '../../shared/data/tierChanges'
import { pointsRulesOf } from '../../shared/domain/rules'
import { decideUpgrade, definitionOf, qualifyingFigure, recordActivity, type TierChange } from '../../shared/domain/tiers'
import { notify, templateTime } from '../../shared/runtime/notify'
import { getOrNull, inTransaction } from '../../shared/data/transaction'
import { AppError, defineAction } from '../../shared/runtime'
import { resolveMemberCode } from '../../shared/runtime/memberCode'

type Outcome = { kind: 'not-member' } | { kind: 'duplicate'; member: MemberDoc } | { kind: 'recorded'; member: MemberDoc; row: LedgerRow; tierChange: TierChange | null }

/**
 * A purchase becomes points. The order number is the idempotency key: the ledger row's `_id`, so
 * the same order can never earn twice, whatever the retries or concurrency. One transaction:
 * read member, append row, update member; when the purchase crosses a tier threshold the upgrade
 * (and its tier-change record) happens in the same transaction, so it can never be granted twice.
 */
export const accrue = defineAction({
  schema: accruePayload,
  async handler({ memberCode, storeId, orderNo, amount: amountFen }, { db, openid: cashier, now }): Promise<AccrualResult> {
    const openid = resolveMemberCode(memberCode, now)
    const allRules = await activeRules(db, now)
    const rules = pointsRulesOf(allRules)
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
      const activity = recordActivity(member.activity, now, amountFen, points)
      const upgrade = decideUpgrade(tierStateOf(member), qualifyingFigure(activity, allRules.tiers.basis, now), allRules.tiers, now)
      if (upgrade) await appendTierChange(transaction, tierChangeRow(openid, upgrade.change, allRules.version))
      await writePointsInTransaction(transaction, db, openid, next, now, { activity: db.command.set(activity), ...(upgrade?.state ?? {}) })
      return { kind: 'recorded', member, row, tierChange: upgrade?.change ?? null }
    })
    if (outcome.kind === 'not-member') throw new AppError('NOT_MEMBER', '该会员不存在或已注销')
    if (outcome.kind === 'recorded') {
      const { tierChange } = outcome
      if (tierChange) {
        const toName = definitionOf(tierChange.to, allRules.tiers).name
        await notify(openid, 'tierChange', { thing1: `恭喜升级为${toName}会员`, phrase2: toName, time3: templateTime(now) })
      }
      return { ...resultOf(outcome.row, outcome.member, false), tierChange: tierChange && { from: tierChange.from, to: tierChange.to, toName: definitionOf(tierChange.to, allRules.tiers).name } }
    }
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
    tierChange: null,
  }
}
