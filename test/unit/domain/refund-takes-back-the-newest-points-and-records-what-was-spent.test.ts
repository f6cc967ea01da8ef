import { ledgerRow, type OrderRow } from '../../../cloudfunctions/shared/domain/ledger'
import { decideRefund, decideRefundShare, isSameRefund, type Refund, type RefundProgress } from '../../../cloudfunctions/shared/domain/refund'
import { aMember, EARNED_NOW_EXPIRES, JUNE_END, NOW, RULES } from './given'

const ORDER_AT = new Date('2026-03-15T12:00:00+08:00')
const MARCH_LOT_END = new Date('2027-03-31T23:59:59.999+08:00')
/** A ¥100 order on 15 March that earned 100 points. */
const order = ledgerRow({
  key: 'order:store-001:A1',
  openid: 'member-1',
  kind: 'earn',
  delta: 100,
  balanceAfter: 150,
  reason: '',
  by: 'cashier-1',
  rulesVersion: 3,
  at: ORDER_AT,
  expiresAt: MARCH_LOT_END,
  order: { storeId: 'store-001', orderNo: 'A1', amountFen: 10_000, cashier: 'cashier-1' },
}) as OrderRow
const refund = (refundId: string, refundFen: number): Refund => ({ storeId: 'store-001', orderNo: 'A1', refundId, refundFen, cashier: 'cashier-2' })

describe('given the member still holds the order’s 100 points and 50 older ones', () => {
  const member = aMember({
    lots: [
      { expiresAt: JUNE_END, remaining: 50 },
      { expiresAt: MARCH_LOT_END, remaining: 100 },
    ],
    activity: { '2026-03': { spendFen: 10_000, points: 100 } },
  })

  it('when a third is refunded, then 33 points come off the newest lot, out of March’s spend, under the refund key and the order’s rules version', () => {
    expect(decideRefund({ order, progress: null, member }, refund('R1', 3333), RULES, NOW)).toMatchObject({
      kind: 'decision',
      ledger: [
        {
          _id: 'refund:store-001:A1:R1',
          openid: 'member-1',
          kind: 'reverse',
          delta: -33,
          balanceAfter: 117,
          shortfall: 0,
          ref: 'order:store-001:A1',
          rulesVersion: 3,
          by: 'cashier-2',
          reason: '退款 ¥33.33 · 单号 A1',
          expiresAt: null,
        },
      ],
      member: {
        pointsBalance: 117,
        lifetimePoints: 117,
        pointLots: [
          { expiresAt: JUNE_END, remaining: 50 },
          { expiresAt: MARCH_LOT_END, remaining: 67 },
        ],
        activity: { '2026-03': { spendFen: 6667, points: 67 } },
        lastActiveAt: NOW,
      },
      refund: { _id: 'order:store-001:A1', refundedFen: 3333, reversedPoints: 33, items: [{ refundId: 'R1', amountFen: 3333, pointsReversed: 33, shortfall: 0, balanceAfter: 117 }] },
    })
  })

  it('when the rest follows in two more refunds, then exactly the order’s 100 points have come back', () => {
    const first: RefundProgress = { _id: order._id, refundedFen: 3333, reversedPoints: 33, items: [{ refundId: 'R1', amountFen: 3333, pointsReversed: 33, shortfall: 0, balanceAfter: 117 }] }
    const second = decideRefundShare({ order, progress: first }, refund('R2', 3333))
    expect(second).toMatchObject({ kind: 'share', points: 33, reversedPointsAfter: 66 })
    const last = decideRefundShare({ order, progress: { ...first, refundedFen: 6666, reversedPoints: 66 } }, refund('R3', 3334))
    expect(last).toMatchObject({ kind: 'share', points: 34, refundedFenAfter: 10_000, reversedPointsAfter: 100 })
  })
})

describe('given the member has spent all but 20 of their points', () => {
  it('when the whole order is refunded, then 20 come back and 80 are recorded as a shortfall, never a negative balance', () => {
    const member = aMember({ lots: [{ expiresAt: MARCH_LOT_END, remaining: 20 }] })
    expect(decideRefund({ order, progress: null, member }, refund('R1', 10_000), RULES, NOW)).toMatchObject({
      ledger: [{ delta: -20, balanceAfter: 0, shortfall: 80, reason: '退款 ¥100.00 · 单号 A1 · 80 积分已使用无法扣回' }],
      member: { pointsBalance: 0, pointLots: [], nextExpiryAt: null },
      refund: { items: [{ pointsReversed: 20, shortfall: 80, balanceAfter: 0 }] },
    })
  })
})

describe('given the order has been refunded ¥40 under R1', () => {
  const progress: RefundProgress = { _id: order._id, refundedFen: 4000, reversedPoints: 40, items: [{ refundId: 'R1', amountFen: 4000, pointsReversed: 40, shortfall: 0, balanceAfter: 110 }] }

  it('when R1 comes again, then the first answer, decided without the member', () => {
    expect(decideRefund({ order, progress, member: null }, refund('R1', 4000), RULES, NOW)).toEqual({ kind: 'refunded-before', original: progress.items[0] })
  })

  it('when a refund would pass the order’s amount, then INVALID_INPUT on the amount, decided without the member', () => {
    expect(decideRefund({ order, progress, member: null }, refund('R2', 6001), RULES, NOW)).toEqual({
      kind: 'refused',
      code: 'INVALID_INPUT',
      message: '退款金额超过订单剩余金额',
      fields: [{ path: 'amount', message: '退款金额超过订单剩余金额' }],
    })
  })

  it('when a new refund finds no member document, then NOT_MEMBER', () => {
    expect(decideRefund({ order, progress, member: null }, refund('R2', 1000), RULES, NOW)).toMatchObject({ kind: 'refused', code: 'NOT_MEMBER' })
  })

  it('a repeated refund id is the same refund only for the same amount', () => {
    expect(isSameRefund(progress.items[0], refund('R1', 4000))).toBe(true)
    expect(isSameRefund(progress.items[0], refund('R1', 500))).toBe(false)
  })
})

describe('given a member the shop has removed', () => {
  it('when their order is refunded, then the points still come back (a refund follows the order, not the card)', () => {
    const member = aMember({ removedAt: new Date('2026-04-01T00:00:00+08:00'), lots: [{ expiresAt: MARCH_LOT_END, remaining: 100 }] })
    expect(decideRefund({ order, progress: null, member }, refund('R1', 10_000), RULES, NOW)).toMatchObject({ kind: 'decision', ledger: [{ delta: -100 }] })
  })
})

describe('given a checkout: ¥300 less 5 % and a ¥10 coupon, 2,000 points for ¥20, ¥255 paid, 382 earned', () => {
  const checkoutOrder = ledgerRow({
    key: 'order:store-001:C1',
    openid: 'member-1',
    kind: 'earn',
    delta: 382 - 2000,
    balanceAfter: 3382,
    reason: '',
    by: 'cashier-1',
    rulesVersion: 3,
    at: ORDER_AT,
    expiresAt: MARCH_LOT_END,
    order: {
      storeId: 'store-001',
      orderNo: 'C1',
      amountFen: 30_000,
      cashier: 'cashier-1',
      checkout: {
        tierDiscountFen: 1500,
        coupon: { id: 'coupon-1', code: 'ABCDE23456', title: '满100减10', discountFen: 1000, returnsOnFullRefund: true },
        maxPoints: 5000,
        pointsUsed: 2000,
        pointsEarned: 382,
        cashFen: 2000,
        paidFen: 25_500,
      },
    },
  }) as OrderRow
  const member = aMember({ lots: [{ expiresAt: MARCH_LOT_END, remaining: 3382 }] })
  const refundOf = (refundId: string, refundFen: number): Refund => ({ storeId: 'store-001', orderNo: 'C1', refundId, refundFen, cashier: 'cashier-2' })

  it('when half of what was paid is refunded, then half the earned points go, half the spent ones come back as a lot of their own, and the coupon stays used', () => {
    expect(decideRefund({ order: checkoutOrder, progress: null, member }, refundOf('H1', 12_750), RULES, NOW)).toMatchObject({
      kind: 'decision',
      ledger: [{ _id: 'refund:store-001:C1:H1', delta: 1000 - 191, balanceAfter: 3382 - 191 + 1000, reason: '退款 ¥127.50 · 单号 C1 · 退回抵扣积分 1,000', expiresAt: EARNED_NOW_EXPIRES }],
      couponUpdate: null,
      member: { pointsBalance: 4191, lifetimePoints: 3382 - 191 },
      refund: { refundedFen: 12_750, reversedPoints: 191, returnedPoints: 1000, items: [{ refundId: 'H1', pointsReversed: 191, pointsReturned: 1000, couponReturned: false }] },
    })
  })

  it('when the rest is refunded, then the other half and the coupon come back', () => {
    const progress: RefundProgress = { _id: 'order:store-001:C1', refundedFen: 12_750, reversedPoints: 191, returnedPoints: 1000, items: [] }
    expect(decideRefund({ order: checkoutOrder, progress, member }, refundOf('H2', 12_750), RULES, NOW)).toMatchObject({
      ledger: [{ delta: 1000 - 191 }],
      couponUpdate: { id: 'coupon-1', patch: { status: 'available', usedAt: null, usedBy: null, orderNo: null } },
      refund: { refundedFen: 25_500, reversedPoints: 382, returnedPoints: 2000, items: [{ refundId: 'H2', couponReturned: true }] },
    })
  })

  it('when more than was paid is refunded, then INVALID_INPUT: 原价 is not what came in', () => {
    expect(decideRefund({ order: checkoutOrder, progress: null, member }, refundOf('X', 25_501), RULES, NOW)).toMatchObject({ kind: 'refused', code: 'INVALID_INPUT', fields: [{ path: 'amount' }] })
  })
})
