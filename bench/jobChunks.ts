import type { LocalCloud } from '../local/cloud'
import type { Envelope } from '../cloudfunctions/shared/contract/errors'

/** One invocation of a job: how long it took, how many members it served, documents it examined. */
export interface Chunk {
  seconds: number
  members: number
  examined: number
}

/**
 * Runs a `jobs` action again and again, as its hand-overs would, until `payload` says stop (null),
 * timing each invocation against the timer's timeout.
 */
export async function runChunks<R>(
  cloud: LocalCloud,
  action: string,
  payload: (previous: R | null) => Record<string, unknown> | null,
  count: (report: R) => number,
): Promise<{ chunks: Chunk[]; reports: R[] }> {
  const chunks: Chunk[] = []
  const reports: R[] = []
  let previous: R | null = null
  for (let next = payload(previous); next; next = payload(previous)) {
    const examinedBefore = cloud.db.stats().examined
    const started = process.hrtime.bigint()
    const envelope = (await cloud.call('jobs', { action, payload: next }, {})) as Envelope<R>
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    if (!envelope.ok) throw new Error(`jobs.${action} failed: ${envelope.error.code} ${envelope.error.message}`)
    previous = envelope.data
    reports.push(envelope.data)
    chunks.push({ seconds, members: count(envelope.data), examined: cloud.db.stats().examined - examinedBefore })
  }
  return { chunks, reports }
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits))
