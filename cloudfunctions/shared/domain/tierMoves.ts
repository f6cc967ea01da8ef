import type { TierId } from '../contract/enums'
import { decision, type Decision } from './decision'
import { tierStateOf, type MemberDoc } from './member'
import { tierChangeMessage } from './messages'
import type { Rules } from './rules'
import { decideEvaluation, decideUpgrade, qualifyingFigure, type TierChange, type TierState } from './tiers'

/** Every tier move, with why and under which rules version. Append-only. */
export interface TierChangeRow {
  _id: string
  openid: string
  from: TierId
  to: TierId
  reason: TierChange['reason']
  figure: number
  rulesVersion: number
  at: Date
}

export function tierChangeRow(openid: string, change: TierChange, rulesVersion: number): TierChangeRow {
  return { _id: `tier:${openid}:${change.at.getTime()}`, openid, from: change.from, to: change.to, reason: change.reason, figure: change.figure, rulesVersion, at: change.at }
}

export type NoTierMove = { kind: 'unchanged' }
const unchanged: NoTierMove = { kind: 'unchanged' }

/**
 * At the end of the hold: the tier the rolling figure supports now (up, down, or the same, then
 * held for another period). Decided on the member as the transaction read it, so a repeated or
 * concurrent sweep finds the new hold date and nothing left to do.
 */
export function decideTierEvaluation(member: MemberDoc | null, rules: Rules, now: Date): Decision | NoTierMove {
  if (!member || member.removedAt) return unchanged
  const move = decideEvaluation(tierStateOf(member), qualifyingFigure(member.activity, rules.tiers.basis, now), rules.tiers, now)
  return move ? tierMove(member._id, move, rules) : unchanged
}

/** After a publish: the upgrade the new rules give, recorded as caused by the rules, not by a purchase. */
export function decideRulesUpgrade(member: MemberDoc | null, rules: Rules, now: Date): Decision | NoTierMove {
  if (!member || member.removedAt) return unchanged
  const move = decideUpgrade(tierStateOf(member), qualifyingFigure(member.activity, rules.tiers.basis, now), rules.tiers, now)
  return move ? tierMove(member._id, { state: move.state, change: { ...move.change, reason: 'rules' } }, rules) : unchanged
}

function tierMove(openid: string, move: { state: TierState; change: TierChange | null }, rules: Rules): Decision {
  const { tier, tierSince, tierUntil } = move.state
  return decision(openid, {
    member: { tier, tierSince, tierUntil },
    tierChange: move.change && tierChangeRow(openid, move.change, rules.version),
    messages: move.change ? [tierChangeMessage(openid, move.change, rules.tiers)] : [],
  })
}
