import type { LedgerKind } from '../contract/enums'
import type { LedgerRow } from '../domain/ledger'
import type { Database } from '../runtime/cloud'
import type { Cursor } from './paging'
import { countOf, rowsOf } from './results'

/** Rows are made by domain/ledger's factory and appended only by applyDecision; this module reads them. */
export type { LedgerRow } from '../domain/ledger'

export function ledgerRepo(db: Database) {
  const collection = db.collection('ledger')
  return {
    async byId(id: string): Promise<LedgerRow | null> {
      const [row] = await rowsOf<LedgerRow>(collection.where({ _id: id }).limit(1))
      return row ?? null
    },
    /** Rows by key, in one round trip; missing keys are absent from the map. */
    async byIds(ids: string[]): Promise<Map<string, LedgerRow>> {
      const rows = await rowsOf<LedgerRow>(collection.where({ _id: db.command.in(ids) }).limit(ids.length))
      return new Map(rows.map((row) => [row._id, row]))
    },
    /** A member's movements, newest first, `limit` at a time, filtered by kinds. One round trip. */
    async page(openid: string, options: { kinds?: readonly LedgerKind[]; before?: { createdAt: Date; id: string }; limit: number }): Promise<LedgerRow[]> {
      const _ = db.command
      const filter: Record<string, unknown> = { openid }
      if (options.kinds) filter.kind = _.in([...options.kinds])
      const before = options.before
      const query = before ? collection.where(_.and([filter, _.or([{ createdAt: _.lt(before.createdAt) }, { createdAt: before.createdAt, _id: _.lt(before.id) }])])) : collection.where(filter)
      return rowsOf<LedgerRow>(query.orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(options.limit))
    },
    /** A member's order rows (earn rows carrying an order) within `[from, to)`: the spend around an activity. */
    async ordersBetween(openid: string, from: Date, to: Date): Promise<LedgerRow[]> {
      const _ = db.command
      const rows = await rowsOf<LedgerRow>(collection.where({ openid, kind: 'earn', createdAt: _.and([_.gte(from), _.lt(to)]) }).limit(1000))
      return rows.filter((row) => row.order !== undefined)
    },
    /**
     * Rows made within `[startAt, endAt)` after the cursor, in (createdAt, `_id`) order: every row, or
     * one kind (the earn rows that hold consumption records), on createdAt_id / kind_createdAt_id.
     */
    async createdBetween(kind: LedgerKind | null, startAt: Date, endAt: Date, after: Cursor | null, limit: number): Promise<LedgerRow[]> {
      const _ = db.command
      const of = (filter: Record<string, unknown>) => collection.where(kind ? { kind, ...filter } : filter)
      const page = (filter: Record<string, unknown>) => rowsOf<LedgerRow>(of(filter).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(limit))
      if (!after) return page({ createdAt: _.and([_.gte(startAt), _.lt(endAt)]) })
      // Rows of the cursor's own millisecond after it, then those after that instant: two plain index ranges, no $or.
      const [ties, later] = await Promise.all([
        // Ordered by createdAt too (fixed here): the (createdAt, _id) index answers it, not a walk of the _id index.
        page({ createdAt: after.at, _id: _.gt(after.id) }),
        page({ createdAt: _.and([_.gt(after.at), _.lt(endAt)]) }),
      ])
      return [...ties, ...later].slice(0, limit)
    },
    /** Rows within `[startAt, endAt)`, of one kind if given, only those carrying an order if asked. */
    async countCreatedBetween(kind: LedgerKind | null, startAt: Date, endAt: Date, ordersOnly: boolean): Promise<number> {
      const _ = db.command
      const filter: Record<string, unknown> = { createdAt: _.and([_.gte(startAt), _.lt(endAt)]) }
      if (kind) filter.kind = kind
      if (ordersOnly) filter['order.orderNo'] = _.exists(true)
      return countOf(collection.where(filter))
    },
    /** Σ delta of every row before `end`: the points outstanding then (the statistics count it once, where their chain of days starts). */
    async sumBefore(end: Date): Promise<number> {
      const _ = db.command
      const { list } = (await collection
        .aggregate()
        .match({ createdAt: _.lt(end) })
        .group({ _id: null, sum: _.aggregate.sum('$delta') })
        .end()) as { list: Array<{ sum: number }> }
      return list[0]?.sum ?? 0
    },
    /** Σ delta per member, for reconciliation. One round trip per call. */
    async sumsFor(openids: string[]): Promise<Map<string, number>> {
      const _ = db.command
      const $ = _.aggregate
      const { list } = (await collection
        .aggregate()
        .match({ openid: _.in(openids) })
        .group({ _id: '$openid', sum: $.sum('$delta') })
        .limit(openids.length + 1)
        .end()) as { list: Array<{ _id: string; sum: number }> }
      return new Map(list.map((entry) => [entry._id, entry.sum]))
    },
    /**
     * Σ delta per member for every openid in `[firstOpenid, lastOpenid]`: one aggregate over an index
     * range, bounded on both sides, for reconciliation walking members in `_id` order. A range
     * instead of `$in` keeps the match cheap for thousands of members at once.
     */
    async sumsBetween(firstOpenid: string, lastOpenid: string, limit: number): Promise<Map<string, number>> {
      const _ = db.command
      const $ = _.aggregate
      const { list } = (await collection
        .aggregate()
        .match(_.and([{ openid: _.gte(firstOpenid) }, { openid: _.lte(lastOpenid) }]))
        .group({ _id: '$openid', sum: $.sum('$delta') })
        .limit(limit)
        .end()) as { list: Array<{ _id: string; sum: number }> }
      return new Map(list.map((entry) => [entry._id, entry.sum]))
    },
  }
}
