/**
 * points.checkout through the emulator: one order with the tier discount, a coupon and points as
 * cash, written once, and its refund giving back what it took, once. The concurrency cases start the
 * calls together on several instances, as two tills would.
 */
import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, pointsInvariant, seedMember, seedStaff } from '../support/members'
import type { CouponDoc } from '../../cloudfunctions/shared/data/coupons'

const { cloud, as } = useLocalCloud({ maxInstances: 6 })

const NOW = new Date('2026-11-25T15:00:00+08:00')
const LOT_END = new Date('2027-06-30T23:59:59.999+08:00')
const till = (cashier = 'cashier-1') => as(cashier)

let sequence = 0
function seedCoupon(openid: string, overrides: Partial<CouponDoc> = {}): CouponDoc {
  sequence++
  const coupon: CouponDoc = {
    _id: `test:${openid}:${sequence}`,
    openid,
    code: `CK${[...String(sequence).padStart(8, '0')].map((digit) => 'ABCDEFGHJK'[Number(digit)]).join('')}`,
    title: '满100减10',
    kind: 'fixed',
    value: 1000,
    itemName: null,
    minSpendFen: 10_000,
    validFrom: new Date('2026-11-01T00:00:00+08:00'),
    validUntil: new Date('2026-12-31T23:59:59.999+08:00'),
    status: 'available',
    source: 'manual',
    usedAt: null,
    usedBy: null,
    orderNo: null,
    createdAt: new Date('2026-11-01T00:00:00+08:00'),
    ...overrides,
  }
  cloud().db.insertMany('coupons', [coupon])
  return coupon
}

/** A gold member (5 % off, ×1.5) holding `points` in one lot. */
function goldMember(openid: string, points = 5000) {
  return seedMember(cloud(), openid, { tier: 'gold', pointsBalance: points, lifetimePoints: points, pointLots: [{ expiresAt: LOT_END, remaining: points }], nextExpiryAt: LOT_END })
}

function checkout(openid: string, orderNo: string, extra: Record<string, unknown> = {}) {
  return till().call('points', 'checkout', { memberCode: memberCodeOf(cloud(), openid), storeId: 'store-001', orderNo, amount: 300, points: 2000, ...extra })
}

const couponNow = (id: string) => cloud().db.find('coupons', { _id: id })[0] as CouponDoc
const rowsOf = (openid: string) => cloud().db.find('ledger', { openid })

beforeEach(() => {
  cloud().db.clear()
  cloud().setNow(NOW)
  seedStaff(cloud(), { 'owner-1': 'owner', 'cashier-1': 'cashier', 'cashier-2': 'cashier', 'service-1': 'service' })
})
afterAll(() => cloud().setNow(null))

describe('points.quote', () => {
  it('offers the tier discount, the rule, and the coupons with the server’s word on each', async () => {
    goldMember('q-a')
    const usable = seedCoupon('q-a')
    seedCoupon('q-a', { title: '满500减50', minSpendFen: 50_000, value: 5000 })
    seedCoupon('q-other')
    const quote = dataOf(await till().call('points', 'quote', { memberCode: memberCodeOf(cloud(), 'q-a'), amount: 300 }))
    expect(quote).toMatchObject({ tier: 'gold', tierName: '金卡', discountPercent: 5, pointsBalance: 5000, pointsPerCashYuan: 100, maxCashShare: 0.5, pointsPerPaidYuan: 1.5 })
    expect(quote.coupons.map((coupon) => [coupon.title, coupon.usable, coupon.unusableReason])).toEqual([
      ['满100减10', true, null],
      ['满500减50', false, '满¥500可用'],
    ])
    expect(quote.coupons[0].id).toBe(usable._id)
  })

  it('is for the till only', async () => {
    goldMember('q-b')
    expect(await as('q-b').call('points', 'quote', { memberCode: memberCodeOf(cloud(), 'q-b'), amount: 300 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('points.checkout', () => {
  it('records ¥300 with 5 % off, a ¥10 coupon and 2,000 points as one order, and a repeat answers the same', async () => {
    goldMember('c-a')
    const coupon = seedCoupon('c-a')
    const result = dataOf(await checkout('c-a', 'CO-1', { couponId: coupon._id, expectedPayable: 255 }))
    expect(result).toMatchObject({
      orderNo: 'CO-1',
      price: { amountFen: 30_000, tierDiscountFen: 1500, couponDiscountFen: 1000, pointsUsed: 2000, cashFen: 2000, payableFen: 25_500 },
      coupon: { code: coupon.code, title: '满100减10' },
      pointsEarned: 382,
      pointsBalance: 3382,
      duplicate: false,
    })
    expect(couponNow(coupon._id)).toMatchObject({ status: 'used', usedBy: 'cashier-1', orderNo: 'CO-1' })
    expect(rowsOf('c-a')).toHaveLength(1)
    expect(pointsInvariant(cloud(), 'c-a')).toEqual({ balance: 3382, ledgerSum: 3382 - 5000, lotsSum: 3382, negativeLots: 0 })

    const history = dataOf(await as('c-a').call('points', 'history', {}))
    expect(history.entries.map((entry) => [entry.kind, entry.delta, entry.reason])).toEqual([
      ['earn', 382, '消费 ¥255.00 · 单号 CO-1'],
      ['redeem', -2000, '积分抵现 ¥20.00 · 单号 CO-1'],
    ])

    const again = dataOf(await checkout('c-a', 'CO-1', { couponId: coupon._id, expectedPayable: 255 }))
    expect(again).toEqual({ ...result, duplicate: true })
    expect(await checkout('c-a', 'CO-1', { couponId: coupon._id, points: 1000 })).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_MISMATCH' } })
    expect(rowsOf('c-a')).toHaveLength(1)
  })

  it('refuses bad input by field and writes nothing', async () => {
    goldMember('c-b')
    const coupon = seedCoupon('c-b', { minSpendFen: 50_000 })
    expect(await checkout('c-b', 'CO-2', { couponId: coupon._id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: [{ path: 'couponId', message: '满¥500可用' }] } })
    expect(await checkout('c-b', 'CO-2', { points: 150 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'points', message: '积分抵扣须为 100 的整数倍' }] } })
    expect(await checkout('c-b', 'CO-2', { points: -100 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'points' }] } })
    expect(await checkout('c-b', 'CO-2', { expectedPayable: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: [{ path: 'expectedPayable' }] } })
    expect(rowsOf('c-b')).toHaveLength(0)
    expect(couponNow(coupon._id).status).toBe('available')
  })

  it('keeps the order’s lines when the cashier lists them, and refuses lines that do not add up', async () => {
    goldMember('c-items')
    const items = [
      { name: '拿铁', quantity: 2, price: 100 },
      { name: '蛋糕', quantity: 1, price: 100 },
    ]
    expect(await checkout('c-items', 'IT-0', { points: 0, items: [{ name: '拿铁', quantity: 2, price: 100 }] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'items', message: '商品合计与订单金额不一致' }] },
    })
    dataOf(await checkout('c-items', 'IT-1', { points: 0, items }))
    const order = dataOf(await till().call('points', 'refundableOrder', { storeId: 'store-001', orderNo: 'IT-1' }))
    expect(order.items).toEqual([
      { name: '拿铁', quantity: 2, priceFen: 10_000 },
      { name: '蛋糕', quantity: 1, priceFen: 10_000 },
    ])
  })

  it('uses one coupon once when two tills check out with it at the same moment', async () => {
    goldMember('c-race', 10_000)
    const coupon = seedCoupon('c-race')
    const outcomes = await Promise.all([checkout('c-race', 'RACE-1', { couponId: coupon._id }), checkout('c-race', 'RACE-2', { couponId: coupon._id })])
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1)
    expect(outcomes.find((outcome) => !outcome.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该券已被使用' } })
    expect(rowsOf('c-race')).toHaveLength(1)
    const winner = outcomes.find((outcome) => outcome.ok)!
    expect(couponNow(coupon._id).orderNo).toBe(winner.ok ? winner.data.orderNo : null)
    expect(pointsInvariant(cloud(), 'c-race').negativeLots).toBe(0)
  })

  it('records one order when the same order number is sent twice at once', async () => {
    goldMember('c-twice')
    const coupon = seedCoupon('c-twice')
    const outcomes = await Promise.all([0, 1, 2].map(() => checkout('c-twice', 'TWICE', { couponId: coupon._id })))
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true])
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.data.duplicate : null)).sort()).toEqual([false, true, true])
    expect(rowsOf('c-twice')).toHaveLength(1)
    expect(pointsInvariant(cloud(), 'c-twice')).toMatchObject({ balance: 3382, lotsSum: 3382 })
  })

  it('a standalone 核销 of the coupon racing the checkout leaves it used once', async () => {
    goldMember('c-mixed')
    const coupon = seedCoupon('c-mixed')
    const [checkedOut, redeemed] = await Promise.all([checkout('c-mixed', 'MIX-1', { couponId: coupon._id }), till('cashier-2').call('coupons', 'redeem', { code: coupon.code })])
    expect([checkedOut.ok, redeemed.ok].filter(Boolean)).toHaveLength(1)
    expect(rowsOf('c-mixed')).toHaveLength(checkedOut.ok ? 1 : 0)
  })
})

describe('refunding a checkout', () => {
  it('takes back earned points, gives back spent ones in proportion, and the full refund returns the coupon, once', async () => {
    goldMember('r-a')
    const coupon = seedCoupon('r-a')
    dataOf(await checkout('r-a', 'RC-1', { couponId: coupon._id }))
    const order = dataOf(await till().call('points', 'refundableOrder', { storeId: 'store-001', orderNo: 'RC-1' }))
    expect(order).toMatchObject({
      amountFen: 30_000,
      tierDiscountFen: 1500,
      couponDiscountFen: 1000,
      pointsUsed: 2000,
      cashFen: 2000,
      paidFen: 25_500,
      pointsEarned: 382,
      refundedFen: 0,
      refundableFen: 25_500,
    })
    expect(order.coupon).toMatchObject({ code: coupon.code, returnsOnFullRefund: true })

    const half = dataOf(await till().call('points', 'refund', { storeId: 'store-001', orderNo: 'RC-1', refundId: 'RF-A', amount: 127.5 }))
    expect(half).toMatchObject({ pointsReversed: 191, pointsReturned: 1000, couponReturned: false, pointsBalance: 3382 - 191 + 1000, duplicate: false })
    expect(couponNow(coupon._id).status).toBe('used')
    const repeat = dataOf(await till().call('points', 'refund', { storeId: 'store-001', orderNo: 'RC-1', refundId: 'RF-A', amount: 127.5 }))
    expect(repeat).toEqual({ ...half, duplicate: true })

    const rest = dataOf(await till().call('points', 'refund', { storeId: 'store-001', orderNo: 'RC-1', refundId: 'RF-B', amount: 127.5 }))
    expect(rest).toMatchObject({ pointsReversed: 191, pointsReturned: 1000, couponReturned: true, pointsBalance: 5000 })
    expect(couponNow(coupon._id)).toMatchObject({ status: 'available', usedAt: null, orderNo: null })
    expect(pointsInvariant(cloud(), 'r-a')).toMatchObject({ balance: 5000, lotsSum: 5000, negativeLots: 0 })
    expect(dataOf(await till().call('points', 'refundableOrder', { storeId: 'store-001', orderNo: 'RC-1' }))).toMatchObject({ refundedFen: 25_500, refundableFen: 0 })
  })

  it('gives the coupon back once when the same full refund is sent twice at once', async () => {
    goldMember('r-twice')
    const coupon = seedCoupon('r-twice')
    dataOf(await checkout('r-twice', 'RC-2', { couponId: coupon._id }))
    const refunds = await Promise.all([0, 1].map(() => till().call('points', 'refund', { storeId: 'store-001', orderNo: 'RC-2', refundId: 'ALL', amount: 255 })))
    expect(refunds.every((outcome) => outcome.ok)).toBe(true)
    expect(refunds.map((outcome) => (outcome.ok ? outcome.data.duplicate : null)).sort()).toEqual([false, true])
    expect(pointsInvariant(cloud(), 'r-twice')).toMatchObject({ balance: 5000, lotsSum: 5000 })
    expect(cloud().db.find('ledger', { openid: 'r-twice' })).toHaveLength(2)
  })

  it('keeps the coupon used after a full refund when the shop’s rule says 不退', async () => {
    const overview = dataOf(await as('owner-1').call('tiers', 'rules', {}))
    const draft = { ...overview.active.draft, points: { ...overview.active.draft.points, returnCouponOnRefund: false } }
    dataOf(await as('owner-1').call('tiers', 'publish', { draft, explanation: '整单退款不退券' }))
    cloud().setNow(new Date(NOW.getTime() + 31_000)) // past the points function's 30 s rules cache
    goldMember('r-keep')
    const coupon = seedCoupon('r-keep')
    dataOf(await checkout('r-keep', 'RC-3', { couponId: coupon._id }))
    const refund = dataOf(await till().call('points', 'refund', { storeId: 'store-001', orderNo: 'RC-3', refundId: 'ALL', amount: 255 }))
    expect(refund).toMatchObject({ pointsReturned: 2000, couponReturned: false })
    expect(couponNow(coupon._id).status).toBe('used')
  })

  it('refunds an order paid with points alone, giving the points back', async () => {
    seedMember(cloud(), 'r-cash', { pointsBalance: 1000, lifetimePoints: 1000, pointLots: [{ expiresAt: LOT_END, remaining: 1000 }], nextExpiryAt: LOT_END })
    dataOf(await till().call('points', 'payWithPoints', { memberCode: memberCodeOf(cloud(), 'r-cash'), storeId: 'store-001', orderNo: 'PAY-1', orderAmount: 20, points: 1000 }))
    const refund = dataOf(await till().call('points', 'refund', { storeId: 'store-001', orderNo: 'PAY-1', refundId: 'PR-1', amount: 20 }))
    expect(refund).toMatchObject({ pointsReversed: 0, pointsReturned: 1000, pointsBalance: 1000 })
    expect(pointsInvariant(cloud(), 'r-cash')).toMatchObject({ balance: 1000, lotsSum: 1000 })
  })
})
