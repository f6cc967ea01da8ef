import { exportChunkPayload, exportRefPayload, exportsPayload, startExportPayload, type ExportJob } from '../../shared/contract/staff'
import { CHUNK_BUDGET_MS, exportStatus as statusOf, recentExports, runExportChunk, startExport as start, viewOf } from '../../shared/app/exportJob'
import { Budget, handOver } from '../../shared/app/jobChunks'
import { AppError, defineAction } from '../../shared/runtime'
import { exportPageRows } from '../../shared/runtime/tuning'

/** The owner exports members, the ledger or consumption records for a date range; audited with whether phones are in full. */
export const startExport = defineAction({
  schema: startExportPayload,
  // Whether phones went out in full is the point of the entry; the id ties it to the job.
  auditPayload: ({ kind, from, to, fullPhone, requestId }) => ({ exportId: requestId, kind, from, to, fullPhone }),
  async handler(payload, { db, openid, now }): Promise<ExportJob> {
    return start(db, payload, openid, now, exportPageRows())
  },
})

/** Polled by the export page every 2 s: progress, and a temporary link once done. Not audited: the start is. */
export const exportStatus = defineAction({
  schema: exportRefPayload,
  audit: false,
  async handler({ id }, { db, now }): Promise<ExportJob> {
    return statusOf(db, id, now, exportPageRows())
  },
})

export const exports = defineAction({
  schema: exportsPayload,
  audit: false,
  async handler(_payload, { db, now }): Promise<ExportJob[]> {
    return recentExports(db, now)
  },
})

/** A hand-over: the next chunk of a job, then the next hand-over while work is left. A job's machinery, not a person's act: not audited. */
export const exportChunk = defineAction({
  schema: exportChunkPayload,
  audit: false,
  async handler({ id, round }, { db, now }): Promise<ExportJob> {
    const chunk = await runExportChunk(db, id, new Budget(CHUNK_BUDGET_MS), now, exportPageRows())
    if (!chunk.doc) throw new AppError('NOT_FOUND', '导出任务不存在')
    await handOver('exportChunk', chunk.left, { id, round }, 'staff')
    return viewOf(chunk.doc, now)
  },
})
