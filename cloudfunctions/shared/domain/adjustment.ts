import { decision, pointsPatch, refuse, type Decision, type Refusal } from './decision'
import { ledgerKeys, ledgerRow, type LedgerRow } from './ledger'
import { isActiveMember, pointsStateOf, type MemberDoc } from './member'
import { earn, lotExpiry, spend } from './points'
import { pointsRulesOf, type Rules } from './rules'

/** An owner's or admin's correction of a balance, with the reason the audit log keeps. */
export interface Adjustment {
  openid: string
  delta: number
  reason: string
  requestId: string
  actor: string
}

export const adjustmentKey = (command: Adjustment) => ledgerKeys.adjust(command.requestId)

/**
 * Added points form a lot that expires like earned points; removed points come off the oldest
 * lots, never below zero.
 */
export function decideAdjustment(member: MemberDoc | null, command: Adjustment, rules: Rules, now: Date): Decision | Refusal {
  if (!isActiveMember(member)) return refuse('NOT_MEMBER', '该会员已注销')
  const { openid, delta, reason, actor } = command
  const expiresAt = lotExpiry(now, pointsRulesOf(rules))
  const moved = delta > 0 ? { ok: true as const, state: earn(pointsStateOf(member), delta, expiresAt) } : spend(pointsStateOf(member), -delta)
  if (!moved.ok) return refuse('INSUFFICIENT_POINTS', '会员积分不足以扣减')
  const next = moved.state
  return decision(openid, {
    ledger: [
      ledgerRow({
        key: adjustmentKey(command),
        openid,
        kind: 'adjust',
        delta,
        balanceAfter: next.pointsBalance,
        reason: `人工调整：${reason}`,
        by: actor,
        rulesVersion: rules.version,
        at: now,
        expiresAt: delta > 0 ? expiresAt : null,
      }),
    ],
    member: { ...pointsPatch(next), lastActiveAt: now },
  })
}

export function isSameAdjustment(original: LedgerRow, command: Adjustment): boolean {
  return original.openid === command.openid && original.delta === command.delta
}
