import { randomBytes } from 'node:crypto'
import type { ExportJob } from '../contract/staff'
import type { ExportKind } from '../contract/workspaceFields'
import { exportsRepo } from '../data/exports'
import { ledgerRepo } from '../data/ledger'
import { membersRepo } from '../data/members'
import { csvHead } from '../domain/csv'
import {
  EXPORT_LEASE_MS,
  EXPORT_MAX_FAILURES,
  exportFileName,
  exportPaths,
  exportWindow,
  isStalled,
  leaseFree,
  linkMsLeft,
  rangeProblem,
  sameRequest,
  toExportJob,
  type ExportDoc,
} from '../domain/exportJob'
import { EXPORT_HEADERS } from '../domain/exportRows'
import type { Database } from '../runtime/cloud'
import { AppError, invalidInput } from '../runtime/errors'
import { storage } from '../runtime/storage'
import { chunkLookups, readExportPage, type ChunkLookups } from './exportPages'
import { Budget, handOver } from './jobChunks'

/**
 * Exports as a chunked job. The start counts the rows (the progress bar's whole), writes the job and
 * runs a short first chunk, so a small export is done by the time the tap is answered; the rest goes
 * to fresh invocations of `exportChunk`. A chunk claims the job, then part by part reads pages from
 * the cursor, stores the part at its numbered path and only then counts it and moves the cursor, in
 * one conditional write. Cut off anywhere, the next chunk starts from the cursor the job holds and
 * writes the same part again over whatever was left there, so no row is in the file twice. When
 * every row is in a part, the parts are joined under one BOM and one header into the file.
 */

/** Pages per part: a part is stored and counted at once, so the progress bar moves a part at a time. */
const PART_PAGES = 5
/** A chunk's time for taking new pages, well inside the function's 60 s (the part in hand and the file's assembly come after). */
export const CHUNK_BUDGET_MS = 40_000
/** The start tap and a status poll run a short chunk themselves, and answer soon after. */
export const START_BUDGET_MS = 3_000
export const POLL_BUDGET_MS = 5_000
/** Jobs the export page lists. */
const RECENT_JOBS = 20
const EXPIRED_LINK = '下载链接已过期，请重新导出'
const FAILED = '导出失败，请重新导出'

export interface ExportRequest {
  kind: ExportKind
  from: string
  to: string
  fullPhone: boolean
  requestId: string
}

export interface ChunkOutcome {
  doc: ExportDoc | null
  /** Work is left for another chunk (this one ran out of budget). */
  left: boolean
}

export async function startExport(db: Database, request: ExportRequest, openid: string, now: Date, pageRows: number): Promise<ExportJob> {
  const problem = rangeProblem(request.from, request.to)
  if (problem) throw invalidInput([{ path: 'to', message: problem }])
  const repo = exportsRepo(db)
  const found = await repo.byId(request.requestId)
  if (found) return retried(found, request, now)
  const { startAt, endAt } = exportWindow(request.from, request.to, now)
  const doc: ExportDoc = {
    _id: request.requestId,
    kind: request.kind,
    from: request.from,
    to: request.to,
    fullPhone: request.fullPhone,
    startAt,
    endAt,
    status: 'running',
    total: await countRows(db, request.kind, startAt, endAt),
    rows: 0,
    parts: 0,
    cursor: null,
    walked: false,
    fileName: exportFileName(request.kind, request.from, request.to),
    fileId: null,
    lease: null,
    leaseUntil: null,
    failures: 0,
    rev: 0,
    error: null,
    createdAt: now,
    createdBy: openid,
    updatedAt: now,
    finishedAt: null,
  }
  const inserted = await repo.insert(doc)
  if (!inserted.inserted) {
    if (!inserted.existing) throw new AppError('CONFLICT')
    return retried(inserted.existing, request, now)
  }
  const chunk = await runExportChunk(db, doc._id, new Budget(START_BUDGET_MS), now, pageRows)
  await handOver('exportChunk', chunk.left, { id: doc._id, round: 0 }, 'staff')
  return viewOf(chunk.doc ?? doc, now)
}

/** One chunk of the job within `budget`; nothing when another chunk holds it or it is no longer running. */
export async function runExportChunk(db: Database, id: string, budget: Budget, now: Date, pageRows: number): Promise<ChunkOutcome> {
  const repo = exportsRepo(db)
  // Times written during the chunk move on with it; `now` is when it started.
  const at = () => new Date(now.getTime() + budget.elapsedMs())
  const found = await repo.byId(id)
  if (!found || found.status !== 'running' || !leaseFree(found, now)) return { doc: found, left: false }
  const lease = randomBytes(8).toString('hex')
  if (!(await repo.claim(id, found.rev, lease, new Date(now.getTime() + EXPORT_LEASE_MS), now))) return { doc: await repo.byId(id), left: false }
  let doc: ExportDoc = { ...found, lease, rev: found.rev + 1 }
  try {
    const shared = await chunkLookups(db, now)
    while (!doc.walked && budget.canTakeMore()) {
      const next = await writePart(db, doc, pageRows, shared, budget, at)
      // Another chunk took the job over (this one's claim lapsed): it carries on from the cursor.
      if (!next) return { doc: await repo.byId(id), left: false }
      doc = next
    }
    if (doc.walked && budget.canTakeMore()) {
      const fileId = await assemble(doc)
      const finishedAt = at()
      if (!(await repo.finish(id, lease, fileId, finishedAt))) return { doc: await repo.byId(id), left: false }
      return { doc: { ...doc, status: 'done', fileId, finishedAt, lease: null, leaseUntil: null }, left: false }
    }
    await repo.release(id, lease, at())
    return { doc: { ...doc, lease: null, leaseUntil: null }, left: true }
  } catch (error) {
    const failures = doc.failures + 1
    await repo.recordFailure(id, lease, failures, failures >= EXPORT_MAX_FAILURES ? FAILED : null, at())
    throw error
  }
}

/** The job as the page shows it. A stalled job (its hand-over lost, or its chunk dead) is run on by the poll that finds it. */
export async function exportStatus(db: Database, id: string, now: Date, pageRows: number): Promise<ExportJob> {
  let doc = await exportsRepo(db).byId(id)
  if (!doc) throw new AppError('NOT_FOUND', '导出任务不存在')
  if (isStalled(doc, now)) {
    const chunk = await runExportChunk(db, id, new Budget(POLL_BUDGET_MS), now, pageRows)
    doc = chunk.doc ?? doc
    // The chain starts again from here: the next chunk follows without waiting for the next poll.
    await handOver('exportChunk', chunk.left, { id, round: 0 }, 'staff')
  }
  return viewOf(doc, now)
}

export async function recentExports(db: Database, now: Date): Promise<ExportJob[]> {
  return Promise.all((await exportsRepo(db).recent(RECENT_JOBS)).map((doc) => viewOf(doc, now)))
}

async function writePart(db: Database, doc: ExportDoc, pageRows: number, shared: ChunkLookups, budget: Budget, at: () => Date): Promise<ExportDoc | null> {
  const part = doc.parts
  let text = ''
  let rows = 0
  let cursor = doc.cursor
  let walked = false
  for (let page = 0; page < PART_PAGES; page++) {
    const read = await readExportPage(db, doc, cursor, pageRows, shared)
    text += read.text
    rows += read.rows
    if (read.last) cursor = read.last
    if (read.fetched < pageRows) {
      walked = true
      break
    }
    if (!budget.canTakeMore()) break
  }
  // Pages of earn rows without an order (consumption records only) can leave nothing to store; the cursor still moves past them.
  const stored = text.length > 0
  if (stored) await storage().upload(exportPaths.part(doc._id, part), Buffer.from(text, 'utf8'))
  if (!(await exportsRepo(db).advance(doc._id, doc.lease!, part, { cursor, rows, walked, stored }, at()))) return null
  return { ...doc, parts: part + (stored ? 1 : 0), cursor, rows: doc.rows + rows, walked, failures: 0 }
}

/** The parts joined under one BOM and one header line; stored at the file's own path (a repeat overwrites it). */
async function assemble(doc: ExportDoc): Promise<string> {
  const files = storage()
  const parts = await Promise.all(Array.from({ length: doc.parts }, (_, part) => files.download(exportPaths.part(doc._id, part))))
  return files.upload(exportPaths.file(doc._id, doc.fileName), Buffer.concat([Buffer.from(csvHead(EXPORT_HEADERS[doc.kind]), 'utf8'), ...parts]))
}

function countRows(db: Database, kind: ExportKind, startAt: Date, endAt: Date): Promise<number> {
  if (kind === 'members') return membersRepo(db).countJoinedBetween(startAt, endAt)
  return ledgerRepo(db).countCreatedBetween(kind === 'orders' ? 'earn' : null, startAt, endAt, kind === 'orders')
}

/** A repeated start tap answers the job it made; the same id for a different export is refused. */
function retried(found: ExportDoc, request: ExportRequest, now: Date): Promise<ExportJob> {
  if (!sameRequest(found, request)) throw new AppError('IDEMPOTENCY_MISMATCH', '该请求编号已用于另一份导出')
  return viewOf(found, now)
}

/** The job as the page shows it, with a link while the file's is live. */
export async function viewOf(doc: ExportDoc, now: Date): Promise<ExportJob> {
  const msLeft = linkMsLeft(doc, now)
  if (doc.status === 'done' && msLeft === 0) return { ...toExportJob(doc, null), error: EXPIRED_LINK }
  return toExportJob(doc, msLeft > 0 ? await storage().tempUrl(doc.fileId!, msLeft) : null)
}
