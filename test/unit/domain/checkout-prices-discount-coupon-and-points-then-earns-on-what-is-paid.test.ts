import { priceCheckout, type PriceInput } from '../../../cloudfunctions/shared/contract/checkoutPrice'
import { decideCheckout, isSameCheckout, type Checkout } from '../../../cloudfunctions/shared/domain/checkout'
import type { CouponDoc } from '../../../cloudfunctions/shared/domain/coupons'
import { aMember, DECEMBER_END, EARNED_NOW_EXPIRES, NOW, RULES } from './given'

/** Defaults: the demo rules (100 points = ¥1, at most half), no discount, no coupon, no points. */
const input = (overrides: Partial<PriceInput>): PriceInput => ({
  amountFen: 30_000,
  discountPercent: 0,
  coupon: null,
  points: 0,
  pointsBalance: 5_000,
  pointsPerCashYuan: 100,
  maxCashShare: 0.5,
  ...overrides,
})

describe('the price, step by step (原价 → 会员折扣 → 优惠券 → 积分抵扣 → 应付)', () => {
  it.each([
    [
      '¥300, 5 % off, ¥10 off, 2,000 points',
      input({ discountPercent: 5, coupon: { kind: 'fixed', value: 1000 }, points: 2000 }),
      { tierDiscountFen: 1500, couponDiscountFen: 1000, cashFen: 2000, payableFen: 25_500, maxPoints: 5000 },
    ],
    ['half a fen of discount rounds up: ¥10.50 at 5 %', input({ amountFen: 1050, discountPercent: 5 }), { tierDiscountFen: 53, payableFen: 997 }],
    ['a fixed coupon never takes more than is left', input({ amountFen: 800, coupon: { kind: 'fixed', value: 1000 } }), { couponDiscountFen: 800, payableFen: 0, maxPoints: 0 }],
    [
      'a percent coupon applies after the tier discount: 20 % of ¥95',
      input({ amountFen: 10_000, discountPercent: 5, coupon: { kind: 'percent', value: 20 } }),
      { tierDiscountFen: 500, couponDiscountFen: 1900, payableFen: 7600 },
    ],
    ['an item coupon takes no money off', input({ coupon: { kind: 'item', value: 0 } }), { couponDiscountFen: 0, payableFen: 30_000 }],
    ['the cap is half of what is left, in whole yuan of points: ¥95.50 → ¥47', input({ amountFen: 9550 }), { maxPoints: 4700 }],
    ['the cap is also the balance, in whole yuan: 1,250 points → 1,200', input({ pointsBalance: 1250 }), { maxPoints: 1200 }],
  ])('%s', (_label, given, expected) => {
    const priced = priceCheckout(given)
    expect(priced.ok).toBe(true)
    expect(priced.price).toMatchObject(expected)
  })

  it.each([
    ['not a multiple of the rate', 150, '积分抵扣须为 100 的整数倍'],
    ['over the balance', 6000, '积分不足：可用 5,000 积分'],
    ['over half of what is left', 4000, '本单最多可用 3,000 积分（抵扣不超过折后金额的 50%）'],
  ])('points %s are refused with a message and priced as none', (_label, points, message) => {
    const priced = priceCheckout(input({ amountFen: 6000, points }))
    expect(priced).toEqual({ ok: false, problem: { field: 'points', message }, price: expect.objectContaining({ pointsUsed: 0, cashFen: 0, payableFen: 6000, maxPoints: 3000 }) })
  })
})

const coupon = (overrides: Partial<CouponDoc> = {}): CouponDoc => ({
  _id: 'coupon-1',
  openid: 'member-1',
  code: 'ABCDE23456',
  title: '满100减10',
  kind: 'fixed',
  value: 1000,
  itemName: null,
  minSpendFen: 10_000,
  validFrom: new Date('2026-05-01T00:00:00+08:00'),
  validUntil: new Date('2026-06-01T00:00:00+08:00'),
  status: 'available',
  source: 'manual',
  usedAt: null,
  usedBy: null,
  orderNo: null,
  createdAt: new Date('2026-05-01T00:00:00+08:00'),
  ...overrides,
})

const command = (overrides: Partial<Checkout> = {}): Checkout => ({
  openid: 'member-1',
  storeId: 'store-001',
  orderNo: 'T300',
  amountFen: 30_000,
  cashier: 'cashier-1',
  couponId: 'coupon-1',
  points: 2000,
  expectedPayableFen: null,
  ...overrides,
})

describe('given a gold member (5 % off, ×1.5 points) with 5,000 points and a ¥10 coupon', () => {
  const member = aMember({ tier: 'gold', lots: [{ expiresAt: DECEMBER_END, remaining: 5000 }] })
  const state = { member, coupon: coupon() }

  it('when ¥300 is checked out with the coupon and 2,000 points, then one row spends 2,000 and earns on the ¥255 paid, and the coupon is used by this order', () => {
    const verdict = decideCheckout(state, command(), RULES, NOW)
    // Gold earns 1.5 points per ¥1 (DEFAULT_TIER_RULES): ¥255 → 382 points.
    expect(verdict).toMatchObject({
      kind: 'decision',
      ledger: [
        {
          _id: 'order:store-001:T300',
          kind: 'earn',
          delta: 382 - 2000,
          balanceAfter: 5000 - 2000 + 382,
          reason: '消费 ¥255.00 · 单号 T300 · 积分抵现 ¥20.00',
          expiresAt: EARNED_NOW_EXPIRES,
          order: {
            amountFen: 30_000,
            checkout: {
              tierDiscountFen: 1500,
              coupon: { id: 'coupon-1', code: 'ABCDE23456', title: '满100减10', discountFen: 1000, returnsOnFullRefund: true },
              pointsUsed: 2000,
              pointsEarned: 382,
              cashFen: 2000,
              paidFen: 25_500,
            },
          },
        },
      ],
      couponUpdate: { id: 'coupon-1', patch: { status: 'used', usedAt: NOW, usedBy: 'cashier-1', orderNo: 'T300' } },
      member: {
        pointsBalance: 3382,
        lifetimePoints: 5382,
        pointLots: [
          { expiresAt: DECEMBER_END, remaining: 3000 },
          { expiresAt: EARNED_NOW_EXPIRES, remaining: 382 },
        ],
        activity: { '2026-05': { spendFen: 25_500, points: 382 } },
      },
    })
  })

  it.each<[string, Partial<Checkout>, Partial<CouponDoc>, string, string]>([
    ['a coupon whose minimum spend is above 原价', { amountFen: 9000, points: 0 }, {}, 'CONFLICT', '满¥100可用'],
    ['a used coupon', {}, { status: 'used' }, 'CONFLICT', '该券已被使用'],
    ['an expired coupon', {}, { validUntil: new Date('2026-05-19T00:00:00+08:00') }, 'CONFLICT', '该券已过期'],
    ['a coupon not yet valid', {}, { validFrom: new Date('2026-05-21T00:00:00+08:00') }, 'CONFLICT', '该券未到使用时间'],
    ['another member’s coupon', {}, { openid: 'member-2' }, 'CONFLICT', '该券不属于该会员'],
    ['the cashier’s own coupon', { openid: 'cashier-1' }, { openid: 'cashier-1' }, 'FORBIDDEN', '不能核销自己的优惠券'],
  ])('when it is %s, then it is refused on couponId and nothing is written', (_label, commandOverrides, couponOverrides, code, message) => {
    const member2 = commandOverrides.openid ? { ...member, _id: commandOverrides.openid } : member
    expect(decideCheckout({ member: member2, coupon: coupon(couponOverrides) }, command(commandOverrides), RULES, NOW)).toEqual({
      kind: 'refused',
      code,
      message,
      fields: [{ path: 'couponId', message }],
    })
  })

  it('when the coupon does not exist, then NOT_FOUND on couponId', () => {
    expect(decideCheckout({ member, coupon: null }, command(), RULES, NOW)).toMatchObject({ kind: 'refused', code: 'NOT_FOUND', fields: [{ path: 'couponId' }] })
  })

  it('when more points are asked than the cap allows, then INVALID_INPUT on points, with the cap in the message', () => {
    expect(decideCheckout(state, command({ points: 5000, amountFen: 10_000 }), RULES, NOW)).toMatchObject({
      kind: 'refused',
      code: 'INVALID_INPUT',
      fields: [{ path: 'points', message: '本单最多可用 4,200 积分（抵扣不超过折后金额的 50%）' }],
    })
  })

  it('when more points are asked than the balance, then INSUFFICIENT_POINTS', () => {
    expect(decideCheckout(state, command({ points: 6000, amountFen: 200_000 }), RULES, NOW)).toMatchObject({ kind: 'refused', code: 'INSUFFICIENT_POINTS' })
  })

  it('when the till showed another payable amount, then CONFLICT saying the new one', () => {
    expect(decideCheckout(state, command({ expectedPayableFen: 25_000 }), RULES, NOW)).toMatchObject({
      kind: 'refused',
      code: 'CONFLICT',
      message: '应付金额已变为 ¥255.00，请重新确认',
    })
  })

  it('without coupon or points, then it earns on 原价 less the tier discount', () => {
    const verdict = decideCheckout({ member, coupon: null }, command({ couponId: null, points: 0 }), RULES, NOW)
    expect(verdict).toMatchObject({ kind: 'decision', couponUpdate: null, ledger: [{ delta: Math.floor((28_500 * 1.5) / 100), reason: '消费 ¥285.00 · 单号 T300' }] })
  })

  it('a repeat is the same checkout only with the same member, amount, coupon and points', () => {
    const verdict = decideCheckout(state, command(), RULES, NOW)
    if (verdict.kind !== 'decision') throw new Error('expected a decision')
    const [row] = verdict.ledger
    expect(isSameCheckout(row, command())).toBe(true)
    expect(isSameCheckout(row, command({ points: 1000 }))).toBe(false)
    expect(isSameCheckout(row, command({ couponId: null }))).toBe(false)
    expect(isSameCheckout(row, command({ amountFen: 30_001 }))).toBe(false)
    expect(isSameCheckout(row, command({ openid: 'member-2' }))).toBe(false)
  })
})
