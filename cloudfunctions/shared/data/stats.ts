import type { DayLevels, DaySnapshot } from '../contract/statsFields'
import type { FlowsByStore, StoredDay } from '../domain/stats'
import type { MemberDoc } from '../domain/member'
import type { TicketDoc } from '../domain/ticket'
import type { Database } from '../runtime/cloud'
import type { Cursor } from './paging'
import { countOf, rowsOf } from './results'

/** Where a day's ledger walk stands between invocations: its cursor and the figures so far. */
export interface StatsProgress {
  day: string
  cursor: { at: Date; id: string } | null
  rows: number
  flows: FlowsByStore
}
/** A backfill's range and the next day to compute. */
export interface StatsBackfill {
  from: string
  to: string
  next: string
}
export interface StatsSettingsDoc {
  _id: 'stats'
  progress: StatsProgress | null
  backfill: StatsBackfill | null
}

const PAGE = 1000

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
    async save(docs: StoredDay[]): Promise<void> {
      await Promise.all(docs.map(({ _id, ...fields }) => days.doc(_id).set({ data: fields })))
    },
    async setSnapshot(ids: string[], snapshots: Array<DaySnapshot | null>): Promise<void> {
      await Promise.all(ids.map((id, index) => days.doc(id).update({ data: { snapshot: _.set(snapshots[index]) } })))
    },
    async settings(): Promise<StatsSettingsDoc> {
      const [doc] = await rowsOf<StatsSettingsDoc>(settings.where({ _id: 'stats' }).limit(1))
      return doc ?? { _id: 'stats', progress: null, backfill: null }
    },
    async saveSettings(doc: StatsSettingsDoc): Promise<void> {
      const { _id, ...fields } = doc
      await settings.doc(_id).set({ data: fields })
    },
  }
}

/** What the day's small collections contribute: each read through its own date index, one Beijing day wide. */
export function dayFactsRepo(db: Database) {
  const _ = db.command
  const within = (start: Date, end: Date) => _.and([_.gte(start), _.lt(end)])
  /**
   * Every match of a day's range, in pages, ordered by the date and `_id` so the (date, `_id`) index
   * answers it (a day's new members or closed tickets are a page or two; the offset stays small).
   */
  async function all<T extends { _id: string }>(collection: string, field: string, start: Date, end: Date, fields: Record<string, true>): Promise<T[]> {
    const found: T[] = []
    for (;;) {
      const page: T[] = await rowsOf<T>(
        db
          .collection(collection)
          .where({ [field]: within(start, end) })
          .orderBy(field, 'asc')
          .orderBy('_id', 'asc')
          .skip(found.length)
          .limit(PAGE)
          .field({ _id: true, ...fields }),
      )
      found.push(...page)
      if (page.length < PAGE) return found
    }
  }
  return {
    joined: (start: Date, end: Date) => all<{ _id: string; source?: { store?: string | null } }>('members', 'joinedAt', start, end, { source: true }),
    removed: (start: Date, end: Date) => all<{ _id: string; source?: { store?: string | null } }>('members', 'removedAt', start, end, { source: true }),
    erased: (start: Date, end: Date) => all<{ _id: string; source?: { store?: string | null }; removedAt?: Date | null }>('members', 'erasedAt', start, end, { source: true, removedAt: true }),
    signups: (start: Date, end: Date) => countOf(db.collection('signups').where({ signedUpAt: within(start, end) })),
    checkIns: (start: Date, end: Date) => all<{ _id: string; checkedInStore?: string | null }>('signups', 'checkedInAt', start, end, { checkedInStore: true }),
    ticketsOpened: (start: Date, end: Date) => countOf(db.collection('tickets').where({ createdAt: within(start, end) })),
    ticketsClosed: (start: Date, end: Date) =>
      all<Pick<TicketDoc, '_id' | 'breachedFirstResponse' | 'breachedResolution' | 'resolutions'>>('tickets', 'closedAt', start, end, {
        breachedFirstResponse: true,
        breachedResolution: true,
        resolutions: true,
      }),
    campaignSends: (start: Date, end: Date) => countOf(db.collection('deliveries').where({ sentAt: within(start, end), campaignId: _.neq(null) })),
    /** 流失预警's page: the segment's members, the most recently silent first (lastPurchaseAt_id). */
    churnMembers: (where: Record<string, unknown>, offset: number, limit: number) =>
      rowsOf<MemberDoc>(
        db
          .collection('members')
          .where(where)
          .orderBy('lastPurchaseAt', 'desc')
          .orderBy('_id', 'desc')
          .skip(offset)
          .limit(limit)
          .field({ _id: true, cardNo: true, profile: true, tier: true, seg: true, lastPurchaseAt: true }),
      ),
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
      const members = db.collection('members')
      const ofStore = store ? { 'source.store': store } : {}
      const [joined, removed, erased] = await Promise.all([
        countOf(members.where({ joinedAt: _.lt(end), ...ofStore })),
        countOf(members.where({ removedAt: _.lt(end), ...ofStore })),
        countOf(members.where({ erasedAt: _.lt(end), removedAt: _.eq(null), ...ofStore })),
      ])
      if (store) return { members: joined - removed - erased, outstandingPoints: null }
      const { list } = (await db
        .collection('ledger')
        .aggregate()
        .match({ createdAt: _.lt(end) })
        .group({ _id: null, sum: _.aggregate.sum('$delta') })
        .end()) as { list: Array<{ sum: number }> }
      return { members: joined - removed - erased, outstandingPoints: list[0]?.sum ?? 0 }
    },
  }
}

export type { Cursor }
