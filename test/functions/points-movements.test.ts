import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, pointsInvariant, seedMember, seedStaff } from '../support/members'

const { cloud, as } = useLocalCloud()
const till = () => as('cashier-1')
let sequence = 0
const requestId = () => `adj-${Date.now()}-${++sequence}`

async function accrue(openid: string, orderNo: string, amount: number) {
  return dataOf(await till().call('points', 'accrue', { memberCode: memberCodeOf(cloud(), openid), storeId: 'store-001', orderNo, amount }))
}

beforeAll(() => seedStaff(cloud(), { 'owner-1': 'owner', 'admin-1': 'admin', 'cashier-1': 'cashier', 'service-1': 'service' }))

describe('refunds', () => {
  it('reverse points in proportion, cumulatively exact over partial refunds, once per refund id', async () => {
    const member = seedMember(cloud(), 'refund-a')
    await accrue('refund-a', 'RF1', 100)
    const first = dataOf(await till().call('points', 'refund', { storeId: 'store-001', orderNo: 'RF1', refundId: 'R1', amount: 33.33 }))
    expect(first).toMatchObject({ pointsReversed: 33, shortfall: 0, pointsBalance: 67, duplicate: false })
    const repeat = dataOf(await till().call('points', 'refund', { storeId: 'store-001', orderNo: 'RF1', refundId: 'R1', amount: 33.33 }))
    expect(repeat).toEqual({ ...first, duplicate: true })
    await till().call('points', 'refund', { storeId: 'store-001', orderNo: 'RF1', refundId: 'R2', amount: 33.33 })
    const last = dataOf(await till().call('points', 'refund', { storeId: 'store-001', orderNo: 'RF1', refundId: 'R3', amount: 33.34 }))
    expect(last.pointsBalance).toBe(0)
    expect(pointsInvariant(cloud(), 'refund-a')).toEqual({ balance: 0, ledgerSum: 0, lotsSum: 0, negativeLots: 0 })
    const orders = dataOf(await till().call('points', 'orders', { cardNo: member.cardNo }))
    expect(orders.orders).toEqual([expect.objectContaining({ orderNo: 'RF1', amountFen: 10000, pointsEarned: 100, refundedFen: 10000, cashierName: 'cashier' })])
  })

  it('never refunds more than the order, and refuses a reused refund id with another amount', async () => {
    seedMember(cloud(), 'refund-b')
    await accrue('refund-b', 'RF2', 50)
    await till().call('points', 'refund', { storeId: 'store-001', orderNo: 'RF2', refundId: 'X1', amount: 40 })
    expect(await till().call('points', 'refund', { storeId: 'store-001', orderNo: 'RF2', refundId: 'X2', amount: 10.01 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'amount' }] },
    })
    expect(await till().call('points', 'refund', { storeId: 'store-001', orderNo: 'RF2', refundId: 'X1', amount: 5 })).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_MISMATCH' } })
    expect(await till().call('points', 'refund', { storeId: 'store-001', orderNo: 'NOPE', refundId: 'X1', amount: 5 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('records a shortfall instead of a negative balance when the points were already spent', async () => {
    seedMember(cloud(), 'refund-c')
    await accrue('refund-c', 'RF3', 300)
    dataOf(await till().call('points', 'payWithPoints', { memberCode: memberCodeOf(cloud(), 'refund-c'), storeId: 'store-001', orderNo: 'PAY3', orderAmount: 10, points: 200 }))
    const refund = dataOf(await till().call('points', 'refund', { storeId: 'store-001', orderNo: 'RF3', refundId: 'S1', amount: 300 }))
    expect(refund).toMatchObject({ pointsReversed: 100, shortfall: 200, pointsBalance: 0 })
    const [row] = cloud().db.find('ledger', { _id: 'refund:store-001:RF3:S1' })
    expect(row).toMatchObject({ delta: -100, shortfall: 200, reason: '退款 ¥300.00 · 单号 RF3 · 200 积分已使用无法扣回' })
    expect(pointsInvariant(cloud(), 'refund-c')).toEqual({ balance: 0, ledgerSum: 0, lotsSum: 0, negativeLots: 0 })
  })
})

describe('points as cash', () => {
  it('takes whole yuan of points, capped at half the order, once per order number', async () => {
    seedMember(cloud(), 'cash-a')
    await accrue('cash-a', 'CA1', 1000)
    const paid = dataOf(await till().call('points', 'payWithPoints', { memberCode: memberCodeOf(cloud(), 'cash-a'), storeId: 'store-001', orderNo: 'CA2', orderAmount: 20, points: 1000 }))
    expect(paid).toEqual({ orderNo: 'CA2', pointsUsed: 1000, discountFen: 1000, pointsBalance: 0, duplicate: false })
    const again = dataOf(await till().call('points', 'payWithPoints', { memberCode: memberCodeOf(cloud(), 'cash-a'), storeId: 'store-001', orderNo: 'CA2', orderAmount: 20, points: 1000 }))
    expect(again.duplicate).toBe(true)
    expect(pointsInvariant(cloud(), 'cash-a').balance).toBe(0)
  })

  it.each([
    ['not a multiple of 100', 150, 100, '积分抵扣须为 100 的整数倍'],
    ['over half the order', 600, 10, '本单最多可用 500 积分（抵扣不超过折后金额的 50%）'],
  ])('refuses points %s', async (_label, points, orderAmount, message) => {
    seedMember(cloud(), `cash-${points}`)
    await accrue(`cash-${points}`, `CX${points}`, 2000)
    const envelope = await till().call('points', 'payWithPoints', { memberCode: memberCodeOf(cloud(), `cash-${points}`), storeId: 'store-001', orderNo: `CY${points}`, orderAmount, points })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message, fields: [{ path: 'points' }] } })
  })

  it('refuses more points than the member has', async () => {
    seedMember(cloud(), 'cash-poor')
    await accrue('cash-poor', 'CP1', 150)
    const envelope = await till().call('points', 'payWithPoints', { memberCode: memberCodeOf(cloud(), 'cash-poor'), storeId: 'store-001', orderNo: 'CP2', orderAmount: 100, points: 200 })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_POINTS' } })
    expect(pointsInvariant(cloud(), 'cash-poor').balance).toBe(150)
  })
})

describe('adjustments', () => {
  it('owner and admin adjust with a reason, audited; a retried request is applied once', async () => {
    const member = seedMember(cloud(), 'adjust-a')
    const id = requestId()
    const added = dataOf(await as('owner-1').call('points', 'adjust', { cardNo: member.cardNo, delta: 500, reason: '活动补发', requestId: id }))
    expect(added).toEqual({ delta: 500, pointsBalance: 500, duplicate: false })
    expect(dataOf(await as('owner-1').call('points', 'adjust', { cardNo: member.cardNo, delta: 500, reason: '活动补发', requestId: id })).duplicate).toBe(true)
    dataOf(await as('admin-1').call('points', 'adjust', { cardNo: member.cardNo, delta: -200, reason: '误操作扣回', requestId: requestId() }))
    expect(pointsInvariant(cloud(), 'adjust-a')).toEqual({ balance: 300, ledgerSum: 300, lotsSum: 300, negativeLots: 0 })
    const audits = cloud().db.find('audit', { fn: 'points', action: 'adjust' })
    expect(audits.map((entry) => [entry.actor, entry.payload.delta, entry.payload.reason])).toEqual([
      ['owner-1', 500, '活动补发'],
      ['owner-1', 500, '活动补发'],
      ['admin-1', -200, '误操作扣回'],
    ])
  })

  it('refuses to take a balance below zero, a missing reason, and a cashier', async () => {
    const member = seedMember(cloud(), 'adjust-b')
    expect(await as('owner-1').call('points', 'adjust', { cardNo: member.cardNo, delta: -1, reason: '扣减', requestId: requestId() })).toMatchObject({
      ok: false,
      error: { code: 'INSUFFICIENT_POINTS' },
    })
    expect(await as('owner-1').call('points', 'adjust', { cardNo: member.cardNo, delta: 10, reason: ' ', requestId: requestId() })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'reason' }] },
    })
    expect(await as('cashier-1').call('points', 'adjust', { cardNo: member.cardNo, delta: 10, reason: '想加', requestId: requestId() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(cloud().db.find('ledger', { openid: 'adjust-b' })).toHaveLength(0)
  })
})

describe('history', () => {
  it('pages newest first, 20 at a time, without gaps or repeats, and filters by kind', async () => {
    // Top tier, so the ×2 multiplier holds throughout (no upgrade midway).
    const member = seedMember(cloud(), 'history-a', { tier: 'diamond' })
    for (let index = 0; index < 45; index++) await accrue('history-a', `HS${String(index).padStart(2, '0')}`, 10 + index)
    await till().call('points', 'payWithPoints', { memberCode: memberCodeOf(cloud(), 'history-a'), storeId: 'store-001', orderNo: 'HSPAY', orderAmount: 100, points: 100 })
    const seen: string[] = []
    let cursor: string | undefined
    const sizes: number[] = []
    do {
      const page = dataOf(await as('history-a').call('points', 'history', cursor ? { cursor } : {}))
      sizes.push(page.entries.length)
      seen.push(...page.entries.map((entry) => entry.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(sizes).toEqual([20, 20, 6])
    expect(new Set(seen).size).toBe(46)
    expect(seen[0]).toBe('cash:store-001:HSPAY')
    const redeemed = dataOf(await as('history-a').call('points', 'history', { filter: 'redeemed' }))
    expect(redeemed.entries.map((entry) => entry.reason)).toEqual(['积分抵现 ¥1.00 · 单号 HSPAY'])
    const earned = dataOf(await as('history-a').call('points', 'history', { filter: 'earned' }))
    expect(earned.entries[0]).toMatchObject({ kind: 'earn', delta: 108, reason: '消费 ¥54.00 · 单号 HS44' })
    expect(earned.entries[0].expiresAt).not.toBeNull()
    const staffView = dataOf(await as('service-1').call('points', 'memberHistory', { cardNo: member.cardNo }))
    expect(staffView.entries.map((entry) => entry.id)).toEqual(seen.slice(0, 20))
    expect(await as('history-a').call('points', 'memberHistory', { cardNo: member.cardNo })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await as('history-a').call('points', 'history', { cursor: 'not-a-cursor' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('summarises the balance and what expires next', async () => {
    seedMember(cloud(), 'summary-a')
    await accrue('summary-a', 'SM1', 120)
    const summary = dataOf(await as('summary-a').call('points', 'summary', {}))
    expect(summary).toMatchObject({ pointsBalance: 120, lifetimePoints: 120, expiringSoon: null, pointsPerYuan: 1, pointsPerCashYuan: 100 })
    cloud().setNow(new Date(Date.now() + 340 * 24 * 3600 * 1000))
    try {
      const later = dataOf(await as('summary-a').call('points', 'summary', {}))
      expect(later.expiringSoon).toMatchObject({ points: 120 })
    } finally {
      cloud().setNow(null)
    }
  })
})
