import type { LocalCloud } from '../../local/cloud'
import type { Role } from '../../cloudfunctions/shared/contract/roles'
import type { StaffDoc } from '../../cloudfunctions/shared/data/staff'
import type { StoreDoc } from '../../cloudfunctions/shared/data/stores'

/** Stores written straight into the emulator's database, open unless said otherwise. */
export function seedStores(cloud: LocalCloud, stores: Array<{ id: string; name: string; closed?: boolean }>): void {
  cloud.db.insertMany(
    'stores',
    stores.map(({ id, name, closed }): StoreDoc => ({ _id: id, name, address: '', phone: '', closed: closed ?? false, closedAt: null, createdAt: cloud.now() })),
  )
}

/** Staff with names and stores, as invitations would have made them. */
export function seedTeam(cloud: LocalCloud, team: Array<{ openid: string; role: Role; name: string; storeId?: string }>): void {
  cloud.db.insertMany(
    'staff',
    team.map(({ openid, role, name, storeId }): StaffDoc => ({ _id: openid, role, name, storeId: storeId ?? null, joinedAt: cloud.now(), invitedBy: null, updatedAt: cloud.now(), updatedBy: null })),
  )
}

export const staffDoc = (cloud: LocalCloud, openid: string) => cloud.db.find('staff', { _id: openid })[0] as StaffDoc | undefined
export const ownersOf = (cloud: LocalCloud) => (cloud.db.find('staff', { role: 'owner' }) as StaffDoc[]).map((doc) => doc._id)

/** A requestId as the client makes one per tap. */
let taps = 0
export const tap = () => `tap-${Date.now().toString(36)}-${++taps}`
