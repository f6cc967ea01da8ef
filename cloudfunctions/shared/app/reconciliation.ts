import { MAX_DRIFTS_LISTED, type Drift, type ReconcileReport } from '../contract/jobs'
import { ledgerRepo } from '../data/ledger'
import { membersRepo } from '../data/members'
import type { Database } from '../runtime/cloud'
import { Budget, handOver } from './jobChunks'

/** Member `_id`s fetched per boundary query. */
const ID_WINDOW = 10_000
/** Members checked per ledger aggregate: one bounded openid range, so the ledger is walked once. */
const SPAN = 5_000
/** A get() answers at most 1,000 documents. */
const PAGE = 1_000

export interface ReconcileOptions {
  cursor: string | null
  budgetMs: number
  maxMembers?: number
}

/**
 * Walks members in `_id` order from `cursor` and compares, for each, the stored balance with
 * Σ ledger deltas and Σ lot remainders, and looks for negative lots. Reports; never repairs.
 * Every query is bounded on both sides by `_id`s it already knows, so a run examines each member
 * and ledger row once; a run that runs out of budget answers where to resume.
 */
export async function runReconcile(db: Database, options: ReconcileOptions): Promise<ReconcileReport> {
  const budget = new Budget(options.budgetMs, options.maxMembers)
  const members = membersRepo(db)
  const ledger = ledgerRepo(db)
  const report: ReconcileReport = { cursor: options.cursor, membersChecked: 0, driftCount: 0, drifts: [], nextCursor: null, elapsedMs: 0 }
  let after = options.cursor
  let done = false

  do {
    const want = Math.min(ID_WINDOW, budget.membersLeft())
    const ids = await members.idsAfter(after, want)
    for (let start = 0; start < ids.length; start += SPAN) {
      const span = ids.slice(start, start + SPAN)
      const pages = []
      for (let page = 0; page < span.length; page += PAGE) pages.push(members.between(span[page], span[Math.min(page + PAGE, span.length) - 1]))
      const [sums, ...docs] = await Promise.all([ledger.sumsBetween(span[0], span[span.length - 1], Math.min(10_000, span.length * 2)), ...pages])
      for (const member of docs.flat()) {
        const lots = member.pointLots ?? []
        const drift: Drift = {
          openid: member._id,
          cardNo: member.cardNo,
          pointsBalance: member.pointsBalance,
          ledgerSum: sums.get(member._id) ?? 0,
          lotsSum: lots.reduce((sum, lot) => sum + lot.remaining, 0),
          negativeLots: lots.filter((lot) => lot.remaining < 0).length,
        }
        if (drift.ledgerSum !== drift.pointsBalance || drift.lotsSum !== drift.pointsBalance || drift.negativeLots > 0) {
          report.driftCount++
          if (report.drifts.length < MAX_DRIFTS_LISTED) report.drifts.push(drift)
        }
      }
      report.membersChecked += span.length
      budget.taken += span.length
      after = span[span.length - 1]
      if (!budget.canTakeMore()) break
    }
    if (ids.length < want && after === (ids[ids.length - 1] ?? after)) done = true
  } while (!done && budget.canTakeMore())

  report.nextCursor = done ? null : after
  report.elapsedMs = budget.elapsedMs()
  return report
}

export async function handOverReconcile(report: ReconcileReport, payload: { budgetMs: number; maxMembers?: number; round: number }): Promise<void> {
  await handOver('reconcile', report.nextCursor !== null && report.membersChecked > 0, { ...payload, cursor: report.nextCursor })
}
