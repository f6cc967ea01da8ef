/**
 * staff.list / updateStaff / revokeStaff / transferOwnership through the emulator: who may change
 * whom, a change or revocation refused everywhere once the role cache's 10 s have passed, the last
 * owner never removed or demoted, and ownership handed over in one transaction.
 */
import { dataOf, useLocalCloud } from '../support/localCloud'
import { ownersOf, seedStores, seedTeam, staffDoc } from '../support/workspace'
import { ROLE_CACHE_SECONDS } from '../../cloudfunctions/shared/contract/workspaceFields'

const { cloud, as } = useLocalCloud({ maxInstances: 3 })

const NOW = new Date('2026-12-02T10:00:00+08:00')
const OWNER = 'team-owner'
const ADMIN = 'team-admin'
const ADMIN_2 = 'team-admin-2'
const CASHIER = 'team-cashier'
const SERVICE = 'team-service'

const update = (by: string, payload: { staffOpenid: string; role?: 'owner' | 'admin' | 'cashier' | 'marketing' | 'service'; storeId?: string; name?: string }) =>
  as(by).call('staff', 'updateStaff', payload)
const refused = (code: string, path?: string) => ({ ok: false, error: { code, ...(path && { fields: [expect.objectContaining({ path })] }) } })
const auditCount = () => cloud().db.find('audit').length

beforeAll(() => {
  cloud().setNow(NOW)
  seedStores(cloud(), [
    { id: 'store-001', name: '会员通示范店' },
    { id: 'store-002', name: '会员通滨江店' },
    { id: 'store-009', name: '旧城店', closed: true },
  ])
  seedTeam(cloud(), [
    { openid: OWNER, role: 'owner', name: '王店长', storeId: 'store-001' },
    { openid: ADMIN, role: 'admin', name: '赵经理', storeId: 'store-002' },
    { openid: ADMIN_2, role: 'admin', name: '钱经理', storeId: 'store-001' },
    { openid: CASHIER, role: 'cashier', name: '小李', storeId: 'store-001' },
    { openid: SERVICE, role: 'service', name: '客服小周', storeId: 'store-001' },
  ])
})
afterAll(() => cloud().setNow(null))

describe('the staff list', () => {
  it('says for each colleague whether the caller may manage them: the owner everyone but themselves, an admin only the roles below', async () => {
    const byOwner = dataOf(await as(OWNER).call('staff', 'list', {}))
    expect(Object.fromEntries(byOwner.map((entry) => [entry.openid, entry.manageable]))).toEqual({ [OWNER]: false, [ADMIN]: true, [ADMIN_2]: true, [CASHIER]: true, [SERVICE]: true })
    expect(byOwner.find((entry) => entry.openid === ADMIN)).toMatchObject({ name: '赵经理', role: 'admin', roleName: '管理员', storeId: 'store-002', storeName: '会员通滨江店', you: false })
    const byAdmin = dataOf(await as(ADMIN).call('staff', 'list', {}))
    expect(Object.fromEntries(byAdmin.map((entry) => [entry.openid, entry.manageable]))).toEqual({ [OWNER]: false, [ADMIN]: false, [ADMIN_2]: false, [CASHIER]: true, [SERVICE]: true })
    expect(byAdmin.filter((entry) => entry.you).map((entry) => entry.openid)).toEqual([ADMIN])
  })
})

describe('changing a colleague', () => {
  it('lets an admin change a role below theirs to another below theirs and move them, audited', async () => {
    const changed = dataOf(await update(ADMIN, { staffOpenid: SERVICE, role: 'marketing', storeId: 'store-002' }))
    expect(changed).toMatchObject({ openid: SERVICE, role: 'marketing', roleName: '营销', storeId: 'store-002', storeName: '会员通滨江店', manageable: true })
    expect(staffDoc(cloud(), SERVICE)).toMatchObject({ role: 'marketing', storeId: 'store-002', updatedBy: ADMIN })
    expect(cloud().db.find('audit', { action: 'updateStaff', actor: ADMIN })).toEqual([
      expect.objectContaining({ role: 'admin', payload: { staffOpenid: SERVICE, role: 'marketing', storeId: 'store-002' } }),
    ])
    dataOf(await update(ADMIN, { staffOpenid: SERVICE, role: 'service', storeId: 'store-001' }))
  })

  it('refuses an admin making an admin or owner, or touching another admin or the owner, and writes nothing', async () => {
    const before = cloud().db.find('staff')
    const audits = auditCount()
    expect(await update(ADMIN, { staffOpenid: CASHIER, role: 'admin' })).toMatchObject(refused('FORBIDDEN', 'role'))
    expect(await update(ADMIN, { staffOpenid: CASHIER, role: 'owner' })).toMatchObject(refused('FORBIDDEN', 'role'))
    expect(await update(ADMIN, { staffOpenid: ADMIN_2, role: 'cashier' })).toMatchObject(refused('FORBIDDEN', 'staffOpenid'))
    expect(await update(ADMIN, { staffOpenid: ADMIN_2, name: '改名' })).toMatchObject(refused('FORBIDDEN', 'staffOpenid'))
    expect(await update(ADMIN, { staffOpenid: OWNER, role: 'cashier' })).toMatchObject(refused('FORBIDDEN', 'staffOpenid'))
    expect(await update(OWNER, { staffOpenid: CASHIER, role: 'owner' })).toMatchObject(refused('FORBIDDEN', 'role'))
    expect(await update(OWNER, { staffOpenid: 'team-nobody', role: 'cashier' })).toMatchObject(refused('NOT_FOUND', 'staffOpenid'))
    expect(cloud().db.find('staff')).toEqual(before)
    expect(auditCount()).toBe(audits)
  })

  it('refuses a move to a closed or unknown store, naming storeId', async () => {
    expect(await update(OWNER, { staffOpenid: CASHIER, storeId: 'store-009' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', fields: [{ path: 'storeId', message: expect.stringContaining('旧城店') }] },
    })
    expect(await update(OWNER, { staffOpenid: CASHIER, storeId: 'store-404' })).toMatchObject(refused('NOT_FOUND', 'storeId'))
    expect(staffDoc(cloud(), CASHIER)).toMatchObject({ storeId: 'store-001' })
  })

  it('lets nobody change their own role, though one may correct one’s own name and store', async () => {
    expect(await update(ADMIN, { staffOpenid: ADMIN, role: 'cashier' })).toMatchObject(refused('CONFLICT', 'role'))
    expect(await update(OWNER, { staffOpenid: OWNER, role: 'admin' })).toMatchObject(refused('CONFLICT', 'role'))
    expect(dataOf(await update(OWNER, { staffOpenid: OWNER, name: '王老板', storeId: 'store-002' }))).toMatchObject({ name: '王老板', role: 'owner', storeId: 'store-002', you: true })
    expect(ownersOf(cloud())).toEqual([OWNER])
    dataOf(await update(OWNER, { staffOpenid: OWNER, name: '王店长', storeId: 'store-001' }))
  })
})

describe('taking effect within the role cache', () => {
  it('a role change: the cashier’s till is refused once 10 s have passed', async () => {
    seedTeam(cloud(), [{ openid: 'team-till', role: 'cashier', name: '小陈', storeId: 'store-001' }])
    // Authorised (the empty payload is then refused as bad input): the instance now remembers a cashier.
    expect(await as('team-till').call('points', 'accrue', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const changedAt = cloud().now().getTime()
    dataOf(await update(OWNER, { staffOpenid: 'team-till', role: 'service' }))
    cloud().setNow(new Date(changedAt + ROLE_CACHE_SECONDS * 1000))
    expect(await as('team-till').call('points', 'accrue', {})).toMatchObject(refused('FORBIDDEN'))
    cloud().setNow(NOW)
  })

  it('a revocation: the revoked staff member is a member again, refused staff actions once 10 s have passed', async () => {
    seedTeam(cloud(), [{ openid: 'team-leaving', role: 'cashier', name: '小走', storeId: 'store-001' }])
    expect(await as('team-leaving').call('points', 'accrue', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const revokedAt = cloud().now().getTime()
    expect(dataOf(await as(ADMIN).call('staff', 'revokeStaff', { staffOpenid: 'team-leaving' }))).toBeNull()
    expect(staffDoc(cloud(), 'team-leaving')).toBeUndefined()
    cloud().setNow(new Date(revokedAt + ROLE_CACHE_SECONDS * 1000))
    expect(await as('team-leaving').call('points', 'accrue', {})).toMatchObject(refused('FORBIDDEN'))
    expect(dataOf(await as('team-leaving').call('staff', 'whoami', {}))).toEqual({ role: null, name: null, storeId: null, storeName: null })
    expect(cloud().db.find('audit', { action: 'revokeStaff' })).toEqual([expect.objectContaining({ actor: ADMIN, payload: { staffOpenid: 'team-leaving' } })])
    cloud().setNow(NOW)
  })
})

describe('the last owner', () => {
  it('can be neither revoked nor demoted, by anyone, themselves included', async () => {
    const before = cloud().db.find('staff')
    expect(await as(OWNER).call('staff', 'revokeStaff', { staffOpenid: OWNER })).toMatchObject(refused('CONFLICT', 'staffOpenid'))
    expect(await as(ADMIN).call('staff', 'revokeStaff', { staffOpenid: OWNER })).toMatchObject(refused('FORBIDDEN', 'staffOpenid'))
    expect(await update(ADMIN, { staffOpenid: OWNER, role: 'admin' })).toMatchObject(refused('FORBIDDEN'))
    expect(await update(OWNER, { staffOpenid: OWNER, role: 'admin' })).toMatchObject(refused('CONFLICT', 'role'))
    expect(await as(ADMIN).call('staff', 'revokeStaff', { staffOpenid: ADMIN_2 })).toMatchObject(refused('FORBIDDEN'))
    expect(await as(ADMIN).call('staff', 'revokeStaff', { staffOpenid: ADMIN })).toMatchObject(refused('CONFLICT'))
    expect(await as(CASHIER).call('staff', 'revokeStaff', { staffOpenid: OWNER })).toMatchObject(refused('FORBIDDEN'))
    expect(cloud().db.find('staff')).toEqual(before)
    expect(ownersOf(cloud())).toEqual([OWNER])
  })
})

describe('handing the shop over', () => {
  it('is the owner’s alone, and a wrong confirmation name writes nothing', async () => {
    const before = cloud().db.find('staff')
    const audits = auditCount()
    expect(await as(ADMIN).call('staff', 'transferOwnership', { staffOpenid: ADMIN, confirmName: '赵经理' })).toMatchObject(refused('FORBIDDEN'))
    expect(await as(OWNER).call('staff', 'transferOwnership', { staffOpenid: ADMIN, confirmName: '赵总' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'confirmName', message: expect.stringContaining('赵经理') }] },
    })
    expect(await as(OWNER).call('staff', 'transferOwnership', { staffOpenid: OWNER, confirmName: '王店长' })).toMatchObject(refused('CONFLICT', 'staffOpenid'))
    expect(await as(OWNER).call('staff', 'transferOwnership', { staffOpenid: 'team-nobody', confirmName: '谁' })).toMatchObject(refused('NOT_FOUND', 'staffOpenid'))
    expect(cloud().db.find('staff')).toEqual(before)
    expect(auditCount()).toBe(audits)
  })

  it('makes the colleague the one owner and the former owner an admin, in one step', async () => {
    const list = dataOf(await as(OWNER).call('staff', 'transferOwnership', { staffOpenid: ADMIN, confirmName: ' 赵经理 ' }))
    expect(ownersOf(cloud())).toEqual([ADMIN])
    expect(staffDoc(cloud(), OWNER)).toMatchObject({ role: 'admin', updatedBy: OWNER })
    expect(list.find((entry) => entry.you)).toMatchObject({ openid: OWNER, role: 'admin' })
    expect(list.find((entry) => entry.openid === ADMIN)).toMatchObject({ role: 'owner', manageable: false })
    expect(cloud().db.find('audit', { action: 'transferOwnership' })).toEqual([expect.objectContaining({ actor: OWNER, role: 'owner', payload: { staffOpenid: ADMIN, confirmName: '赵经理' } })])

    // The former owner's instance may still remember them as owner; the transfer reads them afresh and refuses.
    expect(await as(OWNER).call('staff', 'transferOwnership', { staffOpenid: CASHIER, confirmName: '小李' })).toMatchObject(refused('FORBIDDEN'))
    expect(await as(OWNER).call('staff', 'revokeStaff', { staffOpenid: ADMIN })).toMatchObject(refused('FORBIDDEN'))
    expect(ownersOf(cloud())).toEqual([ADMIN])
    // The new owner manages the former one like any admin.
    expect(dataOf(await update(ADMIN, { staffOpenid: OWNER, storeId: 'store-002' }))).toMatchObject({ role: 'admin', storeId: 'store-002' })
  })
})
