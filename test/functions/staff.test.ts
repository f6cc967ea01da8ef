import { dataOf, useLocalCloud } from '../support/localCloud'

const { cloud, as } = useLocalCloud()

describe('staff', () => {
  it('sets up the first owner only from a server-side invocation, and only once', async () => {
    const fromClient = await as('would-be-owner').call('staff', 'bootstrapOwner', { ownerOpenid: 'would-be-owner' })
    expect(fromClient).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(cloud().db.find('staff')).toHaveLength(0)

    const owner = dataOf(await as(null).call('staff', 'bootstrapOwner', { ownerOpenid: 'owner-1', name: '王店长' }))
    expect(owner).toEqual({ openid: 'owner-1', name: '王店长', role: 'owner' })
    expect(await as(null).call('staff', 'bootstrapOwner', { ownerOpenid: 'owner-2' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(cloud().db.find('staff', { role: 'owner' })).toHaveLength(1)
    expect(cloud().db.find('audit', { action: 'bootstrapOwner' })).toHaveLength(1)
  })

  it('lets the owner assign roles, audited with who did it', async () => {
    const entry = dataOf(await as('owner-1').call('staff', 'assign', { staffOpenid: 'cashier-1', staffRole: 'cashier', name: '小李' }))
    expect(entry).toEqual({ openid: 'cashier-1', name: '小李', role: 'cashier' })
    expect(dataOf(await as('cashier-1').call('staff', 'whoami', {}))).toEqual({ role: 'cashier' })
    const [audit] = cloud().db.find('audit', { action: 'assign' })
    expect(audit).toMatchObject({ fn: 'staff', actor: 'owner-1', role: 'owner', payload: { staffOpenid: 'cashier-1', staffRole: 'cashier' } })
    expect(audit.at).toBeInstanceOf(Date)
  })

  it('forbids role changes to anyone but the owner, and writes nothing', async () => {
    const staffBefore = cloud().db.find('staff')
    const auditBefore = cloud().db.find('audit').length
    for (const caller of ['cashier-1', 'some-member']) {
      const envelope = await as(caller).call('staff', 'assign', { staffOpenid: caller, staffRole: 'owner', name: '我' })
      expect(envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限执行此操作' } })
    }
    expect(cloud().db.find('staff')).toEqual(staffBefore)
    expect(cloud().db.find('audit')).toHaveLength(auditBefore)
  })

  it('does not let the owner demote themselves', async () => {
    const envelope = await as('owner-1').call('staff', 'assign', { staffOpenid: 'owner-1', staffRole: 'cashier', name: '王店长' })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('lists staff for owner and admin only', async () => {
    dataOf(await as('owner-1').call('staff', 'assign', { staffOpenid: 'admin-1', staffRole: 'admin', name: '赵经理' }))
    dataOf(await as('owner-1').call('staff', 'assign', { staffOpenid: 'service-1', staffRole: 'service', name: '客服小周' }))
    for (const caller of ['owner-1', 'admin-1']) {
      expect(
        dataOf(await as(caller).call('staff', 'list', {}))
          .map((entry) => entry.role)
          .sort(),
      ).toEqual(['admin', 'cashier', 'owner', 'service'])
    }
    for (const caller of ['cashier-1', 'service-1', 'some-member']) {
      expect(await as(caller).call('staff', 'list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
  })

  it('rejects a bad role payload with INVALID_INPUT', async () => {
    const envelope = await as('owner-1').call('staff', 'assign', { staffOpenid: 'x-1234567', staffRole: 'emperor', name: '谁' } as never)
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'staffRole' }] } })
    expect(cloud().db.find('staff', { _id: 'x-1234567' })).toHaveLength(0)
  })
})
