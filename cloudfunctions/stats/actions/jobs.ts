import { statsBackfillPayload, statsDailyPayload, type StatsDayReport, type StatsRunReport } from '../../shared/contract/stats'
// The jobs' one budget: its cap counts ledger rows here.
import { Budget, handOver } from '../../shared/app/jobChunks'
import { attachSnapshot, computeRange, dueDays } from '../../shared/app/statsDay'
import { statsRepo } from '../../shared/data/stats'
import { defineAction } from '../../shared/runtime'

/**
 * The hourly timer (config.json, at :40): yesterday's figures (and any day of the last week the
 * timer missed), resumed from the cursor when a run was cut off; then, once the morning's
 * classification has finished, yesterday's snapshot of the members. Left work goes to a fresh invocation.
 */
export const daily = defineAction({
  schema: statsDailyPayload,
  async handler({ day, budgetMs, maxRows, round }, { db, now }): Promise<StatsRunReport> {
    const budget = new Budget(budgetMs, maxRows)
    const days: StatsDayReport[] = []
    let rederived = 0
    let left = false
    for (const due of day ? [day] : await dueDays(db, now)) {
      const result = await computeRange(db, due, due, budget, now)
      days.push({ day: due, rows: result.rows, done: result.done })
      rederived += result.carried
      if (!result.done) {
        left = true
        break
      }
    }
    if (!day && !left) await attachSnapshot(db, now)
    await handOver('daily', left, { budgetMs, round, ...(day ? { day } : {}), ...(maxRows ? { maxRows } : {}) }, 'stats')
    return { days, rederived, left, elapsedMs: budget.elapsedMs() }
  },
})

/** Rebuilds `[from, to]` in one walk (resumable from its cursor), then carries the days after it. */
export const backfill = defineAction({
  schema: statsBackfillPayload,
  async handler({ from, to, budgetMs, maxRows, round }, { db, now }): Promise<StatsRunReport> {
    const repo = statsRepo(db)
    const budget = new Budget(budgetMs, maxRows)
    await repo.saveSettings({ _id: 'stats', backfill: { from, to } })
    const result = await computeRange(db, from, to, budget, now)
    if (result.done) await repo.saveSettings({ _id: 'stats', backfill: null })
    await handOver('backfill', !result.done, { from, to, budgetMs, round, ...(maxRows ? { maxRows } : {}) }, 'stats')
    return { days: [{ day: `${from}..${to}`, rows: result.rows, done: result.done }], rederived: result.carried, left: !result.done, elapsedMs: budget.elapsedMs() }
  },
})
