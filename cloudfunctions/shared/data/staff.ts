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
    async list(): Promise<StaffDoc[]> {
      return rowsOf<StaffDoc>(collection.orderBy('role', 'asc').limit(1000))
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
