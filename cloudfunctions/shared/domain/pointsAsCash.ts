import { formatFen } from '../contract/format'
import { decision, NOT_MEMBER_AT_THE_TILL, pointsPatch, refuse, type Decision, type Refusal } from './decision'
import { ledgerKeys, ledgerRow, orderFactsOf, type LedgerRow, type TillOrder } from './ledger'
import { isActiveMember, pointsStateOf, type MemberDoc } from './member'
import { spend } from './points'
import type { Rules } from './rules'

/** Points paying part of an order at the till (`amountFen` is the order's); `discountFen` is what cashForPoints allowed. */
export type PointsAsCash = TillOrder & { points: number; discountFen: number }

/** Keyed by the order number like accrual, under its own prefix: an order may both earn and pay. */
export const pointsAsCashKey = (command: PointsAsCash) => ledgerKeys.cash(command.storeId, command.orderNo)

/** Spends the oldest points first; never more than the balance. */
export function decidePointsAsCash(member: MemberDoc | null, command: PointsAsCash, rules: Rules, now: Date): Decision | Refusal {
  if (!isActiveMember(member)) return NOT_MEMBER_AT_THE_TILL
  const { openid, orderNo, points, discountFen, cashier } = command
  const spent = spend(pointsStateOf(member), points)
  if (!spent.ok) return refuse('INSUFFICIENT_POINTS')
  return decision(openid, {
    ledger: [
      ledgerRow({
        key: pointsAsCashKey(command),
        openid,
        kind: 'redeem',
        delta: -points,
        balanceAfter: spent.state.pointsBalance,
        reason: `积分抵现 ${formatFen(discountFen)} · 单号 ${orderNo}`,
        by: cashier,
        rulesVersion: rules.version,
        at: now,
        order: orderFactsOf(command),
      }),
    ],
    member: { ...pointsPatch(spent.state), lastActiveAt: now },
  })
}

export function isSamePointsAsCash(original: LedgerRow, command: PointsAsCash): boolean {
  return original.openid === command.openid && original.delta === -command.points && original.order?.amountFen === command.amountFen
}
