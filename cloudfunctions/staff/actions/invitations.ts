import { acceptInvitationPayload, invitationRefPayload, invitationsPayload, invitePayload, type Invitation, type InvitationInfo, type WhoAmI } from '../../shared/contract/staff'
import { ROLE_LABELS } from '../../shared/contract/roles'
import { INVITATION_STATUS_LABELS } from '../../shared/contract/workspaceFields'
import { acceptInvitation as accept, invite as makeInvitation, revokeInvitation as revoke, toInvitation } from '../../shared/app/invitations'
import { invitationsRepo } from '../../shared/data/invitations'
import { staffRepo } from '../../shared/data/staff'
import { storesRepo } from '../../shared/data/stores'
import { invitationStatus } from '../../shared/domain/invitation'
import { AppError, defineAction, forgetStaff, staffNameOf } from '../../shared/runtime'
import { whoamiOf } from './staff'

/** A one-time QR for a role and a store, valid 24 hours; a retried tap (same requestId) answers the same one. */
export const invite = defineAction({
  schema: invitePayload,
  async handler(input, { db, openid, role, now }): Promise<Invitation> {
    const name = (await staffNameOf(db, openid)) ?? ROLE_LABELS[role!]
    return makeInvitation(db, { openid, role, name }, input, now)
  },
})

/** The latest invitations, with their status now. */
export const invitations = defineAction({
  schema: invitationsPayload,
  audit: false,
  async handler(_payload, { db, now }): Promise<Invitation[]> {
    const [recent, stores] = await Promise.all([invitationsRepo(db).recent(), storesRepo(db).all()])
    const storeNames = new Map(stores.map((store) => [store._id, store.name]))
    return recent.map((doc) => toInvitation(doc, storeNames.get(doc.storeId) ?? null, now))
  },
})

export const revokeInvitation = defineAction({
  schema: invitationRefPayload,
  async handler({ token }, { db, openid, role, now }): Promise<Invitation> {
    const revoked = await revoke(db, { openid, role }, token, now)
    return toInvitation(revoked, (await storesRepo(db).byId(revoked.storeId))?.name ?? null, now)
  },
})

/**
 * What the invitee sees after scanning: the shop, the role, the store, whether it is still open, and
 * their own role if they are staff already. The shop's name is its first store's, as the card has it.
 */
export const invitationInfo = defineAction({
  schema: invitationRefPayload,
  async handler({ token }, { db, openid, now }): Promise<InvitationInfo> {
    const [invitation, stores, yourRole] = await Promise.all([invitationsRepo(db).byToken(token), storesRepo(db).all(), staffRepo(db).roleOf(openid)])
    if (!invitation) throw new AppError('NOT_FOUND', '邀请不存在，请确认二维码是否正确')
    const status = invitationStatus(invitation, now)
    return {
      shopName: stores[0]?.name ?? '',
      role: invitation.role,
      roleName: ROLE_LABELS[invitation.role],
      storeName: stores.find((store) => store._id === invitation.storeId)?.name ?? invitation.storeId,
      status,
      statusLabel: INVITATION_STATUS_LABELS[status],
      expiresAt: new Date(invitation.expiresAt).toISOString(),
      createdByName: invitation.createdByName,
      yourRole,
    }
  },
})

/** The invitee becomes staff, once: audited, since it changes who may do what. */
export const acceptInvitation = defineAction({
  schema: acceptInvitationPayload,
  audit: true,
  async handler({ token, name }, { db, openid, now }): Promise<WhoAmI> {
    await accept(db, { openid, name }, token, now)
    // This instance may remember the caller as a member; the next action should see the new role.
    forgetStaff(openid)
    return whoamiOf(db, openid)
  },
})
