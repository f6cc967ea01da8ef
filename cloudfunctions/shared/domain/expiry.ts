import { shopDate, shopTime } from './calendar'
import { decision, pointsPatch, type Decision } from './decision'
import { ledgerKeys, ledgerRow } from './ledger'
import { pointsStateOf, type MemberDoc } from './member'
import { expireDue, nextExpiry } from './points'
import type { Rules } from './rules'

export type NoExpiry = { kind: 'missing' } | { kind: 'nothing-due' }

/**
 * Every lot due at `now` leaves the member, one `expire` row per lot keyed by the lot's date:
 * the row's key and the lot's removal commit together, so each lot leaves exactly once however
 * runs overlap or repeat. With nothing due, a stale `nextExpiryAt` (lots spent down to zero) is
 * put right, or the member would stay "due" forever; that decision has no ledger rows.
 */
export function decideExpiry(member: MemberDoc | null, rules: Rules, now: Date): Decision | NoExpiry {
  if (!member) return { kind: 'missing' }
  const openid = member._id
  const { state, expired } = expireDue(pointsStateOf(member), now)
  if (expired.length === 0) {
    const stale = state.pointLots.length !== (member.pointLots ?? []).length || !sameInstant(member.nextExpiryAt, nextExpiry(state.pointLots))
    return stale ? decision(openid, { member: pointsPatch(state) }) : { kind: 'nothing-due' }
  }
  let balanceAfter = member.pointsBalance
  const ledger = expired.map((lot) => {
    balanceAfter -= lot.remaining
    return ledgerRow({
      key: ledgerKeys.expire(openid, lot.expiresAt),
      openid,
      kind: 'expire',
      delta: -lot.remaining,
      balanceAfter,
      reason: `积分过期（${shopTime(lot.expiresAt).format('YYYY年M月')}到期）`,
      by: 'system',
      rulesVersion: rules.version,
      at: now,
      ref: `lot:${shopDate(lot.expiresAt)}`,
    })
  })
  return decision(openid, { ledger, member: pointsPatch(state) })
}

function sameInstant(a: Date | null | undefined, b: Date | null): boolean {
  if (!a || !b) return !a && !b
  return new Date(a).getTime() === b.getTime()
}
