import { hourlyPayload, type HourlyReport } from '../../shared/contract/activity'
import { runHourly } from '../../shared/app/activityHourly'
import { Budget, handOver } from '../../shared/app/jobChunks'
import { defineAction } from '../../shared/runtime'

/** The hourly timer (45 s of its 60 s by default, leaving room to hand over): reminders, settling cancelled activities, closing ended ones; what is left goes to a fresh invocation. */
export const hourly = defineAction({
  schema: hourlyPayload,
  async handler({ budgetMs, maxReminders, round }, { db, now }): Promise<HourlyReport> {
    const report = await runHourly(db, now, new Budget(budgetMs, maxReminders))
    await handOver('hourly', report.left, { budgetMs, round, ...(maxReminders ? { maxReminders } : {}) }, 'activity')
    return report
  },
})
