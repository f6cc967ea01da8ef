import { randomInt } from 'node:crypto'
import type { Invitation } from '../contract/staff'
import { ROLE_LABELS, type Role } from '../contract/roles'
import { INVITATION_STATUS_LABELS, type InvitableRole } from '../contract/workspaceFields'
import { invitationIn, invitationsRepo, updateInvitationIn } from '../data/invitations'
import { putStaffIn, staffIn } from '../data/staff'
import { storeFacts, storeIn, storesRepo } from '../data/stores'
import { inTransaction } from '../data/transaction'
import { decideAccept, decideRevokeInvitation, invitationStatus, newInvitation, type InvitationDoc } from '../domain/invitation'
import { decideInvite } from '../domain/staffRoles'
import type { Database } from '../runtime/cloud'
import { AppError } from '../runtime/errors'
import { openapi } from '../runtime/openapi'
import { storage } from '../runtime/storage'
import { refusalError } from './commands'

/** The admin subpackage's page the invitation QR opens; it reads `decodeURIComponent(options.scene)`. */
export const ACCEPT_PAGE = 'admin/pages/accept/index'

/** `inv=<token>`: 20 characters, within wxacode's 32. */
export function invitationScene(token: string): string {
  return `inv=${token}`
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** 16 characters from 62: about 95 bits, not guessable within the 24 hours it is valid. */
export function newInvitationToken(): string {
  return Array.from({ length: 16 }, () => TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)]).join('')
}

export function toInvitation(doc: InvitationDoc, storeName: string | null, now: Date): Invitation {
  const status = invitationStatus(doc, now)
  return {
    token: doc._id,
    role: doc.role,
    roleName: ROLE_LABELS[doc.role],
    storeId: doc.storeId,
    storeName: storeName ?? doc.storeId,
    status,
    statusLabel: INVITATION_STATUS_LABELS[status],
    createdAt: new Date(doc.createdAt).toISOString(),
    expiresAt: new Date(doc.expiresAt).toISOString(),
    createdByName: doc.createdByName,
    acceptedByName: doc.acceptedName,
    fileId: doc.fileId,
  }
}

export interface Inviter {
  openid: string
  role: Role | null
  name: string
}

/**
 * Makes the invitation, or answers the one this tap already made (same `requestId`): the record
 * first, then its QR, so a retry after a failed QR finds the record and makes the QR then.
 */
export async function invite(db: Database, inviter: Inviter, input: { role: InvitableRole; storeId: string; requestId: string }, now: Date): Promise<Invitation> {
  const store = await storesRepo(db).byId(input.storeId)
  const verdict = decideInvite(inviter.role, input.role, storeFacts(store), input.storeId)
  if (verdict.kind === 'refused') throw refusalError(verdict)
  const repo = invitationsRepo(db)
  const requestKey = `${inviter.openid}:${input.requestId}`
  const invitation =
    (await repo.byRequestKey(requestKey)) ??
    (await repo.insertOrExisting(
      newInvitation({ token: newInvitationToken(), requestId: input.requestId, role: input.role, storeId: input.storeId, createdBy: inviter.openid, createdByName: inviter.name }, now),
    ))
  if (invitation.role !== input.role || invitation.storeId !== input.storeId) throw new AppError('IDEMPOTENCY_MISMATCH')
  const { fileId, image } = await qrOf(db, invitation)
  return { ...toInvitation({ ...invitation, fileId }, store!.name, now), imageDataUrl: `data:image/png;base64,${image.toString('base64')}` }
}

async function qrOf(db: Database, invitation: InvitationDoc): Promise<{ fileId: string; image: Buffer }> {
  if (invitation.fileId) return { fileId: invitation.fileId, image: await storage().download(invitation.fileId) }
  // checkPath false: the code works before the accept page is published (e.g. the trial version).
  const answer = await openapi().getUnlimitedQrCode({ scene: invitationScene(invitation._id), page: ACCEPT_PAGE, checkPath: false })
  if (answer.errCode !== 0 || !answer.buffer) throw new Error(`wxacode.getUnlimited failed: ${answer.errCode} ${answer.errMsg}`)
  const fileId = await storage().upload(`invitations/${invitation._id}.png`, answer.buffer)
  await invitationsRepo(db).setFile(invitation._id, fileId)
  return { fileId, image: answer.buffer }
}

export type AcceptOutcome = 'accepted' | 'already'

/**
 * The invitee becomes staff. The invitation, their staff record and the store are read and written
 * in one transaction: of many accepting at once, one commits and the rest retry into "used".
 */
export async function acceptInvitation(db: Database, caller: { openid: string; name: string }, token: string, now: Date): Promise<AcceptOutcome> {
  const verdict = await inTransaction(db, async (transaction) => {
    const invitation = await invitationIn(transaction, token)
    const [staff, store] = await Promise.all([staffIn(transaction, caller.openid), invitation ? storeIn(transaction, invitation.storeId) : null])
    const decided = decideAccept({ invitation, callerRole: staff?.role ?? null, store: storeFacts(store) }, caller, now)
    if (decided.kind !== 'accept') return decided
    await updateInvitationIn(transaction, token, decided.invitation)
    await putStaffIn(transaction, { _id: caller.openid, ...decided.staff, updatedAt: now, updatedBy: decided.staff.invitedBy })
    return decided
  })
  if (verdict.kind === 'refused') throw refusalError(verdict)
  return verdict.kind === 'accept' ? 'accepted' : 'already'
}

/** Revokes a pending invitation; in a transaction, so an accept at the same moment either wins or finds it revoked. */
export async function revokeInvitation(db: Database, actor: { openid: string; role: Role | null }, token: string, now: Date): Promise<InvitationDoc> {
  const verdict = await inTransaction(db, async (transaction) => {
    const invitation = await invitationIn(transaction, token)
    const decided = decideRevokeInvitation(actor, invitation, now)
    if (decided.kind === 'refused') return decided
    await updateInvitationIn(transaction, token, decided.patch)
    return { kind: 'revoked' as const, invitation: { ...invitation!, ...decided.patch } }
  })
  if (verdict.kind === 'refused') throw refusalError(verdict)
  return verdict.invitation
}
