import { expirePointsPayload } from '../../shared/contract/jobs'
import { handOverExpiry, runExpiry } from '../../shared/app/expirySweep'
import { recordRun, triggerOf } from '../../shared/app/jobChunks'
import { defineAction } from '../../shared/runtime'

/** Server-only: the timer (through `daily`), the console, or the previous run handing over. */
export const expirePoints = defineAction({
  schema: expirePointsPayload,
  async handler({ budgetMs, maxMembers, round }, { db, now }) {
    const report = await runExpiry(db, now, { budgetMs, maxMembers })
    await recordRun(db, 'expirePoints', now, triggerOf(round), report)
    await handOverExpiry(report, { budgetMs, maxMembers, round })
    return report
  },
})
