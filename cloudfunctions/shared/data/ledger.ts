import type { LedgerKind } from '../contract/enums'
import type { Database } from '../runtime/cloud'
import { isDuplicateKeyError } from './errors'
import { rowsOf } from './results'
import type { Transaction } from './transaction'

/**
 * One points movement. Append-only: `_id` is the idempotency key (`order:<store>:<no>`,
 * `refund:<store>:<no>:<refundId>`, `expire:<openid>:<date>` …) so a repeat can never add a second
 * row. No row is ever updated or removed; the lots they build live on the member (domain/points).
 */
export interface LedgerRow {
  _id: string
  openid: string
  kind: LedgerKind
  delta: number
  /** The member's balance right after this movement: what the original call answered. */
  balanceAfter: number
  reason: string
  /** Who caused it: a staff OPENID, the member's own, or `system` for jobs. */
  by: string
  rulesVersion: number
  createdAt: Date
  /** For earned points: when their lot expires. */
  expiresAt: Date | null
  /** For an order's points (the consumption record) or a points-as-cash payment. */
  order?: { storeId: string; orderNo: string; amountFen: number; cashier: string }
  /** Points a reversal could not take back because they were already spent. */
  shortfall?: number
  /** What this row refers to: the refunded order's key, the redemption code … */
  ref?: string
}

export type InsertResult = 'inserted' | 'duplicate'

export function ledgerKey(kind: 'order' | 'cash', storeId: string, orderNo: string): string {
  return `${kind}:${storeId}:${orderNo}`
}

export function ledgerRepo(db: Database) {
  const collection = db.collection('ledger')
  return {
    async byId(id: string): Promise<LedgerRow | null> {
      const [row] = await rowsOf<LedgerRow>(collection.where({ _id: id }).limit(1))
      return row ?? null
    },
    /** A member's movements, newest first, `limit` at a time, filtered by kinds. One round trip. */
    async page(openid: string, options: { kinds?: readonly LedgerKind[]; before?: { createdAt: Date; id: string }; limit: number }): Promise<LedgerRow[]> {
      const _ = db.command
      const filter: Record<string, unknown> = { openid }
      if (options.kinds) filter.kind = _.in([...options.kinds])
      const before = options.before
      const query = before
        ? collection.where(_.and([filter, _.or([{ createdAt: _.lt(before.createdAt) }, { createdAt: before.createdAt, _id: _.lt(before.id) }])]))
        : collection.where(filter)
      return rowsOf<LedgerRow>(query.orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(options.limit))
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

/** Inside a transaction: appends a row, or reports that its key is taken (the call is a repeat). */
export async function appendInTransaction(transaction: Transaction, row: LedgerRow): Promise<InsertResult> {
  try {
    await transaction.collection('ledger').add({ data: row })
    return 'inserted'
  } catch (error) {
    if (isDuplicateKeyError(error)) return 'duplicate'
    throw error
  }
}
