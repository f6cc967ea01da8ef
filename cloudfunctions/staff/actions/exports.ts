import { exportChunkPayload, exportRefPayload, exportsPayload, startExportPayload, type ExportJob } from '../../shared/contract/staff'
import { AppError, defineAction } from '../../shared/runtime'

// Placeholder while the export job is written: the actions exist with their contract types so the
// staff function can wire them; each answers NOT_FOUND until the job lands.

export const startExport = defineAction({
  schema: startExportPayload,
  async handler(): Promise<ExportJob> {
    throw new AppError('NOT_FOUND', '导出功能即将上线')
  },
})

export const exportStatus = defineAction({
  schema: exportRefPayload,
  audit: false,
  async handler(): Promise<ExportJob> {
    throw new AppError('NOT_FOUND', '导出任务不存在')
  },
})

export const exports = defineAction({
  schema: exportsPayload,
  audit: false,
  async handler(): Promise<ExportJob[]> {
    return []
  },
})

export const exportChunk = defineAction({
  schema: exportChunkPayload,
  async handler(): Promise<ExportJob> {
    throw new AppError('NOT_FOUND', '导出任务不存在')
  },
})
