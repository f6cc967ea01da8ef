/**
 * Who may call each staff action, through the emulator: every role the access map leaves out is
 * refused before anything is read or written; and the ceilings inside the allowed roles (an admin
 * invites and revokes only the roles below theirs; ownership is never invited).
 */
import { dataOf, useLocalCloud } from '../support/localCloud'
import { seedStores, seedTeam, tap } from '../support/workspace'
import { ACCESS, roleMayCall } from '../../cloudfunctions/shared/contract/access'
import type { ActionName } from '../../cloudfunctions/shared/contract/actions'
import { ROLES, type Role } from '../../cloudfunctions/shared/contract/roles'

const { cloud, as } = useLocalCloud({ maxInstances: 3 })

// Each invitation draws its wxacode: the emulator renders the PNG inside the test process, where
// qrcode's PNG writer takes 4–9 s a code on a loaded 2-core machine (50 ms under plain node).
jest.setTimeout(120_000)

const OPENIDS: Record<Role, string> = { owner: 'gate-owner', admin: 'gate-admin', cashier: 'gate-cashier', marketing: 'gate-marketing', service: 'gate-service' }
const MEMBER = 'gate-member'
const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN', message: '您没有权限执行此操作' } }
const snapshot = () => ['staff', 'stores', 'invitations', 'audit', 'exports'].map((collection) => cloud().db.find(collection))

beforeAll(() => {
  seedStores(cloud(), [
    { id: 'store-001', name: '会员通示范店' },
    { id: 'store-002', name: '会员通滨江店' },
  ])
  seedTeam(
    cloud(),
    ROLES.map((role) => ({ openid: OPENIDS[role], role, name: `${role}员工`, storeId: 'store-001' })),
  )
})

const staffActions = Object.keys(ACCESS.staff) as Array<ActionName<'staff'>>
const refusals = staffActions.flatMap((action) =>
  [...ROLES, null].filter((role) => ACCESS.staff[action] !== 'member' && !roleMayCall(role, 'staff', action)).map((role) => [action, role ?? 'member'] as const),
)

describe('the access map, action by action', () => {
  it('refuses members every staff action but whoami, invitationInfo and acceptInvitation', () => {
    expect(staffActions.filter((action) => roleMayCall(null, 'staff', action))).toEqual(['whoami', 'invitationInfo', 'acceptInvitation'])
  })

  it.each(refusals)('staff.%s refuses %s with FORBIDDEN and writes nothing', async (action, role) => {
    const before = snapshot()
    const caller = role === 'member' ? MEMBER : OPENIDS[role]
    // A payload good enough to pass validation, so only access can refuse it.
    const payload = { role: 'cashier', storeId: 'store-001', requestId: tap(), id: 'store-002', name: '某店', staffOpenid: OPENIDS.service, confirmName: 'service员工' }
    const answer = await as(caller).call('staff', action, payload)
    if (ACCESS.staff[action] === 'server') expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    else expect(answer).toEqual(FORBIDDEN)
    expect(snapshot()).toEqual(before)
  })
})

describe('invitation ceilings', () => {
  it('lets an admin invite only the roles below theirs; ownership is never invited', async () => {
    expect(await as(OPENIDS.admin).call('staff', 'invite', { role: 'admin', storeId: 'store-001', requestId: tap() })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', fields: [{ path: 'role', message: '您不能邀请管理员' }] },
    })
    expect(await as(OPENIDS.admin).call('staff', 'invite', { role: 'owner', storeId: 'store-001', requestId: tap() } as never)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'role' }] },
    })
    expect(await as(OPENIDS.owner).call('staff', 'invite', { role: 'owner', storeId: 'store-001', requestId: tap() } as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(cloud().db.find('invitations')).toHaveLength(0)
    expect(dataOf(await as(OPENIDS.admin).call('staff', 'invite', { role: 'cashier', storeId: 'store-002', requestId: tap() }))).toMatchObject({ role: 'cashier' })
    expect(dataOf(await as(OPENIDS.owner).call('staff', 'invite', { role: 'admin', storeId: 'store-001', requestId: tap() }))).toMatchObject({ role: 'admin' })
  })

  it('lets an admin revoke only an invitation they could have made', async () => {
    const ownersAdmin = (cloud().db.find('invitations', { role: 'admin' }) as Array<{ _id: string }>)[0]
    expect(await as(OPENIDS.admin).call('staff', 'revokeInvitation', { token: ownersAdmin._id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(cloud().db.find('invitations', { _id: ownersAdmin._id })[0]).toMatchObject({ revokedAt: null })
    const cashiers = (cloud().db.find('invitations', { role: 'cashier' }) as Array<{ _id: string }>)[0]
    expect(dataOf(await as(OPENIDS.admin).call('staff', 'revokeInvitation', { token: cashiers._id }))).toMatchObject({ status: 'revoked' })
  })
})
