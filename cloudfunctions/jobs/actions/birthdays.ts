import { birthdaysPayload, type BirthdayReport } from '../../shared/contract/jobs'
import { handOverBirthdays, runBirthdays } from '../../shared/app/birthdaySweep'
import { recordRun, triggerOf } from '../../shared/app/jobChunks'
import { defineAction } from '../../shared/runtime'

/** Server-only: the timer (through `daily`), the console, or the previous run handing over. */
export const birthdays = defineAction({
  schema: birthdaysPayload,
  async handler({ budgetMs, maxMembers, round }, { db, now }): Promise<BirthdayReport> {
    const report = await runBirthdays(db, now, { budgetMs, maxMembers })
    await recordRun(db, 'birthdays', now, triggerOf(round), report)
    await handOverBirthdays(report, { budgetMs, maxMembers, round })
    return report
  },
})
