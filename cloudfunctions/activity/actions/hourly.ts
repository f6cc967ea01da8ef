import { hourlyPayload, type HourlyReport } from '../../shared/contract/activity'
import { runHourly } from '../../shared/app/activityHourly'
import { Budget, handOver } from '../../shared/app/jobChunks'
import { defineAction } from '../../shared/runtime'

/** Within the 60 s timeout, leaving room to hand over. */
const BUDGET_MS = 45_000

/** The hourly timer: reminders, settling cancelled activities, closing ended ones; what is left goes to a fresh invocation. */
export const hourly = defineAction({
  schema: hourlyPayload,
  async handler({ round }, { db, now }): Promise<HourlyReport> {
    const report = await runHourly(db, now, new Budget(BUDGET_MS))
    await handOver('hourly', report.left, { round }, 'activity')
    return report
  },
})
