import { dailyPayload, type DailyReport, type ReconcileReport } from '../../shared/contract/jobs'
import { handOverBirthdays, runBirthdays } from '../../shared/app/birthdaySweep'
import { handOverExpiry, runExpiry } from '../../shared/app/expirySweep'
import { recordRun } from '../../shared/app/jobChunks'
import { handOverReconcile, runReconcile } from '../../shared/app/reconciliation'
import { handOverTierEvaluation, runTierEvaluation } from '../../shared/app/tierMoves'
import { jobRunsRepo } from '../../shared/data/jobRuns'
import { defineAction } from '../../shared/runtime'

/** The whole run must end inside the timer's 60 s; budgets stop taking new work, in-flight work finishes. */
const DAILY_BUDGET_MS = 45_000
const BIRTHDAYS_BUDGET_MS = 10_000
const EXPIRY_BUDGET_MS = 15_000
const TIERS_BUDGET_MS = 10_000
const MIN_RECONCILE_BUDGET_MS = 5_000

/**
 * The one timer WeChat allows this function (config.json `daily`, 00:30 Beijing time): today's
 * birthday perks, then expiry (members see both that day), then re-evaluate tiers whose hold has
 * ended, then carry the reconciliation walk on from where the last run stopped, with what is left
 * of the budget. Leftovers of each go to fresh invocations.
 */
export const daily = defineAction({
  schema: dailyPayload,
  async handler(_payload, { db, now }): Promise<DailyReport> {
    const started = Date.now()
    const birthdays = await runBirthdays(db, now, { budgetMs: BIRTHDAYS_BUDGET_MS })
    await recordRun(db, 'birthdays', now, 'daily', birthdays)

    const expiry = await runExpiry(db, now, { budgetMs: EXPIRY_BUDGET_MS })
    await recordRun(db, 'expirePoints', now, 'daily', expiry)

    const tiers = await runTierEvaluation(db, now, TIERS_BUDGET_MS)
    await recordRun(db, 'evaluateTiers', now, 'daily', tiers)

    const last = await jobRunsRepo(db).latest<ReconcileReport>('reconcile')
    const budgetMs = Math.max(MIN_RECONCILE_BUDGET_MS, DAILY_BUDGET_MS - (Date.now() - started))
    const reconcile = await runReconcile(db, { cursor: last?.report.nextCursor ?? null, budgetMs })
    // The reconciliation is recorded as finishing when the whole daily run does.
    await recordRun(db, 'reconcile', now, 'daily', reconcile, Date.now() - started)

    await handOverBirthdays(birthdays, { budgetMs: BIRTHDAYS_BUDGET_MS, round: 0 })
    await handOverExpiry(expiry, { budgetMs: EXPIRY_BUDGET_MS, round: 0 })
    await handOverTierEvaluation(tiers, { budgetMs: TIERS_BUDGET_MS, round: 0 })
    await handOverReconcile(reconcile, { budgetMs: DAILY_BUDGET_MS, round: 0 })
    return { birthdays, expiry, tiers, reconcile }
  },
})
