import type { Role } from '../../../cloudfunctions/shared/contract/roles'
import { INVITATION_TTL_MS } from '../../../cloudfunctions/shared/contract/workspaceFields'
import { decideAccept, decideRevokeInvitation, invitationStatus, newInvitation, type InvitationDoc } from '../../../cloudfunctions/shared/domain/invitation'
import type { StoreFacts } from '../../../cloudfunctions/shared/domain/staffRoles'

const MADE = new Date('2026-12-01T10:00:00+08:00')
const at = (ms: number) => new Date(MADE.getTime() + ms)
const STORE: StoreFacts = { id: 'store-002', name: '滨江店', closed: false }

function invitation(overrides: Partial<InvitationDoc> = {}): InvitationDoc {
  return { ...newInvitation({ token: 'AbCdEfGh12345678', requestId: 'tap-1', role: 'cashier', storeId: STORE.id, createdBy: 'owner-1', createdByName: '王店长' }, MADE), ...overrides }
}

describe('an invitation', () => {
  it('is keyed by its token and its creator’s tap, and expires 24 hours after it was made', () => {
    expect(invitation()).toMatchObject({ _id: 'AbCdEfGh12345678', requestKey: 'owner-1:tap-1', createdAt: MADE, expiresAt: at(INVITATION_TTL_MS), acceptedAt: null, revokedAt: null, fileId: null })
  })

  it.each([
    ['just made', invitation(), at(0), 'pending'],
    ['a second before 24 hours', invitation(), at(INVITATION_TTL_MS - 1000), 'pending'],
    ['at 24 hours', invitation(), at(INVITATION_TTL_MS), 'expired'],
    ['accepted, later', invitation({ acceptedAt: at(1000), acceptedBy: 'x' }), at(INVITATION_TTL_MS * 2), 'accepted'],
    ['revoked, later', invitation({ revokedAt: at(1000), revokedBy: 'owner-1' }), at(INVITATION_TTL_MS * 2), 'revoked'],
  ] as const)('%s is %s', (_label, doc, now, status) => {
    expect(invitationStatus(doc, now)).toBe(status)
  })
})

describe('accepting', () => {
  const caller = { openid: 'newcomer', name: '小新' }
  const accept = (doc: InvitationDoc | null, now = at(1000), callerRole: Role | null = null, store: StoreFacts | null = STORE) => decideAccept({ invitation: doc, callerRole, store }, caller, now)

  it('a pending invitation makes the caller staff with its role and store, invited by its maker', () => {
    expect(accept(invitation())).toEqual({
      kind: 'accept',
      invitation: { acceptedAt: at(1000), acceptedBy: 'newcomer', acceptedName: '小新' },
      staff: { role: 'cashier', name: '小新', storeId: STORE.id, joinedAt: at(1000), invitedBy: 'owner-1' },
    })
  })

  it.each([
    ['an unknown token', null, at(1000), null, STORE, 'NOT_FOUND', '邀请不存在'],
    ['one someone else accepted', invitation({ acceptedAt: at(500), acceptedBy: 'first' }), at(1000), null, STORE, 'CONFLICT', '已被使用'],
    ['a revoked one', invitation({ revokedAt: at(500), revokedBy: 'owner-1' }), at(1000), null, STORE, 'CONFLICT', '已被撤销'],
    ['an expired one', invitation(), at(INVITATION_TTL_MS), null, STORE, 'CONFLICT', '已过期'],
    ['by someone already staff', invitation(), at(1000), 'service', STORE, 'CONFLICT', '您已是本店客服'],
    ['for a store closed since', invitation(), at(1000), null, { ...STORE, closed: true }, 'CONFLICT', '已停业'],
    ['for a store gone since', invitation(), at(1000), null, null, 'CONFLICT', '已停业'],
  ] as const)('%s is refused', (_label, doc, now, role, store, code, message) => {
    expect(accept(doc, now, role, store)).toMatchObject({ kind: 'refused', code, message: expect.stringContaining(message) })
  })

  it('answers the one who accepted it, asking again, as already done (a retried tap)', () => {
    expect(accept(invitation({ acceptedAt: at(500), acceptedBy: 'newcomer' }), at(INVITATION_TTL_MS * 3), 'cashier')).toEqual({ kind: 'already' })
  })
})

describe('revoking', () => {
  it.each([
    ['the owner, a pending admin invitation', 'owner', invitation({ role: 'admin' }), at(1000), 'revoke'],
    ['an admin, a pending cashier invitation', 'admin', invitation(), at(1000), 'revoke'],
    ['an admin, a pending admin invitation', 'admin', invitation({ role: 'admin' }), at(1000), 'FORBIDDEN'],
    ['a cashier, any', 'cashier', invitation(), at(1000), 'FORBIDDEN'],
    ['the owner, an accepted one', 'owner', invitation({ acceptedAt: at(500), acceptedBy: 'x' }), at(1000), 'CONFLICT'],
    ['the owner, a revoked one', 'owner', invitation({ revokedAt: at(500), revokedBy: 'owner-1' }), at(1000), 'CONFLICT'],
    ['the owner, an expired one', 'owner', invitation(), at(INVITATION_TTL_MS), 'CONFLICT'],
    ['the owner, an unknown one', 'owner', null, at(1000), 'NOT_FOUND'],
  ] as const)('%s: %s', (_label, role, doc, now, expected) => {
    const result = decideRevokeInvitation({ openid: 'actor', role }, doc, now)
    expect(result.kind === 'revoke' ? 'revoke' : result.code).toBe(expected)
    if (result.kind === 'revoke') expect(result.patch).toEqual({ revokedAt: now, revokedBy: 'actor' })
  })
})
