import type { MemberDoc } from '../domain/member'
import { tierStateOf } from '../domain/member'
import type { Rules } from '../domain/rules'
import { decideEvaluation, qualifyingFigure, type TierChange, type TierState } from '../domain/tiers'
import { membersRepo } from './members'
import type { Database } from '../runtime/cloud'
import { appendTierChange, tierChangeRow } from './tierChanges'
import { getOrNull, inTransaction } from './transaction'

/** A tier decision over the member as read inside the transaction (never a stale copy). */
export type TierDecider = (member: MemberDoc, state: TierState) => { state: TierState; change: TierChange | null } | null

/**
 * Applies one member's tier decision atomically: tier fields and the tier-change record together.
 * Deciding inside the transaction makes a repeated or concurrent sweep harmless: the second read
 * already shows the new tier, so the decider finds nothing left to do.
 */
export async function applyTierDecision(db: Database, openid: string, decide: TierDecider, rulesVersion: number): Promise<TierChange | null> {
  return inTransaction(db, async (transaction) => {
    const member = await getOrNull<MemberDoc>(transaction, 'members', openid)
    if (!member || member.removedAt) return null
    const decision = decide(member, tierStateOf(member))
    if (!decision) return null
    if (decision.change) await appendTierChange(transaction, tierChangeRow(openid, decision.change, rulesVersion))
    await transaction.collection('members').doc(openid).update({ data: { tier: decision.state.tier, tierSince: decision.state.tierSince, tierUntil: decision.state.tierUntil } })
    return decision.change
  })
}

export interface EvaluationReport {
  evaluated: number
  changed: Array<{ openid: string; change: TierChange }>
  more: boolean
}

/**
 * The daily evaluation: every member whose hold period has ended moves to the tier their figure
 * supports now (never below the lowest), and is held for another period. Indexed on tierUntil, in
 * chunks, within `budgetMs` (which includes each change's message, sent right after its commit);
 * what is left is reported as `more`.
 */
export async function evaluateDueTiers(db: Database, rules: Rules, now: Date, budgetMs: number, afterCommit: (openid: string, change: TierChange) => Promise<void> = async () => undefined, chunk = 100): Promise<EvaluationReport> {
  const started = Date.now()
  const report: EvaluationReport = { evaluated: 0, changed: [], more: false }
  const members = membersRepo(db)
  for (;;) {
    const due = await members.dueIdsForTierEvaluation(now, chunk)
    for (const openid of due) {
      if (Date.now() - started > budgetMs) return { ...report, more: true }
      const change = await applyTierDecision(db, openid, (member, state) => decideEvaluation(state, qualifyingFigure(member.activity, rules.tiers.basis, now), rules.tiers, now), rules.version)
      report.evaluated++
      if (change) {
        report.changed.push({ openid, change })
        await afterCommit(openid, change)
      }
    }
    if (due.length < chunk) return report
  }
}
