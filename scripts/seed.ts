import type { EmulatedDatabase } from '../emulator/database'
import type { Outbox } from '../emulator/openapi/outbox'
import type { StatsRunReport } from '../cloudfunctions/shared/contract/stats'
import { MAX_RANGE_DAYS } from '../cloudfunctions/shared/contract/statsFields'
import { shopDate } from '../cloudfunctions/shared/domain/calendar'
import { daysBefore, previousDay } from '../cloudfunctions/shared/domain/stats'
import { demoData } from './demoData'

/** Seeds the demo shop into an empty database; a database that has members is left alone. */
export function seedIfEmpty(db: EmulatedDatabase, now: Date): boolean {
  if (db.find('members').length > 0 || db.find('staff').length > 0) return false
  for (const [collection, docs] of Object.entries(demoData(now))) db.insertMany(collection, docs)
  return true
}

/** What seedStats needs of the local cloud: its database, its clock, and calling a function as the server (the timers' identity). */
interface StatsCloud {
  db: Pick<EmulatedDatabase, 'find'>
  now(): Date
  call(name: string, data: unknown, identity?: object): Promise<unknown>
  /** Whether a function's hand-over to a fresh invocation is run (npm start) or only recorded (tests). */
  followReinvocations: boolean
}

/** The demo's statistics: the days the stats job computed, and how long it took. */
export interface SeededStats {
  from: string
  to: string
  /** Whether this morning's classification ran (from 01:00 Beijing time), so yesterday has its snapshot. */
  classified: boolean
  classifyMs: number
  elapsedMs: number
}

/** A backfill the seed started and a stop cut short (its settings still name the range): the next start finishes it. */
export function statsBackfillPending(db: Pick<EmulatedDatabase, 'find'>): boolean {
  return Boolean((db.find('settings', { _id: 'stats' })[0] as { backfill?: unknown } | undefined)?.backfill)
}

const POLL_MS = 500
const BACKFILL_PATIENCE_MS = 15 * 60_000

/**
 * After seedIfEmpty, so that 数据 opens on 12 months of figures: this morning's classification
 * (marketing.tick, as its timer runs it from 01:00 Beijing time; it tallies the members' snapshot
 * the statistics attach to yesterday), then stats.backfill over the 365 days up to yesterday. The
 * backfill hands what is left to a fresh invocation as in WeChat cloud: where the cloud follows
 * hand-overs (npm start) this waits until the job's settings say it is done; where it only records
 * them (tests) it calls again, each run resuming where the last stopped. Before 01:00 the
 * classification is the timer's, and yesterday's snapshot follows at the stats timer's next run.
 */
export async function seedStats(cloud: StatsCloud): Promise<SeededStats> {
  const startedAt = Date.now()
  const server = async <T>(fn: string, action: string, payload: object): Promise<T> => {
    const answer = (await cloud.call(fn, { action, payload }, {})) as { ok: boolean; data?: T; error?: { code: string; message: string } }
    if (!answer.ok) throw new Error(`seed: ${fn}.${action} failed: ${answer.error?.code} ${answer.error?.message}`)
    return answer.data as T
  }
  const tick = await server<{ rfm: { done: boolean } | null; left: boolean }>('marketing', 'tick', {})
  const classifyMs = Date.now() - startedAt
  const to = previousDay(shopDate(cloud.now()))
  const from = daysBefore(to, Math.min(365, MAX_RANGE_DAYS) - 1)
  let report = await server<StatsRunReport>('stats', 'backfill', { from, to })
  if (cloud.followReinvocations) {
    while (report.left && statsBackfillPending(cloud.db)) {
      if (Date.now() - startedAt > BACKFILL_PATIENCE_MS) throw new Error('seed: the statistics backfill did not finish within 15 minutes')
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  } else for (let round = 0; report.left && round < 100; round++) report = await server<StatsRunReport>('stats', 'backfill', { from, to })
  return { from, to, classified: tick.rfm?.done ?? false, classifyMs, elapsedMs: Date.now() - startedAt }
}

/**
 * WeChat keeps each person's one-time consents across our restarts; the emulator's outbox lives in
 * memory. On start it is given back what the database counted (members' and staff's
 * `messaging.consent`), so the demo's subscribed members can receive what the product would send.
 */
export function restoreConsentQuotas(db: EmulatedDatabase, outbox: Outbox): number {
  let granted = 0
  for (const collection of ['members', 'staff']) {
    for (const doc of db.find(collection) as Array<{ _id: string; messaging?: { consent?: Record<string, number> } }>) {
      for (const [templateId, count] of Object.entries(doc.messaging?.consent ?? {})) {
        const missing = count - outbox.quota(doc._id, templateId)
        if (missing > 0) outbox.grant(doc._id, Array(missing).fill(templateId))
        granted += Math.max(0, missing)
      }
    }
  }
  return granted
}
