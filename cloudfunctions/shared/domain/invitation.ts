import { ROLE_LABELS, type Role } from '../contract/roles'
import { INVITATION_STATUS_LABELS, INVITATION_TTL_MS, grantableRoles, type InvitableRole, type InvitationStatus } from '../contract/workspaceFields'
import { refuse, type Refusal } from './decision'
import type { StoreFacts } from './staffRoles'

/** A one-time invitation; `_id` is the token its QR carries (`scene` = `inv=<token>`). */
export interface InvitationDoc {
  _id: string
  /** `<creator openid>:<requestId>`, unique: a retried tap finds the invitation it made. */
  requestKey: string
  role: InvitableRole
  storeId: string
  createdAt: Date
  expiresAt: Date
  createdBy: string
  createdByName: string
  /** The QR's file, once made (a retry makes it when the first attempt could not). */
  fileId: string | null
  revokedAt: Date | null
  revokedBy: string | null
  acceptedAt: Date | null
  acceptedBy: string | null
  acceptedName: string | null
}

export interface NewInvitation {
  token: string
  requestId: string
  role: InvitableRole
  storeId: string
  createdBy: string
  createdByName: string
}

export function newInvitation(input: NewInvitation, now: Date): InvitationDoc {
  return {
    _id: input.token,
    requestKey: `${input.createdBy}:${input.requestId}`,
    role: input.role,
    storeId: input.storeId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    createdBy: input.createdBy,
    createdByName: input.createdByName,
    fileId: null,
    revokedAt: null,
    revokedBy: null,
    acceptedAt: null,
    acceptedBy: null,
    acceptedName: null,
  }
}

/** Used and revoked are final; otherwise it is pending until `expiresAt`, and expired from then on. */
export function invitationStatus(invitation: Pick<InvitationDoc, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now: Date): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted'
  if (invitation.revokedAt) return 'revoked'
  return now.getTime() >= new Date(invitation.expiresAt).getTime() ? 'expired' : 'pending'
}

const CLOSED_MESSAGES: Record<Exclude<InvitationStatus, 'pending'>, string> = {
  accepted: '该邀请已被使用，每个邀请只能使用一次',
  revoked: '该邀请已被撤销，请联系店主或管理员重新邀请',
  expired: '该邀请已过期（有效期 24 小时），请联系店主或管理员重新邀请',
}

export interface NewStaffMember {
  role: InvitableRole
  name: string
  storeId: string
  joinedAt: Date
  invitedBy: string
}

export type AcceptVerdict =
  | { kind: 'accept'; invitation: Pick<InvitationDoc, 'acceptedAt' | 'acceptedBy' | 'acceptedName'>; staff: NewStaffMember }
  /** The caller accepted it before (a retried tap): nothing to write. */
  | { kind: 'already' }
  | Refusal

/**
 * The invitee accepts. Read in one transaction with the caller's staff record and the store, so of
 * many accepting at once exactly one finds it pending: the others' transactions conflict on the
 * invitation, retry, and find it used.
 */
export function decideAccept(state: { invitation: InvitationDoc | null; callerRole: Role | null; store: StoreFacts | null }, caller: { openid: string; name: string }, now: Date): AcceptVerdict {
  const { invitation, callerRole, store } = state
  if (!invitation) return refuse('NOT_FOUND', '邀请不存在，请确认二维码是否正确')
  if (invitation.acceptedBy === caller.openid) return { kind: 'already' }
  const status = invitationStatus(invitation, now)
  if (status !== 'pending') return refuse('CONFLICT', CLOSED_MESSAGES[status])
  if (callerRole) return refuse('CONFLICT', `您已是本店${ROLE_LABELS[callerRole]}，不能再接受邀请`)
  if (!store || store.closed) return refuse('CONFLICT', '邀请的门店已停业，请联系店主或管理员重新邀请')
  return {
    kind: 'accept',
    invitation: { acceptedAt: now, acceptedBy: caller.openid, acceptedName: caller.name },
    staff: { role: invitation.role, name: caller.name, storeId: invitation.storeId, joinedAt: now, invitedBy: invitation.createdBy },
  }
}

export type RevokeVerdict = { kind: 'revoke'; patch: Pick<InvitationDoc, 'revokedAt' | 'revokedBy'> } | Refusal

/** Only a pending invitation, and an admin only one for a role they could have invited. */
export function decideRevokeInvitation(actor: { openid: string; role: Role | null }, invitation: InvitationDoc | null, now: Date): RevokeVerdict {
  if (!invitation) return refuse('NOT_FOUND', '找不到该邀请')
  if (!grantableRoles(actor.role).includes(invitation.role)) return refuse('FORBIDDEN', `您不能撤销${ROLE_LABELS[invitation.role]}的邀请`)
  const status = invitationStatus(invitation, now)
  if (status !== 'pending') return refuse('CONFLICT', `该邀请${INVITATION_STATUS_LABELS[status]}，不能撤销`)
  return { kind: 'revoke', patch: { revokedAt: now, revokedBy: actor.openid } }
}
