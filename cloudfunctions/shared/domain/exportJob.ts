import type { ExportJob } from '../contract/staff'
import { EXPORT_KIND_LABELS, EXPORT_LINK_TTL_MS, EXPORT_MAX_DAYS, EXPORT_STATUS_LABELS, type ExportKind, type ExportStatus } from '../contract/workspaceFields'

/**
 * An export job's document (`exports/<id>`, the id being the start tap's requestId) and the rules it
 * moves by. The walk goes through the rows in (time, `_id`) order from `cursor`; each part of the file
 * is stored at a path fixed by its number before the document counts it, so a chunk cut off between
 * the two is redone from the same cursor and overwrites the same part.
 */
export interface ExportDoc {
  _id: string
  kind: ExportKind
  from: string
  to: string
  fullPhone: boolean
  /** The rows' window, `[startAt, endAt)`: Beijing days, ending no later than the job's start, so rows written while it runs never join it. */
  startAt: Date
  endAt: Date
  status: ExportStatus
  total: number
  rows: number
  /** Parts stored and counted: part-0 … part-(parts − 1). */
  parts: number
  /** The last row written: (time, `_id`). Null before the first part. */
  cursor: { at: Date; id: string } | null
  /** Every row is in a part; the file is assembled next. */
  walked: boolean
  fileName: string
  fileId: string | null
  /** The chunk running it and until when its claim holds (past a run's 60 s). */
  lease: string | null
  leaseUntil: Date | null
  /** Chunks that threw in a row; the job fails after MAX_FAILURES. */
  failures: number
  rev: number
  error: string | null
  createdAt: Date
  createdBy: string
  updatedAt: Date
  finishedAt: Date | null
}

/** Longer than a chunk can live (the function's 60 s timeout): a claim still held past this is a dead chunk's. */
export const EXPORT_LEASE_MS = 70_000
/**
 * A running job nobody has touched for this long, with no live claim, lost its hand-over: the status
 * poll runs it on. Several parts are written in this time by a live chunk, so it never looks stalled.
 */
export const EXPORT_STALL_MS = 15_000
export const EXPORT_MAX_FAILURES = 3

const SHANGHAI_OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000

/** Midnight of a Beijing calendar day, as an instant. */
function dayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS)
}

/** What is wrong with a range the schema accepted (from ≤ to is the schema's), or null. */
export function rangeProblem(from: string, to: string): string | null {
  const days = (dayStart(to).getTime() - dayStart(from).getTime()) / DAY_MS + 1
  return days > EXPORT_MAX_DAYS ? `导出范围不能超过 ${EXPORT_MAX_DAYS} 天` : null
}

/** The rows' window: from the first day's midnight to the day after the last, cut at `now`. */
export function exportWindow(from: string, to: string, now: Date): { startAt: Date; endAt: Date } {
  const end = dayStart(to).getTime() + DAY_MS
  return { startAt: dayStart(from), endAt: new Date(Math.min(end, now.getTime())) }
}

export function exportFileName(kind: ExportKind, from: string, to: string): string {
  return `${EXPORT_KIND_LABELS[kind]}_${from}_${to}.csv`
}

export const exportPaths = {
  part: (id: string, part: number) => `exports/${id}/part-${part}.csv`,
  file: (id: string, fileName: string) => `exports/${id}/${fileName}`,
}

/** Whether a request with this id asks for what the job holds (a retried tap), or for something else. */
export function sameRequest(doc: Pick<ExportDoc, 'kind' | 'from' | 'to' | 'fullPhone'>, request: Pick<ExportDoc, 'kind' | 'from' | 'to' | 'fullPhone'>): boolean {
  return doc.kind === request.kind && doc.from === request.from && doc.to === request.to && doc.fullPhone === request.fullPhone
}

export function leaseFree(doc: Pick<ExportDoc, 'leaseUntil'>, now: Date): boolean {
  return !doc.leaseUntil || new Date(doc.leaseUntil).getTime() <= now.getTime()
}

/** Running, unclaimed, and untouched for a while: its hand-over was lost, or the chunk holding it died. */
export function isStalled(doc: ExportDoc, now: Date): boolean {
  return doc.status === 'running' && leaseFree(doc, now) && now.getTime() - new Date(doc.updatedAt).getTime() >= EXPORT_STALL_MS
}

/** A finished file's link is handed out for EXPORT_LINK_TTL_MS after it was made; then it is exported again. */
export function linkMsLeft(doc: Pick<ExportDoc, 'status' | 'fileId' | 'finishedAt'>, now: Date): number {
  if (doc.status !== 'done' || !doc.fileId || !doc.finishedAt) return 0
  return Math.max(0, new Date(doc.finishedAt).getTime() + EXPORT_LINK_TTL_MS - now.getTime())
}

export function toExportJob(doc: ExportDoc, url: string | null): ExportJob {
  // A running job never shows 100 %: the last part is written and the file assembled before it is done.
  const progress = doc.status === 'done' ? 1 : doc.total > 0 ? Math.min(doc.rows / doc.total, 0.99) : 0
  return {
    id: doc._id,
    kind: doc.kind,
    kindLabel: EXPORT_KIND_LABELS[doc.kind],
    from: doc.from,
    to: doc.to,
    fullPhone: doc.fullPhone,
    status: doc.status,
    statusLabel: EXPORT_STATUS_LABELS[doc.status],
    rows: doc.rows,
    total: doc.total,
    progress,
    fileName: doc.fileName,
    createdAt: new Date(doc.createdAt).toISOString(),
    finishedAt: doc.finishedAt ? new Date(doc.finishedAt).toISOString() : null,
    url,
    error: doc.error,
  }
}
