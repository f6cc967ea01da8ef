import type { JobReport } from '../contract/jobs'
import { isKeyTaken } from '../data/applyDecision'
import { memberIn, membersRepo } from '../data/members'
import { activeRules } from '../data/rules'
import { inTransaction } from '../data/transaction'
import { decideExpiry } from '../domain/expiry'
import type { Rules } from '../domain/rules'
import type { Database } from '../runtime/cloud'
import { settle } from './commands'
import { Budget, handOver, workThrough } from './jobChunks'

/** Due members fetched per query: one index walk serves a whole run (an aggregate answers ≤ 10,000). */
const FETCH = 5_000
/** Members expired at once; each is its own transaction on its own document, so they never contend. */
const CONCURRENCY = 8

export interface ExpiryOptions {
  budgetMs: number
  maxMembers?: number
}

type MemberExpiry = { kind: 'expired'; lots: number; points: number } | { kind: 'nothing-due' } | { kind: 'key-taken' }

/**
 * Expires every lot due at `now`, member by member, each in one transaction (domain/expiry
 * decides, applyDecision writes the rows and the member). A second run (concurrent, repeated, or
 * resuming a cut-off one) finds the lot gone, or conflicts and then finds it gone: each lot
 * leaves exactly once. A member whose expiry key is taken while the lot is still on them is left
 * for reconciliation rather than retried.
 */
export async function runExpiry(db: Database, now: Date, options: ExpiryOptions): Promise<JobReport> {
  const budget = new Budget(options.budgetMs, options.maxMembers)
  const members = membersRepo(db)
  const rules = await activeRules(db, now)
  const report: JobReport = { membersProcessed: 0, membersFailed: 0, lotsExpired: 0, pointsExpired: 0, more: false, elapsedMs: 0 }
  const failed = new Set<string>()

  for (;;) {
    const want = Math.min(FETCH, budget.membersLeft() + failed.size)
    const fetched = await members.dueIdsForExpiry(now, want)
    const queue = fetched.filter((openid) => !failed.has(openid))
    if (queue.length === 0) break
    const outcomes = await workThrough(queue, CONCURRENCY, budget, async (openid) => {
      const outcome = await expireMember(db, openid, now, rules)
      if (outcome.kind === 'key-taken') {
        failed.add(openid)
        console.error(`[jobs.expirePoints] ${openid}: expiry key taken; left for reconciliation`)
      }
      return outcome
    })
    for (const outcome of outcomes) {
      if (outcome.kind === 'key-taken') report.membersFailed++
      if (outcome.kind !== 'expired') continue
      report.membersProcessed++
      report.lotsExpired += outcome.lots
      report.pointsExpired += outcome.points
    }
    if (outcomes.length < queue.length) {
      report.more = true
      break
    }
    if (fetched.length < want) break
    if (!budget.canTakeMore()) {
      report.more = true
      break
    }
  }
  report.elapsedMs = budget.elapsedMs()
  return report
}

async function expireMember(db: Database, openid: string, now: Date, rules: Rules): Promise<MemberExpiry> {
  try {
    const outcome = await inTransaction(db, async (transaction) => settle(transaction, decideExpiry(await memberIn(transaction, openid), rules, now)))
    if (outcome.kind === 'repeat') return { kind: 'key-taken' }
    if (outcome.kind !== 'applied' || outcome.decision.ledger.length === 0) return { kind: 'nothing-due' }
    const { ledger } = outcome.decision
    return { kind: 'expired', lots: ledger.length, points: ledger.reduce((sum, row) => sum - row.delta, 0) }
  } catch (error) {
    if (isKeyTaken(error)) return { kind: 'key-taken' }
    throw error
  }
}

/** Hands what is left to a fresh invocation, but only while runs make progress and the chain is short. */
export async function handOverExpiry(report: JobReport, payload: { budgetMs: number; maxMembers?: number; round: number }): Promise<void> {
  await handOver('expirePoints', report.more && report.membersProcessed > 0, payload)
}
