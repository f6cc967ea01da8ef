import { decision, pointsPatch, refuse, type Decision, type Refusal } from './decision'
import { ledgerKeys, ledgerRow, type LedgerRow } from './ledger'
import { isActiveMember, pointsStateOf, type MemberDoc } from './member'
import { spend } from './points'
import type { RedemptionDoc, RewardDoc } from './rewards'
import type { Rules } from './rules'

/** A member's points spent on a reward, by the member or by a cashier for them. */
export interface Redemption {
  openid: string
  rewardId: string
  requestId: string
  /** The redemption code drawn for this attempt (the redemption's `_id`). */
  code: string
  /** The cashier, when redeemed at the till: the redemption is confirmed at once. */
  confirmedBy: string | null
}

/** The request id makes a retried tap return the first redemption. */
export const redemptionKey = (command: Pick<Redemption, 'openid' | 'requestId'>) => ledgerKeys.redeem(command.openid, command.requestId)

/** Why nobody could redeem this reward now: decided before the member is read. */
export function rewardRefusal(reward: RewardDoc | null): Refusal | null {
  if (!reward || reward.status !== 'active') return refuse('NOT_FOUND', '该礼品已下架')
  if (reward.stock <= 0) return refuse('CONFLICT', '礼品已兑完')
  return null
}

/**
 * Stock, balance, ledger and redemption change together or not at all, so neither stock nor
 * balance can go negative whatever the concurrency.
 */
export function decideRedemption(state: { reward: RewardDoc | null; member: MemberDoc | null }, command: Redemption, rules: Rules, now: Date): Decision | Refusal {
  const { reward, member } = state
  const unavailable = rewardRefusal(reward)
  if (!reward || unavailable) return unavailable ?? refuse('NOT_FOUND', '该礼品已下架')
  if (!isActiveMember(member)) return refuse('NOT_MEMBER')
  const spent = spend(pointsStateOf(member), reward.pointsCost)
  if (!spent.ok) return refuse('INSUFFICIENT_POINTS')
  const { openid, rewardId, code, confirmedBy } = command
  const key = redemptionKey(command)
  const record: RedemptionDoc = {
    _id: code,
    openid,
    rewardId,
    rewardName: reward.name,
    pointsSpent: reward.pointsCost,
    status: confirmedBy ? 'confirmed' : 'pending',
    ledgerId: key,
    createdAt: now,
    confirmedAt: confirmedBy ? now : null,
    confirmedBy,
  }
  return decision(openid, {
    ledger: [
      ledgerRow({
        key,
        openid,
        kind: 'redeem',
        delta: -reward.pointsCost,
        balanceAfter: spent.state.pointsBalance,
        reason: `兑换 ${reward.name}`,
        by: confirmedBy ?? openid,
        rulesVersion: rules.version,
        at: now,
        ref: code,
      }),
    ],
    redemption: { record, reward: { stock: reward.stock - 1, updatedAt: now } },
    member: { ...pointsPatch(spent.state), lastActiveAt: now },
  })
}

/** A repeat names the same reward for the same member; its redemption and ledger row both exist. */
export function isSameRedemption(original: { redemption: RedemptionDoc; row: LedgerRow }, command: Redemption): boolean {
  return original.redemption.rewardId === command.rewardId && original.row.openid === command.openid
}
