import { assignRolePayload, bootstrapOwnerPayload, listStaffPayload, whoamiPayload, type StaffEntry } from '../shared/contract/staff'
import { staffRepo, type StaffDoc } from '../shared/data/staff'
import { AppError, defineAction, serve } from '../shared/runtime'

const toEntry = (doc: StaffDoc): StaffEntry => ({ openid: doc._id, name: doc.name, role: doc.role })

const whoami = defineAction({
  schema: whoamiPayload,
  async handler(_payload, { db, openid }) {
    return { role: await staffRepo(db).roleOf(openid) }
  },
})

const list = defineAction({
  schema: listStaffPayload,
  audit: false,
  async handler(_payload, { db }) {
    return (await staffRepo(db).list()).map(toEntry)
  },
})

/** Only the owner hands out roles; the owner cannot demote themselves, so a shop always keeps one. */
const assign = defineAction({
  schema: assignRolePayload,
  async handler({ staffOpenid, staffRole, name }, { db, openid, now }) {
    if (staffOpenid === openid) throw new AppError('CONFLICT', '不能修改自己的角色')
    const staff = staffRepo(db)
    if (staffRole === null) {
      await staff.remove(staffOpenid)
      return null
    }
    const doc: StaffDoc = { _id: staffOpenid, name, role: staffRole, updatedAt: now, updatedBy: openid }
    await staff.put(doc)
    return toEntry(doc)
  },
})

/**
 * The first owner. Callable only server-side (no OPENID: cloud console, `tcb fn invoke`, or
 * `npm run owner:set` locally) and only while the shop has no owner.
 */
const bootstrapOwner = defineAction({
  schema: bootstrapOwnerPayload,
  async handler({ ownerOpenid, name }, { db, now }) {
    const staff = staffRepo(db)
    if (await staff.hasOwner()) throw new AppError('CONFLICT', '店主已设置；如需变更请由现任店主操作')
    const doc: StaffDoc = { _id: ownerOpenid, name, role: 'owner', updatedAt: now, updatedBy: null }
    await staff.put(doc)
    return toEntry(doc)
  },
})

export const main = serve('staff', { whoami, list, assign, bootstrapOwner })
