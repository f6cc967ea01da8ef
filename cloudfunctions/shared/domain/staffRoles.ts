import { ROLE_LABELS, type Role } from '../contract/roles'
import { grantableRoles, mayManage, type InvitableRole } from '../contract/workspaceFields'
import { refuse, type Refusal } from './decision'

/**
 * Who may invite, change, revoke and hand the shop to whom. The ceilings are the contract's
 * (`grantableRoles`, `mayManage`); what these add is the rest: nobody touches their own role, the
 * owner is never changed or removed except by a transfer, and a closed or unknown store is never
 * chosen. Together they keep exactly one owner: no allowed decision makes a second or removes the one.
 */

export type Allowed = { kind: 'allowed' }
const ALLOWED: Allowed = { kind: 'allowed' }

export interface Colleague {
  openid: string
  role: Role
  name: string
  storeId: string | null
}

export interface StoreFacts {
  id: string
  name: string
  closed: boolean
}

/** A store someone is being placed in: it must exist and be open. Null when it may be chosen. */
export function storeRefusal(store: StoreFacts | null, storeId: string): Refusal | null {
  if (!store) return refuse('NOT_FOUND', `找不到门店（${storeId}）`, 'storeId')
  if (store.closed) return refuse('CONFLICT', `门店「${store.name}」已停业，不能选择`, 'storeId')
  return null
}

export function decideInvite(actor: Role | null, role: InvitableRole, store: StoreFacts | null, storeId: string): Allowed | Refusal {
  if (!grantableRoles(actor).includes(role)) return refuse('FORBIDDEN', `您不能邀请${ROLE_LABELS[role]}`, 'role')
  return storeRefusal(store, storeId) ?? ALLOWED
}

export interface StaffChange {
  role?: Role
  storeId?: string
  name?: string
}

/**
 * A colleague's role, store or name. One's own store and name may be corrected (the owner has no
 * one above to do it), never one's own role.
 */
export function decideStaffChange(actor: { openid: string; role: Role | null }, target: Colleague | null, change: StaffChange, store: StoreFacts | null): Allowed | Refusal {
  if (!target) return refuse('NOT_FOUND', '找不到该员工', 'staffOpenid')
  const roleChanges = change.role !== undefined && change.role !== target.role
  if (target.openid === actor.openid) {
    if (roleChanges) return refuse('CONFLICT', '不能修改自己的角色', 'role')
  } else {
    if (target.role === 'owner') return refuse('FORBIDDEN', '店主只能通过转让店铺变更', 'staffOpenid')
    if (!mayManage(actor.role, target.role)) return refuse('FORBIDDEN', `您不能修改${ROLE_LABELS[target.role]}`, 'staffOpenid')
    if (roleChanges && !grantableRoles(actor.role).includes(change.role!)) return refuse('FORBIDDEN', `您不能将员工设为${ROLE_LABELS[change.role!]}`, 'role')
  }
  if (change.storeId !== undefined && change.storeId !== target.storeId) return storeRefusal(store, change.storeId) ?? ALLOWED
  return ALLOWED
}

export function decideRevokeStaff(actor: { openid: string; role: Role | null }, target: Colleague | null): Allowed | Refusal {
  if (!target) return refuse('NOT_FOUND', '找不到该员工', 'staffOpenid')
  if (target.openid === actor.openid) return refuse('CONFLICT', '不能移除自己', 'staffOpenid')
  if (target.role === 'owner') return refuse('FORBIDDEN', '店主不能被移除；如需交接请转让店铺', 'staffOpenid')
  if (!mayManage(actor.role, target.role)) return refuse('FORBIDDEN', `您不能移除${ROLE_LABELS[target.role]}`, 'staffOpenid')
  return ALLOWED
}

/**
 * The owner hands the shop to a colleague, confirmed by typing the colleague's name. `actor` is the
 * caller as the transaction read them (the role cache may be up to 10 s old).
 */
export function decideTransfer(actor: Colleague | null, target: Colleague | null, confirmName: string): Allowed | Refusal {
  if (actor?.role !== 'owner') return refuse('FORBIDDEN', '只有店主可以转让店铺')
  if (!target) return refuse('NOT_FOUND', '找不到该员工', 'staffOpenid')
  if (target.openid === actor.openid) return refuse('CONFLICT', '不能转让给自己', 'staffOpenid')
  if (confirmName.trim() !== target.name) return refuse('INVALID_INPUT', `输入的姓名与该员工不一致，请输入「${target.name}」`, 'confirmName')
  return ALLOWED
}
