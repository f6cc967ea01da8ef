import type { RefundProgress } from '../domain/refund'
import type { Database } from '../runtime/cloud'
import { rowsOf } from './results'
import { getOrNull, type Transaction } from './transaction'

/** Inside a transaction: how much of the order has been refunded so far (null before its first refund). */
export function refundProgressIn(transaction: Transaction, orderKey: string): Promise<RefundProgress | null> {
  return getOrNull<RefundProgress>(transaction, 'refunds', orderKey)
}

export function refundsRepo(db: Database) {
  const collection = db.collection('refunds')
  return {
    /** Fen refunded so far per order key, for a page of consumption records. One round trip. */
    async refundedFenOf(orderKeys: string[]): Promise<Map<string, number>> {
      if (orderKeys.length === 0) return new Map()
      const docs = await rowsOf<Pick<RefundProgress, '_id' | 'refundedFen'>>(collection.where({ _id: db.command.in(orderKeys) }).limit(orderKeys.length))
      return new Map(docs.map((doc) => [doc._id, doc.refundedFen]))
    },
  }
}
