/**
 * staff.invite / invitationInfo / acceptInvitation / revokeInvitation / invitations through the
 * emulator: the QR carries `inv=<token>` to the accept page; ten people accepting one invitation at
 * once leave one staff member; expired, revoked and used invitations are refused; a retried tap
 * answers the same invitation.
 */
import { dataOf, useLocalCloud } from '../support/localCloud'
import { seedStores, seedTeam, staffDoc, tap } from '../support/workspace'
import type { InvitationDoc } from '../../cloudfunctions/shared/domain/invitation'
import { INVITATION_TTL_MS } from '../../cloudfunctions/shared/contract/workspaceFields'

const { cloud, as } = useLocalCloud({ maxInstances: 4 })

// Each invitation draws its wxacode: the emulator renders the PNG inside the test process, where
// qrcode's PNG writer takes 4–9 s a code on a loaded 2-core machine (50 ms under plain node).
jest.setTimeout(120_000)

const NOW = new Date('2026-12-01T10:00:00+08:00')
const OWNER = 'inv-owner'
const ADMIN = 'inv-admin'
const CASHIER = 'inv-cashier'

const invitationDoc = (token: string) => cloud().db.find('invitations', { _id: token })[0] as InvitationDoc
const invite = (by: string, role: 'admin' | 'cashier' | 'marketing' | 'service', storeId = 'store-002', requestId = tap()) => as(by).call('staff', 'invite', { role, storeId, requestId })
const conflict = (text: string) => ({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining(text) } })

beforeAll(() => {
  cloud().setNow(NOW)
  seedStores(cloud(), [
    { id: 'store-001', name: '会员通示范店' },
    { id: 'store-002', name: '会员通滨江店' },
    { id: 'store-003', name: '旧城店', closed: true },
  ])
  seedTeam(cloud(), [
    { openid: OWNER, role: 'owner', name: '王店长', storeId: 'store-001' },
    { openid: ADMIN, role: 'admin', name: '赵经理', storeId: 'store-002' },
    { openid: CASHIER, role: 'cashier', name: '小李', storeId: 'store-001' },
  ])
})
afterAll(() => cloud().setNow(null))

describe('making an invitation', () => {
  it('answers a QR for the accept page carrying inv=<token>, valid for 24 hours, saved to storage', async () => {
    const invitation = dataOf(await invite(OWNER, 'cashier'))
    expect(invitation).toMatchObject({
      role: 'cashier',
      roleName: '收银员',
      storeId: 'store-002',
      storeName: '会员通滨江店',
      status: 'pending',
      statusLabel: '待接受',
      createdByName: '王店长',
      acceptedByName: null,
    })
    expect(invitation.token).toMatch(/^[A-Za-z0-9]{16}$/)
    expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(INVITATION_TTL_MS)
    expect(invitation.fileId).toMatch(/^cloud:\/\//)
    expect(invitation.imageDataUrl).toMatch(/^data:image\/png;base64,/)
    const stored = invitationDoc(invitation.token)
    expect(stored).toMatchObject({ createdBy: OWNER, fileId: invitation.fileId, acceptedAt: null, revokedAt: null })
  })

  it('answers the same invitation to a retried tap, and refuses the tap id for another invitation', async () => {
    const requestId = tap()
    const first = dataOf(await invite(ADMIN, 'service', 'store-001', requestId))
    const again = dataOf(await invite(ADMIN, 'service', 'store-001', requestId))
    expect(again.token).toBe(first.token)
    expect(again.imageDataUrl).toBe(first.imageDataUrl)
    expect(cloud().db.find('invitations', { requestKey: `${ADMIN}:${requestId}` })).toHaveLength(1)
    expect(await invite(ADMIN, 'marketing', 'store-001', requestId)).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_MISMATCH' } })
  })

  it('refuses a closed or unknown store, naming storeId, and writes nothing', async () => {
    const before = cloud().db.find('invitations').length
    expect(await invite(OWNER, 'cashier', 'store-003')).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: [{ path: 'storeId', message: expect.stringContaining('已停业') }] } })
    expect(await invite(OWNER, 'cashier', 'store-404')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', fields: [{ path: 'storeId' }] } })
    expect(cloud().db.find('invitations')).toHaveLength(before)
  })
})

describe('accepting', () => {
  it('shows the invitee the shop, the role, the store and who invited them before they accept', async () => {
    const { token, expiresAt } = dataOf(await invite(ADMIN, 'marketing', 'store-001'))
    expect(dataOf(await as('inv-newcomer').call('staff', 'invitationInfo', { token }))).toEqual({
      shopName: '会员通示范店',
      role: 'marketing',
      roleName: '营销',
      storeName: '会员通示范店',
      status: 'pending',
      statusLabel: '待接受',
      expiresAt,
      createdByName: '赵经理',
      yourRole: null,
    })
    expect(dataOf(await as(CASHIER).call('staff', 'invitationInfo', { token })).yourRole).toBe('cashier')
    expect(await as('inv-newcomer').call('staff', 'invitationInfo', { token: 'Zz0000000000000Q' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('ten people accepting one invitation at once leave exactly one staff member; nine are told it is used', async () => {
    const { token } = dataOf(await invite(OWNER, 'cashier', 'store-002'))
    const crowd = Array.from({ length: 10 }, (_, index) => `inv-crowd-${index + 1}`)
    const answers = await Promise.all(crowd.map((openid, index) => as(openid).call('staff', 'acceptInvitation', { token, name: `候选${index + 1}` })))

    const accepted = answers.filter((answer) => answer.ok)
    expect(accepted).toHaveLength(1)
    expect(answers.filter((answer) => !answer.ok)).toEqual(Array(9).fill(conflict('已被使用')))
    const staff = cloud().db.find('staff', { _id: { $in: crowd } })
    expect(staff).toHaveLength(1)
    const [winner] = staff
    expect(winner).toMatchObject({ role: 'cashier', storeId: 'store-002', invitedBy: OWNER, joinedAt: expect.any(Date) })
    expect(invitationDoc(token)).toMatchObject({ acceptedBy: winner._id, acceptedName: winner.name, acceptedAt: winner.joinedAt })
    expect(accepted[0]).toEqual({ ok: true, data: { role: 'cashier', name: winner.name, storeId: 'store-002', storeName: '会员通滨江店' } })
    expect(cloud().db.find('audit', { action: 'acceptInvitation' })).toEqual([expect.objectContaining({ fn: 'staff', actor: winner._id, payload: { token, name: winner.name } })])

    // The winner's retried tap is answered as done; nobody else's is.
    expect(dataOf(await as(winner._id).call('staff', 'acceptInvitation', { token, name: winner.name }))).toMatchObject({ role: 'cashier' })
    expect(await as('inv-late').call('staff', 'acceptInvitation', { token, name: '迟到' })).toMatchObject(conflict('已被使用'))
    expect(dataOf(await as(winner._id).call('staff', 'whoami', {}))).toEqual({ role: 'cashier', name: winner.name, storeId: 'store-002', storeName: '会员通滨江店' })
  })

  it('is refused to someone who is staff already', async () => {
    const { token } = dataOf(await invite(OWNER, 'service'))
    expect(await as(CASHIER).call('staff', 'acceptInvitation', { token, name: '小李' })).toMatchObject(conflict('您已是本店收银员'))
    expect(staffDoc(cloud(), CASHIER)).toMatchObject({ role: 'cashier' })
    expect(invitationDoc(token).acceptedAt).toBeNull()
  })

  it('is refused from 24 hours after the invitation was made', async () => {
    const { token, createdAt } = dataOf(await invite(OWNER, 'service'))
    cloud().setNow(new Date(Date.parse(createdAt) + INVITATION_TTL_MS - 1000))
    expect(dataOf(await as('inv-slow').call('staff', 'invitationInfo', { token })).status).toBe('pending')
    cloud().setNow(new Date(Date.parse(createdAt) + INVITATION_TTL_MS))
    expect(dataOf(await as('inv-slow').call('staff', 'invitationInfo', { token }))).toMatchObject({ status: 'expired', statusLabel: '已过期' })
    expect(await as('inv-slow').call('staff', 'acceptInvitation', { token, name: '慢慢' })).toMatchObject(conflict('已过期'))
    expect(staffDoc(cloud(), 'inv-slow')).toBeUndefined()
    cloud().setNow(NOW)
  })

  it('is refused once revoked; only a pending invitation can be revoked', async () => {
    const { token } = dataOf(await invite(ADMIN, 'cashier'))
    const revoked = dataOf(await as(ADMIN).call('staff', 'revokeInvitation', { token }))
    expect(revoked).toMatchObject({ token, status: 'revoked', statusLabel: '已撤销' })
    expect(invitationDoc(token)).toMatchObject({ revokedBy: ADMIN, revokedAt: expect.any(Date) })
    expect(await as('inv-revoked').call('staff', 'acceptInvitation', { token, name: '某人' })).toMatchObject(conflict('已被撤销'))
    expect(staffDoc(cloud(), 'inv-revoked')).toBeUndefined()
    expect(await as(OWNER).call('staff', 'revokeInvitation', { token })).toMatchObject(conflict('已撤销'))

    const used = dataOf(await invite(OWNER, 'cashier'))
    dataOf(await as('inv-used').call('staff', 'acceptInvitation', { token: used.token, name: '小用' }))
    expect(await as(OWNER).call('staff', 'revokeInvitation', { token: used.token })).toMatchObject(conflict('已接受'))
    expect(await as(OWNER).call('staff', 'revokeInvitation', { token: 'Zz0000000000000Q' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('an unknown token is NOT_FOUND and a malformed one INVALID_INPUT naming the field; neither writes', async () => {
    const staffBefore = cloud().db.find('staff').length
    expect(await as('inv-guess').call('staff', 'acceptInvitation', { token: 'Zz0000000000000Q', name: '猜' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await as('inv-guess').call('staff', 'acceptInvitation', { token: 'short', name: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: expect.arrayContaining([expect.objectContaining({ path: 'token' }), expect.objectContaining({ path: 'name' })]) },
    })
    expect(cloud().db.find('staff')).toHaveLength(staffBefore)
  })
})

describe('the invitations page', () => {
  it('lists the latest invitations, each with its status now', async () => {
    const listed = dataOf(await as(OWNER).call('staff', 'invitations', {}))
    const stored = cloud().db.find('invitations') as InvitationDoc[]
    expect(listed.map((invitation) => invitation.token).sort()).toEqual(stored.map((doc) => doc._id).sort())
    expect(new Set(listed.map((invitation) => invitation.status))).toEqual(new Set(['pending', 'accepted', 'revoked']))
    for (const invitation of listed) {
      const doc = stored.find((candidate) => candidate._id === invitation.token)!
      expect(invitation.status).toBe(doc.acceptedAt ? 'accepted' : doc.revokedAt ? 'revoked' : 'pending')
      expect(invitation.acceptedByName).toBe(doc.acceptedName)
    }
    const newest = Math.max(...stored.map((doc) => new Date(doc.createdAt).getTime()))
    cloud().setNow(new Date(newest + INVITATION_TTL_MS))
    const later = dataOf(await as(OWNER).call('staff', 'invitations', {}))
    expect(later.filter((invitation) => invitation.status === 'pending')).toEqual([])
    expect(later.filter((invitation) => invitation.status === 'expired')).toHaveLength(stored.filter((doc) => !doc.acceptedAt && !doc.revokedAt).length)
    cloud().setNow(NOW)
  })
})
