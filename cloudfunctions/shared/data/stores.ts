import type { Database } from '../runtime/cloud'
import type { StoreFacts } from '../domain/staffRoles'
import { addIfAbsent } from './errors'
import { rowsOf } from './results'
import { getOrNull, type Transaction } from './transaction'

export interface StoreDoc {
  _id: string
  name: string
  address: string
  /** Absent on stores made before the stores page. */
  phone?: string
  closed?: boolean
  closedAt?: Date | null
  createdAt?: Date | null
  updatedAt?: Date
  updatedBy?: string | null
}

/** A shop has a handful of stores: every list reads them whole, in `_id` order. */
const MAX_STORES = 200

export function storeFacts(store: StoreDoc | null): StoreFacts | null {
  return store ? { id: store._id, name: store.name, closed: store.closed === true } : null
}

/** Inside a transaction: the store someone is being placed in, as the decision sees it. */
export function storeIn(transaction: Transaction, id: string): Promise<StoreDoc | null> {
  return getOrNull<StoreDoc>(transaction, 'stores', id)
}

export function storesRepo(db: Database) {
  const collection = db.collection('stores')
  return {
    async all(): Promise<StoreDoc[]> {
      return rowsOf<StoreDoc>(collection.orderBy('_id', 'asc').limit(MAX_STORES))
    },
    async byId(id: string): Promise<StoreDoc | null> {
      const [store] = await rowsOf<StoreDoc>(collection.where({ _id: id }).limit(1))
      return store ?? null
    },
    /** Inserts under the store's id; false when the id is taken (two stores created at once), so the caller picks the next. */
    async insert(doc: StoreDoc): Promise<boolean> {
      return addIfAbsent(collection, doc)
    },
    async update(id: string, fields: Partial<Omit<StoreDoc, '_id'>>): Promise<void> {
      await collection.doc(id).update({ data: fields })
    },
  }
}
