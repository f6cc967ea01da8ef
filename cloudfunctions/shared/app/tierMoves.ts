import type { TierEvaluationReport } from '../contract/jobs'
import { memberIn, membersRepo } from '../data/members'
import { activeRules } from '../data/rules'
import { inTransaction } from '../data/transaction'
import type { Decision } from '../domain/decision'
import type { MemberDoc } from '../domain/member'
import type { Rules } from '../domain/rules'
import { consequenceOf, factsOf } from '../domain/tierPreview'
import { decideRulesUpgrade, decideTierEvaluation, type NoTierMove, type TierChangeRow } from '../domain/tierMoves'
import type { Database } from '../runtime/cloud'
import { deliver, knownState } from './deliver'
import { settle } from './commands'
import { Budget, handOver } from './jobChunks'

type TierDecider = (member: MemberDoc | null) => Decision | NoTierMove

/**
 * One member's tier move in its own transaction, decided on the member as read inside it (never
 * a stale copy), so a repeated or concurrent sweep finds nothing left to do. The message goes out
 * after the commit; the move's record is answered.
 */
async function moveTier(db: Database, openid: string, decide: TierDecider): Promise<TierChangeRow | null> {
  let read: MemberDoc | null = null
  const outcome = await inTransaction(db, async (transaction) => {
    read = await memberIn(transaction, openid)
    return settle(transaction, decide(read))
  })
  if (outcome.kind !== 'applied') return null
  await deliver(outcome.decision.messages, knownState(read), db)
  return outcome.decision.tierChange
}

/** Members evaluated per query of the tierUntil index. */
const EVALUATION_CHUNK = 100

/**
 * The daily evaluation: every member whose hold period has ended moves to the tier their figure
 * supports now (never below the lowest), and is held for another period. Indexed on tierUntil, in
 * chunks, within `budgetMs` (which includes each change's message); what is left is reported as `more`.
 */
export async function runTierEvaluation(db: Database, now: Date, budgetMs: number): Promise<TierEvaluationReport> {
  const budget = new Budget(budgetMs)
  const rules = await activeRules(db, now)
  const members = membersRepo(db)
  const report: TierEvaluationReport = { evaluated: 0, changed: 0, downgraded: 0, more: false, elapsedMs: 0 }
  for (;;) {
    const due = await members.dueIdsForTierEvaluation(now, EVALUATION_CHUNK)
    for (const openid of due) {
      if (!budget.canTakeMore()) return { ...report, more: true, elapsedMs: budget.elapsedMs() }
      const change = await moveTier(db, openid, (member) => decideTierEvaluation(member, rules, now))
      report.evaluated++
      if (change) report.changed++
      if (change?.reason === 'downgrade') report.downgraded++
    }
    if (due.length < EVALUATION_CHUNK) return { ...report, elapsedMs: budget.elapsedMs() }
  }
}

export async function handOverTierEvaluation(report: TierEvaluationReport, payload: { budgetMs: number; round: number }): Promise<void> {
  await handOver('evaluateTiers', report.more, payload)
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
 * `_id` order from `after`, within `budgetMs` (each message sent right after its commit).
 * Resumable: a member already lifted is simply not lifted again. Only members the preview's own
 * rule says go up cost a transaction.
 */
export async function applyRulesUpgrades(db: Database, rules: Rules, now: Date, options: { after: string | null; budgetMs: number }): Promise<RulesSweepReport> {
  const budget = new Budget(options.budgetMs)
  const members = membersRepo(db)
  const report: RulesSweepReport = { upgraded: 0, after: options.after, more: false }
  for (;;) {
    const page = await members.tierFactsAfter(report.after, SWEEP_PAGE)
    for (const member of page) {
      if (!budget.canTakeMore()) return { ...report, more: true }
      if (consequenceOf(factsOf(member), rules.tiers, now).kind === 'upgrade' && (await moveTier(db, member._id, (current) => decideRulesUpgrade(current, rules, now)))) report.upgraded++
      report.after = member._id
    }
    if (page.length < SWEEP_PAGE) return report
  }
}
