import { formatFen } from '../contract/format'
import { decision, pointsPatch, refuse, type Decision, type Refusal } from './decision'
import { ledgerKeys, ledgerRow, type LedgerRow } from './ledger'
import { isActiveMember, pointsStateOf, tierStateOf, type MemberDoc } from './member'
import { tierChangeMessage } from './messages'
import { earn, lotExpiry, pointsForPurchase } from './points'
import { pointsRulesOf, type Rules } from './rules'
import { tierChangeRow } from './tierMoves'
import { decideUpgrade, qualifyingFigure, recordActivity } from './tiers'

/** A purchase at the till, to become points. */
export interface Accrual {
  openid: string
  storeId: string
  orderNo: string
  amountFen: number
  cashier: string
}

/** The order number is the key: the same order can never earn twice, whatever the retries. */
export const accrualKey = (command: Accrual) => ledgerKeys.order(command.storeId, command.orderNo)

/**
 * The purchase's points (the tier's multiplier applied) as a lot expiring like any other, the
 * spend in this month's activity, and the upgrade when the new figure crosses a threshold: in the
 * same decision, so the upgrade commits with the purchase and can never be granted twice.
 */
export function decideAccrual(member: MemberDoc | null, command: Accrual, rules: Rules, now: Date): Decision | Refusal {
  if (!isActiveMember(member)) return refuse('NOT_MEMBER', '该会员不存在或已注销')
  const { openid, storeId, orderNo, amountFen, cashier } = command
  const pointsRules = pointsRulesOf(rules)
  const points = pointsForPurchase(amountFen, member.tier, pointsRules)
  const expiresAt = lotExpiry(now, pointsRules)
  const state = earn(pointsStateOf(member), points, expiresAt)
  const activity = recordActivity(member.activity, now, amountFen, points)
  const upgrade = decideUpgrade(tierStateOf(member), qualifyingFigure(activity, rules.tiers.basis, now), rules.tiers, now)
  return decision(openid, {
    ledger: [
      ledgerRow({
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
        order: { storeId, orderNo, amountFen, cashier },
      }),
    ],
    member: { ...pointsPatch(state), activity, lastActiveAt: now, ...upgrade?.state },
    tierChange: upgrade && tierChangeRow(openid, upgrade.change, rules.version),
    messages: upgrade ? [tierChangeMessage(openid, upgrade.change, rules.tiers)] : [],
  })
}

/** The same order number for another member or amount is another purchase: refused, never merged. */
export function isSameAccrual(original: LedgerRow, command: Accrual): boolean {
  return original.openid === command.openid && original.order?.amountFen === command.amountFen
}
