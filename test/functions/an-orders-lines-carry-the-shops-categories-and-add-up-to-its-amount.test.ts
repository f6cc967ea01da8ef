/**
 * An order's lines with a category each (issue 14, the dashboards' category mix), through the
 * emulator: points.accrue and points.checkout keep them on the order's earn row as order.items,
 * lines that do not add up to the amount or name a category the shop does not keep are refused with
 * nothing written, and the shop's list is read by the till and the 数据 pages and set by a manager.
 */
import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, pointsInvariant, seedMember, seedStaff } from '../support/members'
import { DEFAULT_CATEGORIES, UNCATEGORISED } from '../../cloudfunctions/shared/contract/statsFields'

const { cloud, as } = useLocalCloud({ maxInstances: 2 })

const NOW = new Date('2026-11-25T15:00:00+08:00')

beforeAll(() => {
  cloud().setNow(NOW)
  seedStaff(cloud(), { 'cat-owner': 'owner', 'cat-admin': 'admin', 'cat-cashier': 'cashier', 'cat-marketing': 'marketing', 'cat-service': 'service' })
})
afterAll(() => cloud().setNow(null))

const till = () => as('cat-cashier')
const accrual = (openid: string, orderNo: string, amount: number, items?: unknown) => ({
  memberCode: memberCodeOf(cloud(), openid),
  storeId: 'store-001',
  orderNo,
  amount,
  ...(items === undefined ? {} : { items }),
})
const orderRow = (orderNo: string) => cloud().db.find('ledger', { _id: `order:store-001:${orderNo}` })[0] as { order: Record<string, unknown> } | undefined
const memberDoc = (openid: string) => cloud().db.find('members', { _id: openid })[0]

describe('points.accrue with lines', () => {
  it('keeps each line, its category and its total in fen on the order’s row', async () => {
    seedMember(cloud(), 'cat-a')
    const items = [
      { name: '手冲咖啡', category: '咖啡', quantity: 2, amount: 64 },
      { name: '可颂', category: '烘焙', quantity: 1, amount: 24.5 },
    ]
    const result = dataOf(await till().call('points', 'accrue', accrual('cat-a', 'CAT-1', 88.5, items)))
    expect(result).toMatchObject({ amountFen: 8850, pointsEarned: 88, duplicate: false })
    expect(orderRow('CAT-1')?.order.items).toEqual([
      { name: '手冲咖啡', category: '咖啡', quantity: 2, amountFen: 6400 },
      { name: '可颂', category: '烘焙', quantity: 1, amountFen: 2450 },
    ])
  })

  it('without lines, records the order as before: no items on its row', async () => {
    seedMember(cloud(), 'cat-b')
    dataOf(await till().call('points', 'accrue', accrual('cat-b', 'CAT-2', 30)))
    expect(orderRow('CAT-2')?.order).not.toHaveProperty('items')
  })

  it('refuses lines that do not add up to the amount, naming items, and writes nothing', async () => {
    seedMember(cloud(), 'cat-c')
    const ledgerBefore = cloud().db.find('ledger')
    const memberBefore = memberDoc('cat-c')
    const answer = await till().call(
      'points',
      'accrue',
      accrual('cat-c', 'CAT-3', 100, [
        { name: '拿铁', category: '咖啡', quantity: 2, amount: 60 },
        { name: '贝果', category: '烘焙', quantity: 1, amount: 30 },
      ]),
    )
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '商品合计与订单金额不一致', fields: [{ path: 'items', message: '商品合计与订单金额不一致' }] } })
    expect(cloud().db.find('ledger')).toEqual(ledgerBefore)
    expect(memberDoc('cat-c')).toEqual(memberBefore)
    expect(pointsInvariant(cloud(), 'cat-c').balance).toBe(0)
  })

  it('refuses a category the shop does not keep, naming items and the line, and writes nothing', async () => {
    seedMember(cloud(), 'cat-d')
    const memberBefore = memberDoc('cat-d')
    const answer = await till().call(
      'points',
      'accrue',
      accrual('cat-d', 'CAT-4', 50, [
        { name: '拿铁', category: '咖啡', quantity: 1, amount: 30 },
        { name: '盲盒', category: '玩具', quantity: 1, amount: 20 },
      ]),
    )
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'items', message: '第 2 行的商品分类「玩具」不在本店的分类中，请刷新后重选' }] } })
    expect(orderRow('CAT-4')).toBeUndefined()
    expect(memberDoc('cat-d')).toEqual(memberBefore)
  })

  it('refuses more than 20 lines and a line of 21 characters by field', async () => {
    seedMember(cloud(), 'cat-e')
    const many = Array.from({ length: 21 }, () => ({ name: '美式', category: '咖啡', quantity: 1, amount: 1 }))
    expect(await till().call('points', 'accrue', accrual('cat-e', 'CAT-5', 21, many))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'items', message: '商品明细最多 20 行' }] },
    })
    const long = [{ name: '超'.repeat(21), category: '咖啡', quantity: 1, amount: 1 }]
    expect(await till().call('points', 'accrue', accrual('cat-e', 'CAT-5', 1, long))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'items.0.name', message: '商品名称最多 20 个字' }] },
    })
    expect(orderRow('CAT-5')).toBeUndefined()
  })
})

describe('the shop’s categories', () => {
  it('are the default list until a manager saves one, for the till and the 数据 pages alike', async () => {
    for (const reader of ['cat-cashier', 'cat-marketing', 'cat-admin', 'cat-owner'])
      expect(dataOf(await as(reader).call('points', 'categories', {}))).toEqual({ categories: [...DEFAULT_CATEGORIES], custom: false, updatedAt: null })
    expect(await as('cat-service').call('points', 'categories', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await as('cat-a').call('points', 'categories', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('are not the cashier’s to set: FORBIDDEN, nothing saved', async () => {
    const answer = await till().call('points', 'setCategories', { categories: ['咖啡', '甜品'] })
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(cloud().db.find('settings', { _id: 'shop-categories' })).toHaveLength(0)
    expect(cloud().db.find('audit', { action: 'setCategories' })).toHaveLength(0)
  })

  it('refuses a list with a repeat, the reserved 未分类 or more than 12, by field', async () => {
    expect(await as('cat-owner').call('points', 'setCategories', { categories: ['咖啡', '咖啡'] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'categories.1', message: '商品分类「咖啡」重复了' }] },
    })
    expect(await as('cat-owner').call('points', 'setCategories', { categories: [UNCATEGORISED] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'categories.0', message: '「未分类」是系统保留的商品分类' }] },
    })
    const thirteen = Array.from({ length: 13 }, (_, index) => `分类${index}`)
    expect(await as('cat-owner').call('points', 'setCategories', { categories: thirteen })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'categories' }] } })
    expect(cloud().db.find('settings', { _id: 'shop-categories' })).toHaveLength(0)
  })

  it('are set by the owner, audited, and from then on the till takes only those', async () => {
    const saved = dataOf(await as('cat-owner').call('points', 'setCategories', { categories: [' 咖啡 ', '甜品', '周边'] }))
    expect(saved).toEqual({ categories: ['咖啡', '甜品', '周边'], custom: true, updatedAt: expect.stringMatching(/^2026-11-25T07:00/) })
    expect(dataOf(await till().call('points', 'categories', {}))).toEqual(saved)
    expect(cloud().db.find('audit', { fn: 'points', action: 'setCategories' })).toEqual([
      expect.objectContaining({ actor: 'cat-owner', role: 'owner', payload: { categories: ['咖啡', '甜品', '周边'] } }),
    ])

    seedMember(cloud(), 'cat-f')
    // 烘焙 was a default; the owner's list no longer has it.
    const refused = await till().call('points', 'accrue', accrual('cat-f', 'CAT-6', 10, [{ name: '可颂', category: '烘焙', quantity: 1, amount: 10 }]))
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'items' }] } })
    dataOf(await till().call('points', 'accrue', accrual('cat-f', 'CAT-6', 10, [{ name: '马卡龙', category: '甜品', quantity: 2, amount: 10 }])))
    expect(orderRow('CAT-6')?.order.items).toEqual([{ name: '马卡龙', category: '甜品', quantity: 2, amountFen: 1000 }])
  })

  it('may be set by an admin too', async () => {
    expect(dataOf(await as('cat-admin').call('points', 'setCategories', { categories: [...DEFAULT_CATEGORIES, '甜品'] })).categories).toEqual([...DEFAULT_CATEGORIES, '甜品'])
  })
})

describe('points.checkout with categorised lines', () => {
  const checkout = (openid: string, orderNo: string, amount: number, items: unknown) =>
    till().call('points', 'checkout', { memberCode: memberCodeOf(cloud(), openid), storeId: 'store-001', orderNo, amount, points: 0, items })

  it('keeps checkout.items as they were and adds order.items with each line’s total, 未分类 where none was picked', async () => {
    seedMember(cloud(), 'cat-g')
    const result = dataOf(
      await checkout('cat-g', 'CAT-7', 120, [
        { name: '手冲咖啡', quantity: 2, price: 35, category: '咖啡' },
        { name: '蛋糕', quantity: 1, price: 40, category: '甜品' },
        { name: '纸袋', quantity: 1, price: 10 },
      ]),
    )
    expect(result).toMatchObject({ orderNo: 'CAT-7', duplicate: false })
    const order = orderRow('CAT-7')!.order as { items: unknown; checkout: { items: unknown } }
    expect(order.checkout.items).toEqual([
      { name: '手冲咖啡', quantity: 2, priceFen: 3500 },
      { name: '蛋糕', quantity: 1, priceFen: 4000 },
      { name: '纸袋', quantity: 1, priceFen: 1000 },
    ])
    expect(order.items).toEqual([
      { name: '手冲咖啡', category: '咖啡', quantity: 2, amountFen: 7000 },
      { name: '蛋糕', category: '甜品', quantity: 1, amountFen: 4000 },
      { name: '纸袋', category: UNCATEGORISED, quantity: 1, amountFen: 1000 },
    ])
  })

  it('refuses a line whose category the shop does not keep, and writes nothing', async () => {
    seedMember(cloud(), 'cat-h')
    const memberBefore = memberDoc('cat-h')
    expect(await checkout('cat-h', 'CAT-8', 20, [{ name: '盲盒', quantity: 1, price: 20, category: '玩具' }])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'items', message: '第 1 行的商品分类「玩具」不在本店的分类中，请刷新后重选' }] },
    })
    expect(orderRow('CAT-8')).toBeUndefined()
    expect(memberDoc('cat-h')).toEqual(memberBefore)
  })
})
