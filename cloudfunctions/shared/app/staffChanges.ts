import type { Role } from '../contract/roles'
import { putStaffIn, removeStaffIn, staffIn, type StaffDoc } from '../data/staff'
import { storeFacts, storeIn } from '../data/stores'
import { inTransaction } from '../data/transaction'
import { decideRevokeStaff, decideStaffChange, decideTransfer, type Colleague, type StaffChange } from '../domain/staffRoles'
import type { Database } from '../runtime/cloud'
import { refusalError } from './commands'

/**
 * Changes to the staff list. Each reads the caller's own record inside its transaction, beside the
 * colleague's: the role cache may be up to 10 s old, and a demoted admin or a former owner must not
 * act on it, nor may two changes at once leave the shop without its one owner.
 */

export function colleagueOf(doc: StaffDoc | null): Colleague | null {
  return doc ? { openid: doc._id, role: doc.role, name: doc.name, storeId: doc.storeId ?? null } : null
}

const actorOf = (openid: string, doc: StaffDoc | null): { openid: string; role: Role | null } => ({ openid, role: doc?.role ?? null })

export async function changeStaff(db: Database, actorOpenid: string, staffOpenid: string, change: StaffChange, now: Date): Promise<StaffDoc> {
  const verdict = await inTransaction(db, async (transaction) => {
    const [target, actor, store] = await Promise.all([
      staffIn(transaction, staffOpenid),
      actorOpenid === staffOpenid ? null : staffIn(transaction, actorOpenid),
      change.storeId ? storeIn(transaction, change.storeId) : null,
    ])
    const decided = decideStaffChange(actorOf(actorOpenid, actorOpenid === staffOpenid ? target : actor), colleagueOf(target), change, storeFacts(store))
    if (decided.kind === 'refused') return decided
    const next: StaffDoc = {
      ...target!,
      _id: staffOpenid,
      ...(change.role !== undefined && { role: change.role }),
      ...(change.storeId !== undefined && { storeId: change.storeId }),
      ...(change.name !== undefined && { name: change.name }),
      updatedAt: now,
      updatedBy: actorOpenid,
    }
    await putStaffIn(transaction, next)
    return { kind: 'changed' as const, staff: next }
  })
  if (verdict.kind === 'refused') throw refusalError(verdict)
  return verdict.staff
}

export async function revokeStaff(db: Database, actorOpenid: string, staffOpenid: string): Promise<void> {
  const verdict = await inTransaction(db, async (transaction) => {
    const [target, actor] = await Promise.all([staffIn(transaction, staffOpenid), staffIn(transaction, actorOpenid)])
    const decided = decideRevokeStaff(actorOf(actorOpenid, actor), colleagueOf(target))
    if (decided.kind === 'refused') return decided
    await removeStaffIn(transaction, staffOpenid)
    return decided
  })
  if (verdict.kind === 'refused') throw refusalError(verdict)
}

/** In one transaction the colleague becomes the owner and the owner an admin: there is never none, never two. */
export async function transferOwnership(db: Database, ownerOpenid: string, staffOpenid: string, confirmName: string, now: Date): Promise<void> {
  const verdict = await inTransaction(db, async (transaction) => {
    const [owner, target] = await Promise.all([staffIn(transaction, ownerOpenid), staffOpenid === ownerOpenid ? null : staffIn(transaction, staffOpenid)])
    const decided = decideTransfer(colleagueOf(owner), staffOpenid === ownerOpenid ? colleagueOf(owner) : colleagueOf(target), confirmName)
    if (decided.kind === 'refused') return decided
    await putStaffIn(transaction, { ...target!, _id: staffOpenid, role: 'owner', updatedAt: now, updatedBy: ownerOpenid })
    await putStaffIn(transaction, { ...owner!, _id: ownerOpenid, role: 'admin', updatedAt: now, updatedBy: ownerOpenid })
    return decided
  })
  if (verdict.kind === 'refused') throw refusalError(verdict)
}
