import type { BirthdayPerkMark } from '../domain/birthdayPerk'
import type { ExportedMember } from '../domain/exportRows'
import type { MemberDoc } from '../domain/member'
import type { Database } from '../runtime/cloud'
import { isDuplicateKeyError } from './errors'
import { countOf, rowsOf } from './results'
import { allWithin, type Cursor } from './paging'
import { getOrNull, type Transaction } from './transaction'

interface SubPipeline {
  match(filter: object): SubPipeline
  sort(order: object): SubPipeline
  limit(n: number): SubPipeline
  project(fields: object): SubPipeline
  done(): unknown
}

/**
 * The fields a member's own edits and staff corrections set: the profile (dotted paths) and the
 * notice last seen. Points, lots, activity and tier are not among them: they change only through a
 * Decision (data/applyDecision), beside their ledger row.
 */
export type ProfileFields = { [field: `profile.${string}`]: unknown } & { noticeSeenVersion?: number }

/** Inside a transaction: the member as the decision will see it. */
export function memberIn(transaction: Transaction, openid: string): Promise<MemberDoc | null> {
  return getOrNull<MemberDoc>(transaction, 'members', openid)
}

/** The fields of ExportedMember (domain/exportRows). */
const EXPORTED_MEMBER_FIELDS = {
  _id: true,
  cardNo: true,
  profile: true,
  tier: true,
  pointsBalance: true,
  lifetimePoints: true,
  source: true,
  tags: true,
  joinedAt: true,
  lastPurchaseAt: true,
  removedAt: true,
}

export type InsertOutcome = { kind: 'inserted' } | { kind: 'exists'; member: MemberDoc } | { kind: 'cardNo-taken' }

export function membersRepo(db: Database) {
  const collection = db.collection('members')
  const _ = db.command
  return {
    /** Just what tier decisions read, `_id` order, for sweeps over every member (preview, publish). */
    async tierFactsAfter(afterId: string | null, limit: number): Promise<Array<Pick<MemberDoc, '_id' | 'tier' | 'tierSince' | 'tierUntil' | 'activity'>>> {
      const query = afterId === null ? collection.where({}) : collection.where({ _id: _.gt(afterId) })
      return rowsOf(query.orderBy('_id', 'asc').limit(limit).field({ _id: true, tier: true, tierSince: true, tierUntil: true, activity: true }))
    },
    /** Members whose tier hold has ended: the daily evaluation's indexed query. */
    async dueIdsForTierEvaluation(now: Date, limit: number): Promise<string[]> {
      const rows = await rowsOf<{ _id: string }>(
        collection
          .where({ tierUntil: _.lte(now) })
          .orderBy('tierUntil', 'asc')
          .limit(limit)
          .field({ _id: true }),
      )
      return rows.map((row) => row._id)
    },
    async byCardNo(cardNo: string): Promise<MemberDoc | null> {
      const [member] = await rowsOf<MemberDoc>(collection.where({ cardNo }).limit(1))
      return member ?? null
    },
    /** Members with a lot due at `now`, oldest due first: the expiry job's indexed query. */
    async dueForExpiry(now: Date, limit: number): Promise<MemberDoc[]> {
      return rowsOf<MemberDoc>(
        collection
          .where({ nextExpiryAt: _.lte(now) })
          .orderBy('nextExpiryAt', 'asc')
          .limit(limit),
      )
    },
    /** Members in `_id` order after `afterId`, for jobs that walk everyone in chunks. */
    async pageAfter(afterId: string | null, limit: number): Promise<MemberDoc[]> {
      const query = afterId === null ? collection.where({}) : collection.where({ _id: _.gt(afterId) })
      return rowsOf<MemberDoc>(query.orderBy('_id', 'asc').limit(limit))
    },
    /** What an export's members spreadsheet shows of each member (see domain/exportRows). */
    async joinedBetween(startAt: Date, endAt: Date, after: Cursor | null, limit: number): Promise<ExportedMember[]> {
      const page = (query: ReturnType<typeof collection.where>) => rowsOf<ExportedMember>(query.orderBy('joinedAt', 'asc').orderBy('_id', 'asc').limit(limit).field(EXPORTED_MEMBER_FIELDS))
      if (!after) return page(collection.where({ joinedAt: _.and([_.gte(startAt), _.lt(endAt)]) }))
      // Members who joined in the cursor's own millisecond after it, then those after that instant: two plain ranges on (joinedAt, _id), no $or.
      const [ties, later] = await Promise.all([
        // Ordered by joinedAt too (fixed here): the (joinedAt, _id) index answers it, not a walk of the _id index.
        page(collection.where({ joinedAt: after.at, _id: _.gt(after.id) })),
        page(collection.where({ joinedAt: _.and([_.gt(after.at), _.lt(endAt)]) })),
      ])
      return [...ties, ...later].slice(0, limit)
    },
    async countJoinedBetween(startAt: Date, endAt: Date): Promise<number> {
      return countOf(collection.where({ joinedAt: _.and([_.gte(startAt), _.lt(endAt)]) }))
    },
    /** Card number, name and phone of each member named (at most 1,000), in one round trip: who a ledger or order line is about. */
    async identitiesOf(openids: readonly string[]): Promise<Map<string, { cardNo: string; name: string; phone: string | null }>> {
      if (openids.length === 0) return new Map()
      const rows = await rowsOf<Pick<MemberDoc, '_id' | 'cardNo' | 'profile'>>(
        collection
          .where({ _id: _.in([...openids]) })
          .limit(openids.length)
          .field({ _id: true, cardNo: true, 'profile.name': true, 'profile.phone': true }),
      )
      return new Map(rows.map((row) => [row._id, { cardNo: row.cardNo, name: row.profile?.name ?? '', phone: row.profile?.phone ?? null }]))
    },
    /**
     * The store a join code names and the referring member's card number, in one round trip: an
     * aggregate over `stores` that looks the referrer up in `members`. An unknown or closed store
     * answers nothing at all, so a referrer only counts through an open store's code.
     */
    async joinSource(storeId: string, referrerCardNo: string | null): Promise<{ store: { _id: string; name: string } | null; referrerCardNo: string | null }> {
      // The SDK has `aggregate.pipeline()` for lookup sub-pipelines, but its typings leave it out.
      const $ = _.aggregate as unknown as { pipeline(): SubPipeline }
      let pipeline = db.collection('stores').aggregate().match({ _id: storeId }).limit(1)
      if (referrerCardNo) {
        pipeline = pipeline.lookup({
          from: 'members',
          pipeline: $.pipeline().match({ cardNo: referrerCardNo }).limit(1).project({ _id: 0, cardNo: 1, removedAt: 1 }).done(),
          as: 'referrers',
        })
      }
      const { list } = (await pipeline.project({ name: 1, closed: 1, referrers: 1 }).end()) as {
        list: Array<{ _id: string; name?: string; closed?: boolean; referrers?: Array<{ cardNo: string; removedAt?: unknown }> }>
      }
      const [store] = list
      if (!store || store.closed) return { store: null, referrerCardNo: null }
      const referrer = store.referrers?.find((candidate) => !candidate.removedAt)
      return { store: { _id: store._id, name: store.name ?? store._id }, referrerCardNo: referrer?.cardNo ?? null }
    },
    /** Sets profile fields (dotted paths) or the notice seen; false when there is no such member. */
    async setFields(openid: string, fields: ProfileFields): Promise<boolean> {
      const { stats } = (await collection.doc(openid).update({ data: fields })) as { stats: { updated: number } }
      return stats.updated > 0
    },
    /**
     * The member with the name of their shop, in one round trip: the store they joined at, else
     * the shop's first store (a member who joined without a store's code). `null` when not a member.
     */
    async byOpenidWithShop(openid: string): Promise<{ member: MemberDoc; shopName: string | null } | null> {
      const $ = _.aggregate as unknown as { pipeline(): SubPipeline }
      const { list } = (await collection
        .aggregate()
        .match({ _id: openid })
        .limit(1)
        .lookup({ from: 'stores', localField: 'source.store', foreignField: '_id', as: 'homeStores' })
        .lookup({ from: 'stores', pipeline: $.pipeline().match({}).sort({ _id: 1 }).limit(1).project({ name: 1 }).done(), as: 'firstStores' })
        .end()) as { list: Array<MemberDoc & { homeStores?: Array<{ name?: string }>; firstStores?: Array<{ name?: string }> }> }
      const [found] = list
      if (!found) return null
      const { homeStores, firstStores, ...member } = found
      return { member: member as MemberDoc, shopName: homeStores?.[0]?.name ?? firstStores?.[0]?.name ?? null }
    },
    /** One round trip; a missing member is `null`, not an error. */
    /** Members who joined from an activity's share link. */
    async joinedVia(activityId: string): Promise<number> {
      return countOf(collection.where({ 'source.activity': activityId }))
    },
    /** Members by OPENID, one round trip per 100 (a roster page, an evaluation). */
    async byOpenids(openids: readonly string[]): Promise<Map<string, MemberDoc>> {
      const found = new Map<string, MemberDoc>()
      for (let start = 0; start < openids.length; start += 100) {
        const chunk = openids.slice(start, start + 100)
        for (const member of await rowsOf<MemberDoc>(collection.where({ _id: db.command.in(chunk) }).limit(chunk.length))) found.set(member._id, member)
      }
      return found
    },
    async byOpenid(openid: string): Promise<MemberDoc | null> {
      const [member] = await rowsOf<MemberDoc>(collection.where({ _id: openid }).limit(1))
      return member ?? null
    },
    /**
     * Inserts keyed by OPENID, so a second join can never create a second member. A duplicate key
     * is either that (the member exists) or a card-number clash, which the caller retries.
     */
    async insert(doc: MemberDoc): Promise<InsertOutcome> {
      const { _id, ...fields } = doc
      try {
        await collection.add({ data: { _id, ...fields } })
        return { kind: 'inserted' }
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error
        const [member] = await rowsOf<MemberDoc>(collection.where({ _id }).limit(1))
        return member ? { kind: 'exists', member } : { kind: 'cardNo-taken' }
      }
    },
    /**
     * The `_id`s of members with a lot due at `now`, oldest due first, up to `limit` (an aggregate
     * answers up to 10,000; get() stops at 1,000). The expiry job takes one such list per run and
     * re-reads each member inside its own transaction, so the index range is walked once per run
     * rather than once per page.
     */
    async dueIdsForExpiry(now: Date, limit: number): Promise<string[]> {
      const { list } = (await collection
        .aggregate()
        .match({ nextExpiryAt: _.lte(now) })
        .sort({ nextExpiryAt: 1 })
        .limit(limit)
        .project({ _id: 1 })
        .end()) as { list: Array<{ _id: string }> }
      return list.map((entry) => entry._id)
    },
    /** Up to `limit` member `_id`s after `afterId` in `_id` order: the boundaries jobs walk everyone by. */
    async idsAfter(afterId: string | null, limit: number): Promise<string[]> {
      const { list } = (await collection
        .aggregate()
        .match(afterId === null ? {} : { _id: _.gt(afterId) })
        .sort({ _id: 1 })
        .limit(limit)
        .project({ _id: 1 })
        .end()) as { list: Array<{ _id: string }> }
      return list.map((entry) => entry._id)
    },
    /** Members with `firstId ≤ _id ≤ lastId` (at most 1,000), in `_id` order: a range bounded on both sides. */
    async between(firstId: string, lastId: string): Promise<Array<Pick<MemberDoc, '_id' | 'cardNo' | 'pointsBalance' | 'pointLots'>>> {
      const query = collection
        .where(_.and([{ _id: _.gte(firstId) }, { _id: _.lte(lastId) }]))
        .orderBy('_id', 'asc')
        .limit(1000)
      return rowsOf(query.field({ _id: true, cardNo: true, pointsBalance: true, pointLots: true }))
    },
    /**
     * Members whose birthday falls on one of `monthDays`, after `afterId` in `_id` order: `_id`s only,
     * at most `limit` (≤ 1,000, a get()'s cap). Each month-day is its own walk of the
     * (profile.birthdayMD, _id) index, bounded by the cursor and stopping at the page, so a run
     * resuming from its cursor looks only at members it has not reached. On 28 February of a common
     * year the two walks (28th and 29th) are merged in `_id` order.
     */
    async birthdayIdsAfter(monthDays: string[], afterId: string | null, limit: number): Promise<string[]> {
      const pages = await Promise.all(
        monthDays.map(async (monthDay) => {
          const filter: Record<string, unknown> = { 'profile.birthdayMD': monthDay }
          if (afterId !== null) filter._id = _.gt(afterId)
          // Sorting by the index's own key pattern (the month-day is fixed, so this is `_id` order) lets the walk stop at the page.
          return rowsOf<{ _id: string }>(collection.where(filter).orderBy('profile.birthdayMD', 'asc').orderBy('_id', 'asc').limit(limit).field({ _id: true }))
        }),
      )
      const ids = pages.flat().map((row) => row._id)
      return (pages.length > 1 ? ids.sort() : ids).slice(0, limit)
    },
    /** The card's birthday banner facts: the member's last perk mark (one read, just that field). */
    async lastPerkOf(openid: string): Promise<BirthdayPerkMark | null> {
      const [member] = await rowsOf<{ lastBirthdayPerk?: BirthdayPerkMark | null }>(collection.where({ _id: openid }).limit(1).field({ lastBirthdayPerk: true }))
      return member?.lastBirthdayPerk ?? null
    },
  }
}

type WithStore = { _id: string; source?: { store?: string | null } }

/** What the daily statistics and the churn watch read of the members: a day's joins and leavers, counts, one segment's page. */
export function memberStatsRepo(db: Database) {
  const collection = db.collection('members')
  const _ = db.command
  return {
    joinedWithin: (start: Date, end: Date) => allWithin<WithStore>(db, collection, 'joinedAt', start, end, { source: true }),
    removedWithin: (start: Date, end: Date) => allWithin<WithStore>(db, collection, 'removedAt', start, end, { source: true }),
    erasedWithin: (start: Date, end: Date) => allWithin<WithStore & { removedAt?: Date | null }>(db, collection, 'erasedAt', start, end, { source: true, removedAt: true }),
    /** Members at the end of `end`'s day (of one home store, or all): joined before it, less those removed or erased before it. */
    async countAt(store: string | null, end: Date): Promise<number> {
      const ofStore = store ? { 'source.store': store } : {}
      const [joined, removed, erased] = await Promise.all([
        countOf(collection.where({ joinedAt: _.lt(end), ...ofStore })),
        countOf(collection.where({ removedAt: _.lt(end), ...ofStore })),
        countOf(collection.where({ erasedAt: _.lt(end), removedAt: _.eq(null), ...ofStore })),
      ])
      return joined - removed - erased
    },
    /** A segment's members, the most recently silent first (lastPurchaseAt_id), `limit` from `offset`. */
    churnPage: (where: Record<string, unknown>, offset: number, limit: number) =>
      rowsOf<MemberDoc>(
        collection
          .where(where)
          .orderBy('lastPurchaseAt', 'desc')
          .orderBy('_id', 'desc')
          .skip(offset)
          .limit(limit)
          .field({ _id: true, cardNo: true, profile: true, tier: true, seg: true, lastPurchaseAt: true }),
      ),
  }
}
