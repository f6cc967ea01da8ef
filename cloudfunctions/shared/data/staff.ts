import type { Role } from '../contract/roles'
import type { Database } from '../runtime/cloud'
import { countOf, rowsOf } from './results'
import { getOrNull, type Transaction } from './transaction'

export interface StaffDoc {
  _id: string // OPENID
  name: string
  role: Role
  /** The store they work at: what the till and check-in record. Absent on records older than stores. */
  storeId?: string | null
  joinedAt?: Date | null
  /** Who invited them (null for the first owner and records made before invitations). */
  invitedBy?: string | null
  updatedAt: Date
  updatedBy: string | null
}

/** Inside a transaction: the staff record as the decision will see it. */
export function staffIn(transaction: Transaction, openid: string): Promise<StaffDoc | null> {
  return getOrNull<StaffDoc>(transaction, 'staff', openid)
}

export async function putStaffIn(transaction: Transaction, doc: StaffDoc): Promise<void> {
  const { _id, ...fields } = doc
  await transaction.collection('staff').doc(_id).set({ data: fields })
}

export async function removeStaffIn(transaction: Transaction, openid: string): Promise<void> {
  await transaction.collection('staff').doc(openid).remove()
}

export function staffRepo(db: Database) {
  const collection = db.collection('staff')
  return {
    async roleOf(openid: string): Promise<Role | null> {
      const [staff] = await rowsOf<StaffDoc>(collection.where({ _id: openid }).limit(1))
      return staff?.role ?? null
    },
    async byOpenid(openid: string): Promise<StaffDoc | null> {
      const [staff] = await rowsOf<StaffDoc>(collection.where({ _id: openid }).limit(1))
      return staff ?? null
    },
    async list(): Promise<StaffDoc[]> {
      return rowsOf<StaffDoc>(collection.orderBy('role', 'asc').limit(1000))
    },
    /** Names by OPENID, for showing who served an order. One round trip. */
    async namesOf(openids: string[]): Promise<Map<string, string>> {
      if (openids.length === 0) return new Map()
      const staff = await rowsOf<Pick<StaffDoc, '_id' | 'name'>>(
        collection
          .where({ _id: db.command.in(openids) })
          .field({ _id: true, name: true })
          .limit(openids.length),
      )
      return new Map(staff.map((doc) => [doc._id, doc.name]))
    },
    /** The staff record with its store's name, in one round trip (who am I). */
    async withStore(openid: string): Promise<{ staff: StaffDoc; storeName: string | null } | null> {
      const { list } = (await collection.aggregate().match({ _id: openid }).limit(1).lookup({ from: 'stores', localField: 'storeId', foreignField: '_id', as: 'stores' }).end()) as {
        list: Array<StaffDoc & { stores?: Array<{ name?: string }> }>
      }
      const [found] = list
      if (!found) return null
      const { stores, ...staff } = found
      return { staff, storeName: stores?.[0]?.name ?? null }
    },
    /** Staff per store (`null`: no store), one round trip: the stores list's counts. */
    async countsByStore(): Promise<Map<string | null, number>> {
      const $ = db.command.aggregate
      const { list } = (await collection
        .aggregate()
        .group({ _id: '$storeId', count: $.sum(1) })
        .limit(1000)
        .end()) as { list: Array<{ _id: string | null | undefined; count: number }> }
      return new Map(list.map((entry) => [entry._id ?? null, entry.count]))
    },
    async update(openid: string, fields: Partial<Omit<StaffDoc, '_id'>>): Promise<boolean> {
      const { stats } = (await collection.doc(openid).update({ data: fields })) as { stats: { updated: number } }
      return stats.updated > 0
    },
    async hasOwner(): Promise<boolean> {
      return (await countOf(collection.where({ role: 'owner' }))) > 0
    },
    async put(doc: StaffDoc): Promise<void> {
      const { _id, ...fields } = doc
      await collection.doc(_id).set({ data: fields })
    },
    async remove(openid: string): Promise<void> {
      await collection.doc(openid).remove()
    },
  }
}
