import { formatFen } from '../contract/format'
import { decision, NOT_MEMBER_AT_THE_TILL, pointsPatch, type Decision, type Refusal } from './decision'
import { ledgerKeys, ledgerRow, orderFactsOf, type LedgerRow, type TillOrder } from './ledger'
import { isActiveMember, pointsStateOf, tierStateOf, type MemberDoc } from './member'
import { pointsChangeMessage, tierChangeMessage } from './messages'
import { earn, lotExpiry, pointsForPurchase } from './points'
import { pointsRulesOf, type Rules } from './rules'
import { recordPurchase } from './rfm'
import { visitFactsOf } from './visit'
import { tierChangeRow } from './tierMoves'
import { decideUpgrade, qualifyingFigure, recordActivity } from './tiers'

/** A purchase at the till, to become points. */
export type Accrual = TillOrder

/** The order number is the key: the same order can never earn twice, whatever the retries. */
export const accrualKey = (command: Accrual) => ledgerKeys.order(command.storeId, command.orderNo)

/**
 * The purchase's points (the tier's multiplier applied) as a lot expiring like any other, the
 * spend in this month's activity, and the upgrade when the new figure crosses a threshold: in the
 * same decision, so the upgrade commits with the purchase and can never be granted twice.
 */
export function decideAccrual(member: MemberDoc | null, command: Accrual, rules: Rules, now: Date): Decision | Refusal {
  if (!isActiveMember(member)) return NOT_MEMBER_AT_THE_TILL
  const { openid, orderNo, amountFen, cashier } = command
  const pointsRules = pointsRulesOf(rules)
  const points = pointsForPurchase(amountFen, member.tier, pointsRules)
  const expiresAt = lotExpiry(now, pointsRules)
  const state = earn(pointsStateOf(member), points, expiresAt)
  const activity = recordActivity(member.activity, now, amountFen, points, now, 1)
  const upgrade = decideUpgrade(tierStateOf(member), qualifyingFigure(activity, rules.tiers.basis, now), rules.tiers, now)
  const row = ledgerRow({
    key: accrualKey(command),
    openid,
    kind: 'earn',
    delta: points,
    balanceAfter: state.pointsBalance,
    reason: `消费 ${formatFen(amountFen)} · 单号 ${orderNo}`,
    by: cashier,
    rulesVersion: rules.version,
    at: now,
    expiresAt: points > 0 ? expiresAt : null,
    order: orderFactsOf({ ...command, visit: visitFactsOf(member, now) }),
  })
  return decision(openid, {
    ledger: [row],
    member: { ...pointsPatch(state), activity, ...recordPurchase(member, now), lastActiveAt: now, ...upgrade?.state },
    tierChange: upgrade && tierChangeRow(openid, upgrade.change, rules.version),
    messages: [...(points > 0 ? [pointsChangeMessage(openid, row)] : []), ...(upgrade ? [tierChangeMessage(openid, upgrade.change, rules.tiers)] : [])],
  })
}

/** The same order number for another member or amount is another purchase: refused, never merged. */
export function isSameAccrual(original: LedgerRow, command: Accrual): boolean {
  return original.openid === command.openid && original.order?.amountFen === command.amountFen
}
