/**
 * staff.stores / saveStore / closeStore / reopenStore through the emulator: the owner runs the
 * stores; a closed store keeps its staff and history but is chosen for nothing new (a move, an
 * invitation, a member joining by its code); check-in records the checking staff member's store.
 */
import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, seedMember } from '../support/members'
import { activityDraft, publishedActivity } from '../support/activities'
import { seedStores, seedTeam, tap } from '../support/workspace'
import type { SignupDoc } from '../../cloudfunctions/shared/data/activities'
import type { StoreDoc } from '../../cloudfunctions/shared/data/stores'

const { cloud, as } = useLocalCloud({ maxInstances: 3 })

const NOW = new Date('2026-12-03T10:00:00+08:00')
const OWNER = 'shop-owner'
const ADMIN = 'shop-admin'
const CASHIER = 'shop-cashier'

const storeDoc = (id: string) => cloud().db.find('stores', { _id: id })[0] as StoreDoc | undefined
const refused = (code: string, path?: string) => ({ ok: false, error: { code, ...(path && { fields: [expect.objectContaining({ path })] }) } })

beforeAll(() => {
  cloud().setNow(NOW)
  seedStores(cloud(), [{ id: 'store-001', name: '会员通示范店' }])
  seedTeam(cloud(), [
    { openid: OWNER, role: 'owner', name: '王店长', storeId: 'store-001' },
    { openid: ADMIN, role: 'admin', name: '赵经理', storeId: 'store-001' },
    { openid: CASHIER, role: 'cashier', name: '小李', storeId: 'store-001' },
  ])
})
afterAll(() => cloud().setNow(null))

describe('the owner’s stores', () => {
  it('creates a store under the next store-NNN id and edits it; a second store of the same name is refused', async () => {
    const created = dataOf(await as(OWNER).call('staff', 'saveStore', { name: '会员通滨江店', address: '杭州市滨江区江南大道 1088 号', phone: '0571-88886666' }))
    expect(created).toEqual({ id: 'store-002', name: '会员通滨江店', address: '杭州市滨江区江南大道 1088 号', phone: '0571-88886666', closed: false, createdAt: expect.any(String), staffCount: 0 })
    expect(storeDoc('store-002')).toMatchObject({ name: '会员通滨江店', closed: false, updatedBy: OWNER })

    const edited = dataOf(await as(OWNER).call('staff', 'saveStore', { id: 'store-002', name: '会员通滨江旗舰店', address: '杭州市滨江区江南大道 1099 号' }))
    expect(edited).toMatchObject({ id: 'store-002', name: '会员通滨江旗舰店', address: '杭州市滨江区江南大道 1099 号', phone: '' })
    expect(storeDoc('store-002')).toMatchObject({ name: '会员通滨江旗舰店', createdAt: expect.any(Date) })

    const stores = cloud().db.find('stores').length
    expect(await as(OWNER).call('staff', 'saveStore', { name: '会员通示范店' })).toMatchObject(refused('CONFLICT', 'name'))
    expect(await as(OWNER).call('staff', 'saveStore', { id: 'store-404', name: '不存在的店' })).toMatchObject(refused('NOT_FOUND', 'id'))
    expect(cloud().db.find('stores')).toHaveLength(stores)
  })

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = cloud().db.find('stores')
    expect(await as(OWNER).call('staff', 'saveStore', { name: '店' })).toMatchObject(refused('INVALID_INPUT', 'name'))
    expect(await as(OWNER).call('staff', 'saveStore', { name: '好名字店', phone: '电话' })).toMatchObject(refused('INVALID_INPUT', 'phone'))
    expect(await as(OWNER).call('staff', 'saveStore', { id: 'Store 1!', name: '好名字店' })).toMatchObject(refused('INVALID_INPUT', 'id'))
    expect(cloud().db.find('stores')).toEqual(before)
  })

  it('lists stores with their staff counts, closed ones only when asked', async () => {
    dataOf(await as(OWNER).call('staff', 'updateStaff', { staffOpenid: ADMIN, storeId: 'store-002' }))
    const listed = dataOf(await as(ADMIN).call('staff', 'stores', {}))
    expect(listed.map((store) => [store.id, store.staffCount, store.closed])).toEqual([
      ['store-001', 2, false],
      ['store-002', 1, false],
    ])
  })

  it('closes a store: gone from the list and from every choice, its staff kept; reopening gives it back', async () => {
    const closed = dataOf(await as(OWNER).call('staff', 'closeStore', { id: 'store-002' }))
    expect(closed).toMatchObject({ id: 'store-002', closed: true, staffCount: 1 })
    expect(storeDoc('store-002')).toMatchObject({ closed: true, closedAt: expect.any(Date) })
    expect(dataOf(await as(OWNER).call('staff', 'stores', {})).map((store) => store.id)).toEqual(['store-001'])
    expect(dataOf(await as(OWNER).call('staff', 'stores', { includeClosed: true })).map((store) => [store.id, store.closed])).toEqual([
      ['store-001', false],
      ['store-002', true],
    ])
    // Closing twice is harmless.
    expect(dataOf(await as(OWNER).call('staff', 'closeStore', { id: 'store-002' }))).toMatchObject({ closed: true })

    expect(await as(OWNER).call('staff', 'updateStaff', { staffOpenid: CASHIER, storeId: 'store-002' })).toMatchObject(refused('CONFLICT', 'storeId'))
    expect(await as(OWNER).call('staff', 'invite', { role: 'cashier', storeId: 'store-002', requestId: tap() })).toMatchObject(refused('CONFLICT', 'storeId'))
    expect(cloud().db.find('staff', { _id: ADMIN })[0]).toMatchObject({ storeId: 'store-002' })
    // Its join code no longer greets: the scene reads as no store at all.
    expect(dataOf(await as('shop-visitor').call('member', 'sceneInfo', { scene: 's=store-002' }))).toEqual({ storeId: null, storeName: null, referred: false })
    expect(dataOf(await as('shop-visitor').call('member', 'sceneInfo', { scene: 's=store-001' }))).toMatchObject({ storeId: 'store-001', storeName: '会员通示范店' })

    expect(dataOf(await as(OWNER).call('staff', 'reopenStore', { id: 'store-002' }))).toMatchObject({ id: 'store-002', closed: false })
    expect(dataOf(await as(OWNER).call('staff', 'updateStaff', { staffOpenid: CASHIER, storeId: 'store-002' }))).toMatchObject({ storeId: 'store-002' })
    expect(dataOf(await as('shop-visitor').call('member', 'sceneInfo', { scene: 's=store-002' }))).toMatchObject({ storeId: 'store-002' })
  })

  it('never closes the last open store', async () => {
    dataOf(await as(OWNER).call('staff', 'closeStore', { id: 'store-002' }))
    expect(await as(OWNER).call('staff', 'closeStore', { id: 'store-001' })).toMatchObject(refused('CONFLICT', 'id'))
    expect(storeDoc('store-001')).toMatchObject({ closed: false })
    expect(await as(OWNER).call('staff', 'closeStore', { id: 'store-404' })).toMatchObject(refused('NOT_FOUND', 'id'))
    dataOf(await as(OWNER).call('staff', 'reopenStore', { id: 'store-002' }))
  })

  it('is the owner’s alone: an admin sees the stores but changes none, a cashier sees none', async () => {
    const before = cloud().db.find('stores')
    for (const action of ['saveStore', 'closeStore', 'reopenStore'] as const) {
      expect(await as(ADMIN).call('staff', action, { id: 'store-002', name: '改名店' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(await as(CASHIER).call('staff', 'stores', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(cloud().db.find('stores')).toEqual(before)
  })
})

describe('check-in', () => {
  it('records the store of the staff member who checked the member in', async () => {
    const activity = await publishedActivity(as, OWNER, activityDraft(new Date('2026-12-20T19:00:00+08:00'), { capacity: 5 }))
    seedMember(cloud(), 'shop-guest')
    dataOf(await as('shop-guest').call('activity', 'signup', { activityId: activity.id }))
    cloud().setNow(new Date('2026-12-20T18:30:00+08:00'))
    dataOf(await as(CASHIER).call('activity', 'checkIn', { activityId: activity.id, memberCode: memberCodeOf(cloud(), 'shop-guest') }))
    const [signup] = cloud().db.find('signups', { _id: `${activity.id}:shop-guest` }) as SignupDoc[]
    expect(signup).toMatchObject({ checkedInBy: CASHIER, checkedInStore: 'store-002' })
    expect(cloud().db.find('audit', { action: 'checkIn' })).toEqual([expect.objectContaining({ actor: CASHIER, member: 'shop-guest' })])
    cloud().setNow(NOW)
  })
})
