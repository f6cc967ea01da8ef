import type { MemberDoc } from '../domain/member'
import { tierStateOf } from '../domain/member'
import type { Rules } from '../domain/rules'
import { consequenceOf } from '../domain/tierPreview'
import { decideEvaluation, decideUpgrade, qualifyingFigure, type TierChange, type TierState } from '../domain/tiers'
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

export interface RulesSweepReport {
  upgraded: number
  /** The last member looked at; a later run resumes after it. */
  after: string | null
  more: boolean
}

/** Members read per round trip when sweeping everyone (the SDK's maximum). */
const SWEEP_PAGE = 1000

/**
 * After a publish: upgrades everyone the new rules lift (reason `rules`, the version recorded), in
 * `_id` order from `after`, within `budgetMs` (each message sent right after its commit). Resumable:
 * a member already lifted is simply not lifted again.
 */
export async function applyRulesUpgrades(db: Database, rules: Rules, now: Date, options: { after: string | null; budgetMs: number; afterCommit?: (openid: string, change: TierChange) => Promise<void> }): Promise<RulesSweepReport> {
  const started = Date.now()
  const members = membersRepo(db)
  const report: RulesSweepReport = { upgraded: 0, after: options.after, more: false }
  for (;;) {
    const page = await members.tierFactsAfter(report.after, SWEEP_PAGE)
    for (const member of page) {
      if (Date.now() - started > options.budgetMs) return { ...report, more: true }
      const state = { tier: member.tier, tierSince: new Date(member.tierSince), tierUntil: member.tierUntil ? new Date(member.tierUntil) : null }
      if (consequenceOf({ state, activity: member.activity }, rules.tiers, now).kind === 'upgrade') {
        const change = await applyTierDecision(db, member._id, (current, currentState) => rulesUpgrade(currentState, qualifyingFigure(current.activity, rules.tiers.basis, now), rules, now), rules.version)
        if (change) {
          report.upgraded++
          await options.afterCommit?.(member._id, change)
        }
      }
      report.after = member._id
    }
    if (page.length < SWEEP_PAGE) return report
  }
}

/** Upgrades at publish are recorded as caused by the new rules, not by a purchase. */
function rulesUpgrade(state: TierState, figure: number, rules: Rules, now: Date) {
  const decision = decideUpgrade(state, figure, rules.tiers, now)
  return decision && { ...decision, change: { ...decision.change, reason: 'rules' as const } }
}
