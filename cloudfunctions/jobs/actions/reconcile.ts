import { MAX_DRIFTS_LISTED, reconcilePayload, type Drift, type ReconcileReport } from '../../shared/contract/jobs'
import { jobRunsRepo } from '../../shared/data/jobRuns'
import { ledgerRepo } from '../../shared/data/ledger'
import { membersRepo } from '../../shared/data/members'
import { defineAction, type Database } from '../../shared/runtime'
import { reinvokePort } from '../reinvoke'
import { MAX_ROUNDS, triggerOf } from './shared'

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
  const started = Date.now()
  const members = membersRepo(db)
  const ledger = ledgerRepo(db)
  const cap = options.maxMembers ?? Number.POSITIVE_INFINITY
  const report: ReconcileReport = { cursor: options.cursor, membersChecked: 0, driftCount: 0, drifts: [], nextCursor: null, elapsedMs: 0 }
  let after = options.cursor
  let done = false
  const canGoOn = () => report.membersChecked < cap && Date.now() - started < options.budgetMs

  do {
    const want = Math.min(ID_WINDOW, cap - report.membersChecked)
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
      after = span[span.length - 1]
      if (!canGoOn()) break
    }
    if (ids.length < want && after === (ids[ids.length - 1] ?? after)) done = true
  } while (!done && canGoOn())

  report.nextCursor = done ? null : after
  report.elapsedMs = Date.now() - started
  return report
}

export const reconcile = defineAction({
  schema: reconcilePayload,
  async handler({ cursor, budgetMs, maxMembers, round }, { db, now }) {
    const report = await runReconcile(db, { cursor: cursor ?? null, budgetMs, maxMembers })
    await jobRunsRepo(db).record({ job: 'reconcile', startedAt: now, finishedAt: new Date(now.getTime() + report.elapsedMs), trigger: triggerOf(round), report })
    await handOverReconcile(report, { budgetMs, maxMembers, round })
    return report
  },
})

export async function handOverReconcile(report: ReconcileReport, payload: { budgetMs: number; maxMembers?: number; round: number }): Promise<void> {
  if (report.nextCursor === null || report.membersChecked === 0 || payload.round >= MAX_ROUNDS) return
  await reinvokePort().reinvoke('reconcile', { ...payload, cursor: report.nextCursor, round: payload.round + 1 })
}
