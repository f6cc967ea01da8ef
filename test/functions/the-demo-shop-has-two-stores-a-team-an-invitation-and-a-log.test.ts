/**
 * The demo's staff workspace, as a newcomer first sees it: two stores with their staff, 赵经理 as
 * the admin (`?as=admin`), an invitation waiting to be scanned, and an audit log that says what the
 * demo ledger's adjustments were.
 */
import { dataOf, useLocalCloud } from '../support/localCloud'
import { seedIfEmpty } from '../../scripts/seed'
import { DEMO_INVITATION_TOKEN, DEMO_STAFF } from '../../scripts/demoStaff'
import type { LedgerRow } from '../../cloudfunctions/shared/domain/ledger'

const { cloud, as } = useLocalCloud()

beforeAll(() => {
  cloud().db.clear()
  expect(seedIfEmpty(cloud().db, cloud().now())).toBe(true)
})

describe('the demo staff workspace', () => {
  it('has two open stores, every staff member at one of them', async () => {
    const stores = dataOf(await as('demo-owner').call('staff', 'stores', {}))
    expect(stores.map((store) => [store.id, store.name, store.closed])).toEqual([
      ['store-001', '会员通示范店', false],
      ['store-002', '会员通滨江店', false],
    ])
    expect(stores.reduce((sum, store) => sum + store.staffCount, 0)).toBe(DEMO_STAFF.length)
  })

  it('has 赵经理 as an admin at the second store, who manages the roles below and not the owner', async () => {
    expect(dataOf(await as('demo-admin').call('staff', 'whoami', {}))).toEqual({ role: 'admin', name: '赵经理', storeId: 'store-002', storeName: '会员通滨江店' })
    const list = dataOf(await as('demo-admin').call('staff', 'list', {}))
    expect(
      list
        .filter((entry) => entry.manageable)
        .map((entry) => entry.role)
        .sort(),
    ).toEqual(['cashier', 'marketing', 'service'])
  })

  it('has a pending invitation for a cashier a visitor can open', async () => {
    expect(dataOf(await as('visitor-demo').call('staff', 'invitationInfo', { token: DEMO_INVITATION_TOKEN }))).toMatchObject({
      shopName: '会员通示范店',
      roleName: '收银员',
      storeName: '会员通滨江店',
      status: 'pending',
      createdByName: '赵经理',
      yourRole: null,
    })
    expect(dataOf(await as('demo-owner').call('staff', 'invitations', {})).map((invitation) => invitation.status)).toEqual(['pending'])
  })

  it('has an audit log with a sentence for each of the owner’s demo adjustments', async () => {
    const adjustments = (cloud().db.find('ledger', { kind: 'adjust' }) as LedgerRow[]).length
    expect(adjustments).toBeGreaterThan(0)
    const { entries } = dataOf(await as('demo-owner').call('staff', 'audit', { action: 'points.adjust' }))
    expect(entries).toHaveLength(adjustments)
    for (const entry of entries) expect(entry.text).toMatch(/^王店长 调整积分 \S+ [+-]\d+ 原因：.+$/)
  })
})
