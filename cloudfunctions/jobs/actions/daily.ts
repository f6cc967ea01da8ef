import { dailyPayload, type DailyReport, type ReconcileReport } from '../../shared/contract/jobs'
import { jobRunsRepo } from '../../shared/data/jobRuns'
import { defineAction } from '../../shared/runtime'
import { handOverBirthdays, runBirthdays } from './birthdays'
import { handOverExpiry, runExpiry } from './expirePoints'
import { handOverReconcile, runReconcile } from './reconcile'
import { handOverTierEvaluation, runTierEvaluation } from './evaluateTiers'

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
    const runs = jobRunsRepo(db)
    const birthdays = await runBirthdays(db, now, { budgetMs: BIRTHDAYS_BUDGET_MS })
    await runs.record({ job: 'birthdays', startedAt: now, finishedAt: new Date(now.getTime() + birthdays.elapsedMs), trigger: 'daily', report: birthdays })

    const expiry = await runExpiry(db, now, { budgetMs: EXPIRY_BUDGET_MS })
    await runs.record({ job: 'expirePoints', startedAt: now, finishedAt: new Date(now.getTime() + expiry.elapsedMs), trigger: 'daily', report: expiry })

    const tiers = await runTierEvaluation(db, now, TIERS_BUDGET_MS)
    await runs.record({ job: 'evaluateTiers', startedAt: now, finishedAt: new Date(now.getTime() + tiers.elapsedMs), trigger: 'daily', report: tiers })

    const last = await runs.latest<ReconcileReport>('reconcile')
    const budgetMs = Math.max(MIN_RECONCILE_BUDGET_MS, DAILY_BUDGET_MS - (Date.now() - started))
    const reconcile = await runReconcile(db, { cursor: last?.report.nextCursor ?? null, budgetMs })
    const reconciledAt = new Date(now.getTime() + (Date.now() - started))
    await runs.record({ job: 'reconcile', startedAt: now, finishedAt: reconciledAt, trigger: 'daily', report: reconcile })

    await handOverBirthdays(birthdays, { budgetMs: BIRTHDAYS_BUDGET_MS, round: 0 })
    await handOverExpiry(expiry, { budgetMs: EXPIRY_BUDGET_MS, round: 0 })
    await handOverTierEvaluation(tiers, { budgetMs: TIERS_BUDGET_MS, round: 0 })
    await handOverReconcile(reconcile, { budgetMs: DAILY_BUDGET_MS, round: 0 })
    return { birthdays, expiry, tiers, reconcile }
  },
})
