import { statsBackfillPayload, statsDailyPayload, type StatsDayReport, type StatsRunReport } from '../../shared/contract/stats'
import { handOver } from '../../shared/app/jobChunks'
import { attachSnapshot, carryForward, computeDay, dueDays, RowBudget } from '../../shared/app/statsDay'
import { statsRepo } from '../../shared/data/stats'
import { daysFrom, nextDay } from '../../shared/domain/stats'
import { defineAction } from '../../shared/runtime'

/**
 * The hourly timer (config.json, at :40): yesterday's figures (and any day of the last week the
 * timer missed), resumed from the cursor when a run was cut off; then, once the morning's
 * classification has finished, yesterday's snapshot of the members. Left work goes to a fresh invocation.
 */
export const daily = defineAction({
  schema: statsDailyPayload,
  async handler({ day, budgetMs, maxRows, round }, { db, now }): Promise<StatsRunReport> {
    const budget = new RowBudget(budgetMs, maxRows)
    const days: StatsDayReport[] = []
    let rederived = 0
    let left = false
    for (const due of day ? [day] : await dueDays(db, now)) {
      const result = await computeDay(db, due, budget, now)
      days.push({ day: due, rows: result.rows, done: result.done })
      rederived += result.rederived
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

/** Rebuilds `[from, to]` day by day (each from the one before it), then carries the days after it. Resumable. */
export const backfill = defineAction({
  schema: statsBackfillPayload,
  async handler({ from, to, budgetMs, round }, { db, now }): Promise<StatsRunReport> {
    const repo = statsRepo(db)
    const budget = new RowBudget(budgetMs)
    const settings = await repo.settings()
    const resumed = settings.backfill && settings.backfill.from === from && settings.backfill.to === to ? settings.backfill.next : from
    const days: StatsDayReport[] = []
    let left = false
    for (const day of daysFrom(resumed, to)) {
      if (!budget.canTakeMore()) {
        left = true
        break
      }
      const result = await computeDay(db, day, budget, now, 'self')
      days.push({ day, rows: result.rows, done: result.done })
      const next = result.done ? nextDay(day) : day
      await repo.saveSettings({ ...(await repo.settings()), backfill: { from, to, next } })
      if (!result.done) {
        left = true
        break
      }
    }
    let rederived = 0
    if (!left) {
      rederived = await carryForward(db, to, now)
      await repo.saveSettings({ ...(await repo.settings()), backfill: null })
    }
    await handOver('backfill', left, { from, to, budgetMs, round }, 'stats')
    return { days, rederived, left, elapsedMs: budget.elapsedMs() }
  },
})
