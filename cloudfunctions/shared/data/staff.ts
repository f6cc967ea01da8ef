import type { Role } from '../contract/roles'
import type { Database } from '../runtime/cloud'
import { countOf, rowsOf } from './results'

export interface StaffDoc {
  _id: string // OPENID
  name: string
  role: Role
  updatedAt: Date
  updatedBy: string | null
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
