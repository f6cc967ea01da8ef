import type { CampaignStatus } from '../contract/marketingFields'
import type { CampaignCounters, CampaignDoc } from '../domain/campaign'
import type { Database } from '../runtime/cloud'
import type { Cursor } from './paging'
import { rowsOf } from './results'

export function campaignsRepo(db: Database) {
  const collection = db.collection('campaigns')
  const _ = db.command
  return {
    async byId(id: string): Promise<CampaignDoc | null> {
      const [doc] = await rowsOf<CampaignDoc>(collection.where({ _id: id }).limit(1))
      return doc ?? null
    },
    /** Names by id, one round trip: the audit log names the campaigns its entries concern. */
    async namesOf(ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map()
      const rows = await rowsOf<Pick<CampaignDoc, '_id' | 'name'>>(
        collection
          .where({ _id: _.in(ids) })
          .field({ _id: true, name: true })
          .limit(ids.length),
      )
      return new Map(rows.map((row) => [row._id, row.name]))
    },
    async insert(doc: CampaignDoc): Promise<void> {
      await collection.add({ data: doc })
    },
    /**
     * The whole campaign, only if nobody changed it since `rev` was read; but never its walk's cursor,
     * counters or conversion: those move by their own writes (a page's advance, a purchase) without a
     * new `rev`, so a copy read a moment earlier would put them back.
     */
    async replaceIf(doc: CampaignDoc, rev: number): Promise<boolean> {
      const { _id, cursor, counters, conversion, ...fields } = doc
      const { stats } = (await collection.where({ _id, rev }).update({ data: wholeFields(db, fields) })) as { stats: { updated: number } }
      return stats.updated > 0
    },
    /** Newest first, by status or all, after the cursor (index status_createdAt / createdAt). */
    async page(status: CampaignStatus | undefined, after: Cursor | null, limit: number): Promise<CampaignDoc[]> {
      const base = status ? { status } : {}
      const where = after ? _.and([base, _.or([{ createdAt: _.lt(after.at) }, { createdAt: after.at, _id: _.lt(after.id) }])]) : base
      return rowsOf<CampaignDoc>(collection.where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit))
    },
    /** Campaigns the timer must look at: sending, or scheduled (index status_createdAt). */
    async active(limit: number): Promise<CampaignDoc[]> {
      return rowsOf<CampaignDoc>(
        collection
          .where({ status: _.in(['scheduled', 'sending']) })
          .orderBy('createdAt', 'asc')
          .limit(limit),
      )
    },
    /** One sender at a time: the lease is taken only when free (or expired) and the campaign still sending. */
    async takeLease(id: string, rev: number, until: Date, now: Date, afterCrash: boolean): Promise<boolean> {
      const data = { leaseUntil: until, rev: rev + 1, updatedAt: now, ...(afterCrash ? { recount: true } : {}) }
      const { stats } = (await collection.where({ _id: id, rev, status: 'sending' }).update({ data })) as { stats: { updated: number } }
      return stats.updated > 0
    },
    /** A page done: the cursor moves and its outcomes are added, in one write. */
    async advance(id: string, cursor: string, counts: Partial<CampaignCounters>, now: Date): Promise<void> {
      const increments = Object.fromEntries(
        Object.entries(counts)
          .filter(([, n]) => n)
          .map(([key, n]) => [`counters.${key}`, _.inc(n as number)]),
      )
      await collection.doc(id).update({ data: { cursor, ...increments, updatedAt: now } })
    },
    async finishIfSending(id: string, now: Date): Promise<boolean> {
      const { stats } = (await collection
        .where({ _id: id, status: 'sending' })
        .update({ data: { status: 'done', finishedAt: now, leaseUntil: null, waitingUntil: null, updatedAt: now, rev: _.inc(1) } })) as {
        stats: { updated: number }
      }
      return stats.updated > 0
    },
    async releaseLease(id: string, waitingUntil: Date | null, now: Date): Promise<void> {
      await collection.doc(id).update({ data: { leaseUntil: null, waitingUntil, updatedAt: now } })
    },
    /** The outcomes as the deliveries record them, replacing the counted ones (opens are kept). */
    async setCounters(id: string, counts: Omit<CampaignCounters, 'opened'>): Promise<void> {
      await collection.doc(id).update({ data: Object.fromEntries(Object.entries(counts).map(([key, n]) => [`counters.${key}`, n])) })
    },
    /** Outcomes decided after the page (a retried send that finally went, or failed). */
    async count(id: string, counts: Partial<CampaignCounters>): Promise<void> {
      const increments = Object.fromEntries(
        Object.entries(counts)
          .filter(([, n]) => n)
          .map(([key, n]) => [`counters.${key}`, _.inc(n as number)]),
      )
      if (Object.keys(increments).length) await collection.doc(id).update({ data: increments })
    },
    async countOpened(id: string): Promise<void> {
      await collection.doc(id).update({ data: { 'counters.opened': _.inc(1) } })
    },
    /** A purchase within the window of a member's message (or holdout): added to that group's conversion. */
    async countConversion(id: string, group: 'recipients' | 'holdout', spendFen: number): Promise<void> {
      await collection.doc(id).update({ data: { [`conversion.${group}.purchases`]: _.inc(1), [`conversion.${group}.spendFen`]: _.inc(spendFen) } })
    },
  }
}

/** Objects and arrays replaced whole, not merged: the campaign's texts, filter and coupon are values. */
function wholeFields(db: Database, fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value !== null && typeof value === 'object' && !(value instanceof Date) ? db.command.set(value) : value]))
}
