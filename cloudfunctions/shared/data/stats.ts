import type { DayLevels, DaySnapshot } from '../contract/statsFields'
import type { FlowsByStore, StoredDay } from '../domain/stats'
import type { TicketDoc } from '../domain/ticket'
import type { Database } from '../runtime/cloud'
import type { Cursor } from './paging'
import { ledgerRepo } from './ledger'
import { memberStatsRepo } from './members'
import { allWithin } from './paging'
import { rowsOf } from './results'

/**
 * Where a walk over `[from, to]` stands between invocations: the ledger cursor, the day being
 * summed (days before it are written) and its figures so far. One document per range, so the
 * hourly run and a backfill never share one.
 */
export interface StatsProgress {
  _id: string
  from: string
  to: string
  day: string
  cursor: { at: Date; id: string } | null
  flows: FlowsByStore
}
/** A backfill under way (npm start waits on it). */
export interface StatsSettingsDoc {
  _id: 'stats'
  backfill: { from: string; to: string } | null
}

const PAGE = 1000

export const progressId = (from: string, to: string) => `stats-run:${from}:${to}`

/** stats_daily (one document per Beijing day and store) and the job's own settings document. */
export function statsRepo(db: Database) {
  const days = db.collection('stats_daily')
  const settings = db.collection('settings')
  const _ = db.command
  return {
    /** One store's days within `[from, to]`, oldest first: one round trip up to 1000 days. */
    async range(store: string, from: string, to: string): Promise<StoredDay[]> {
      return rowsOf<StoredDay>(
        days
          .where({ store, day: _.and([_.gte(from), _.lte(to)]) })
          .orderBy('day', 'asc')
          .limit(PAGE),
      )
    },
    /** The whole shop's latest computed day (null: none). */
    async latest(store: string): Promise<StoredDay | null> {
      const [doc] = await rowsOf<StoredDay>(
        days
          .where({ store, day: _.gte('') })
          .orderBy('day', 'desc')
          .limit(1),
      )
      return doc ?? null
    },
    /** Each document replaced whole, 50 writes in flight at a time. */
    async save(docs: StoredDay[]): Promise<void> {
      for (let from = 0; from < docs.length; from += 50) await Promise.all(docs.slice(from, from + 50).map(({ _id, ...fields }) => days.doc(_id).set({ data: fields })))
    },
    async setSnapshot(ids: string[], snapshots: Array<DaySnapshot | null>): Promise<void> {
      await Promise.all(ids.map((id, index) => days.doc(id).update({ data: { snapshot: _.set(snapshots[index]) } })))
    },
    async settings(): Promise<StatsSettingsDoc> {
      const [doc] = await rowsOf<StatsSettingsDoc>(settings.where({ _id: 'stats' }).limit(1))
      return doc ?? { _id: 'stats', backfill: null }
    },
    async saveSettings(doc: StatsSettingsDoc): Promise<void> {
      const { _id, ...fields } = doc
      await settings.doc(_id).set({ data: fields })
    },
    async progress(from: string, to: string): Promise<StatsProgress | null> {
      const [doc] = await rowsOf<StatsProgress>(settings.where({ _id: progressId(from, to) }).limit(1))
      return doc ?? null
    },
    async saveProgress(progress: StatsProgress): Promise<void> {
      const { _id, ...fields } = progress
      await settings.doc(_id).set({ data: fields })
    },
    async clearProgress(from: string, to: string): Promise<void> {
      await settings.where({ _id: progressId(from, to) }).remove()
    },
  }
}

/** What the days' small collections contribute: each read through its own (date, `_id`) index over the days computed. */
export function dayFactsRepo(db: Database) {
  const _ = db.command
  const members = memberStatsRepo(db)
  return {
    joined: (start: Date, end: Date) => members.joinedWithin(start, end),
    removed: (start: Date, end: Date) => members.removedWithin(start, end),
    erased: (start: Date, end: Date) => members.erasedWithin(start, end),
    signups: (start: Date, end: Date) => allWithin<{ _id: string; signedUpAt: Date }>(db, db.collection('signups'), 'signedUpAt', start, end, {}),
    checkIns: (start: Date, end: Date) =>
      allWithin<{ _id: string; checkedInAt: Date; checkedInStore?: string | null }>(db, db.collection('signups'), 'checkedInAt', start, end, { checkedInStore: true }),
    ticketsOpened: (start: Date, end: Date) => allWithin<{ _id: string; createdAt: Date }>(db, db.collection('tickets'), 'createdAt', start, end, {}),
    ticketsClosed: (start: Date, end: Date) =>
      allWithin<Pick<TicketDoc, '_id' | 'closedAt' | 'breachedFirstResponse' | 'breachedResolution' | 'resolutions'>>(db, db.collection('tickets'), 'closedAt', start, end, {
        breachedFirstResponse: true,
        breachedResolution: true,
        resolutions: true,
      }),
    /** Every message sent in the range (a campaign's have a campaignId): one examined per send. */
    sends: (start: Date, end: Date) => allWithin<{ _id: string; sentAt: Date; campaignId: string | null }>(db, db.collection('deliveries'), 'sentAt', start, end, { campaignId: true }),
    churnMembers: (where: Record<string, unknown>, offset: number, limit: number) => members.churnPage(where, offset, limit),
    /** The members' tickets, newest first (a page of members' worth): the churn list shows each one's latest. */
    latestTickets: (openids: string[]) =>
      rowsOf<Pick<TicketDoc, '_id' | 'openid' | 'category' | 'status' | 'createdAt' | 'resolutions'>>(
        db
          .collection('tickets')
          .where({ openid: _.in(openids) })
          .orderBy('createdAt', 'desc')
          .limit(100)
          .field({ _id: true, openid: true, category: true, status: true, createdAt: true, resolutions: true }),
      ),
    /** The levels of a store at the end of a day, counted from the members and the ledger: used only where the chain of days breaks. */
    async countedLevels(store: string | null, end: Date): Promise<Omit<DayLevels, 'liabilityFen'>> {
      const [count, outstanding] = await Promise.all([members.countAt(store, end), store ? null : ledgerRepo(db).sumBefore(end)])
      return { members: count, outstandingPoints: outstanding }
    },
  }
}

export type { Cursor }
