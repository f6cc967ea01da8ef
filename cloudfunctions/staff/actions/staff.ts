import { bootstrapOwnerPayload, listStaffPayload, staffRefPayload, transferOwnershipPayload, updateStaffPayload, whoamiPayload, type StaffEntry, type WhoAmI } from '../../shared/contract/staff'
import { ROLE_LABELS, type Role } from '../../shared/contract/roles'
import { mayManage } from '../../shared/contract/workspaceFields'
import { changeStaff, revokeStaff as revoke, transferOwnership as transfer } from '../../shared/app/staffChanges'
import { staffRepo, type StaffDoc } from '../../shared/data/staff'
import { storesRepo } from '../../shared/data/stores'
import { AppError, defineAction, forgetStaff, type Database } from '../../shared/runtime'

export async function whoamiOf(db: Database, openid: string): Promise<WhoAmI> {
  const found = await staffRepo(db).withStore(openid)
  if (!found) return { role: null, name: null, storeId: null, storeName: null }
  return { role: found.staff.role, name: found.staff.name, storeId: found.staff.storeId ?? null, storeName: found.storeName }
}

function toEntry(doc: StaffDoc, storeNames: Map<string, string>, caller: { openid: string; role: Role | null }): StaffEntry {
  const you = doc._id === caller.openid
  return {
    openid: doc._id,
    name: doc.name,
    role: doc.role,
    roleName: ROLE_LABELS[doc.role],
    storeId: doc.storeId ?? null,
    storeName: doc.storeId ? (storeNames.get(doc.storeId) ?? doc.storeId) : null,
    joinedAt: doc.joinedAt ? new Date(doc.joinedAt).toISOString() : null,
    manageable: !you && mayManage(caller.role, doc.role),
    you,
  }
}

async function storeNames(db: Database): Promise<Map<string, string>> {
  return new Map((await storesRepo(db).all()).map((store) => [store._id, store.name]))
}

async function entries(db: Database, caller: { openid: string; role: Role | null }): Promise<StaffEntry[]> {
  const [staff, names] = await Promise.all([staffRepo(db).list(), storeNames(db)])
  return staff.map((doc) => toEntry(doc, names, caller))
}

/** Role, name and store of the caller (all null for a member): one round trip. */
export const whoami = defineAction({
  schema: whoamiPayload,
  handler: (_payload, { db, openid }) => whoamiOf(db, openid),
})

export const list = defineAction({
  schema: listStaffPayload,
  audit: false,
  handler: (_payload, { db, openid, role }) => entries(db, { openid, role }),
})

/** A colleague's role, store or name (one's own store and name, never one's own role); effective everywhere within the role cache's 10 s. */
export const updateStaff = defineAction({
  schema: updateStaffPayload,
  async handler({ staffOpenid, ...change }, { db, openid, role, now }): Promise<StaffEntry> {
    const changed = await changeStaff(db, openid, staffOpenid, change, now)
    forgetStaff(staffOpenid)
    return toEntry(changed, await storeNames(db), { openid, role })
  },
})

/** Removes a colleague from the staff list: they are a member again, refused staff actions within 10 s. */
export const revokeStaff = defineAction({
  schema: staffRefPayload,
  async handler({ staffOpenid }, { db, openid }): Promise<null> {
    await revoke(db, openid, staffOpenid)
    forgetStaff(staffOpenid)
    return null
  },
})

/** The owner hands the shop to a colleague (their name typed to confirm): the colleague is the owner, the caller an admin. */
export const transferOwnership = defineAction({
  schema: transferOwnershipPayload,
  async handler({ staffOpenid, confirmName }, { db, openid, now }): Promise<StaffEntry[]> {
    await transfer(db, openid, staffOpenid, confirmName, now)
    forgetStaff(openid, staffOpenid)
    return entries(db, { openid, role: 'admin' })
  },
})

/**
 * The first owner. Callable only server-side (no OPENID: cloud console, `tcb fn invoke`, or
 * `npm run owner:set` locally) and only while the shop has no owner.
 */
export const bootstrapOwner = defineAction({
  schema: bootstrapOwnerPayload,
  async handler({ ownerOpenid, name }, { db, now }): Promise<StaffEntry> {
    const staff = staffRepo(db)
    if (await staff.hasOwner()) throw new AppError('CONFLICT', '店主已设置；如需变更请由现任店主操作')
    const [firstStore] = await storesRepo(db).all()
    const doc: StaffDoc = { _id: ownerOpenid, name, role: 'owner', storeId: firstStore?._id ?? null, joinedAt: now, invitedBy: null, updatedAt: now, updatedBy: null }
    await staff.put(doc)
    return toEntry(doc, new Map(firstStore ? [[firstStore._id, firstStore.name]] : []), { openid: ownerOpenid, role: 'owner' })
  },
})
