import { dataOf, useLocalCloud } from '../support/localCloud'
import { seedStores, seedTeam } from '../support/workspace'

const { cloud, as } = useLocalCloud()

beforeAll(() => seedStores(cloud(), [{ id: 'store-001', name: '会员通示范店' }]))

describe('staff', () => {
  it('sets up the first owner only from a server-side invocation, and only once', async () => {
    const fromClient = await as('would-be-owner').call('staff', 'bootstrapOwner', { ownerOpenid: 'would-be-owner' })
    expect(fromClient).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(cloud().db.find('staff')).toHaveLength(0)

    const owner = dataOf(await as(null).call('staff', 'bootstrapOwner', { ownerOpenid: 'owner-1', name: '王店长' }))
    expect(owner).toMatchObject({ openid: 'owner-1', name: '王店长', role: 'owner', roleName: '店主', storeId: 'store-001', storeName: '会员通示范店', manageable: false, you: true })
    expect(await as(null).call('staff', 'bootstrapOwner', { ownerOpenid: 'owner-2' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(cloud().db.find('staff', { role: 'owner' })).toHaveLength(1)
    expect(cloud().db.find('audit', { action: 'bootstrapOwner' })).toEqual([expect.objectContaining({ fn: 'staff', actor: null, role: null, payload: { ownerOpenid: 'owner-1', name: '王店长' } })])
  })

  it('tells anyone who they are: role, name and store for staff, all null for a member', async () => {
    expect(dataOf(await as('owner-1').call('staff', 'whoami', {}))).toEqual({ role: 'owner', name: '王店长', storeId: 'store-001', storeName: '会员通示范店' })
    expect(dataOf(await as('some-member').call('staff', 'whoami', {}))).toEqual({ role: null, name: null, storeId: null, storeName: null })
    // A record from before stores has no store.
    seedTeam(cloud(), [{ openid: 'cashier-old', role: 'cashier', name: '老张' }])
    expect(dataOf(await as('cashier-old').call('staff', 'whoami', {}))).toEqual({ role: 'cashier', name: '老张', storeId: null, storeName: null })
  })

  it('lists staff for owner and admin only', async () => {
    seedTeam(cloud(), [
      { openid: 'admin-1', role: 'admin', name: '赵经理', storeId: 'store-001' },
      { openid: 'service-1', role: 'service', name: '客服小周', storeId: 'store-001' },
    ])
    for (const caller of ['owner-1', 'admin-1']) {
      const listed = dataOf(await as(caller).call('staff', 'list', {}))
      expect(listed.map((entry) => entry.role).sort()).toEqual(['admin', 'cashier', 'owner', 'service'])
      expect(listed.filter((entry) => entry.you).map((entry) => entry.openid)).toEqual([caller])
    }
    for (const caller of ['cashier-old', 'service-1', 'some-member']) {
      expect(await as(caller).call('staff', 'list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限执行此操作' } })
    }
  })

  it('rejects a bad role payload with INVALID_INPUT naming the field, and writes nothing', async () => {
    const before = cloud().db.find('staff')
    const envelope = await as('owner-1').call('staff', 'updateStaff', { staffOpenid: 'cashier-old', role: 'emperor' } as never)
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'role' }] } })
    expect(await as('owner-1').call('staff', 'updateStaff', { staffOpenid: 'cashier-old' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'role', message: '请选择要修改的内容' }] },
    })
    expect(cloud().db.find('staff')).toEqual(before)
  })
})
