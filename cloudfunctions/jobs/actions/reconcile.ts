import { reconcilePayload } from '../../shared/contract/jobs'
import { recordRun, triggerOf } from '../../shared/app/jobChunks'
import { handOverReconcile, runReconcile } from '../../shared/app/reconciliation'
import { defineAction } from '../../shared/runtime'

export const reconcile = defineAction({
  schema: reconcilePayload,
  async handler({ cursor, budgetMs, maxMembers, round }, { db, now }) {
    const report = await runReconcile(db, { cursor: cursor ?? null, budgetMs, maxMembers })
    await recordRun(db, 'reconcile', now, triggerOf(round), report)
    await handOverReconcile(report, { budgetMs, maxMembers, round })
    return report
  },
})
