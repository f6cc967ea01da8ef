import { ledgerRow } from '../../../cloudfunctions/shared/domain/ledger'
import { decidePointsAsCash, isSamePointsAsCash, type PointsAsCash } from '../../../cloudfunctions/shared/domain/pointsAsCash'
import { aMember, DECEMBER_END, JUNE_END, NOW, RULES } from './given'

const payment = (points: number): PointsAsCash => ({ openid: 'member-1', storeId: 'store-001', orderNo: 'P1', amountFen: 5000, points, discountFen: points, cashier: 'cashier-1' })

describe('given 300 points expiring in June and 500 in December', () => {
  const member = aMember({
    lots: [
      { expiresAt: JUNE_END, remaining: 300 },
      { expiresAt: DECEMBER_END, remaining: 500 },
    ],
  })

  it('when 400 pay ¥4 of a ¥50 order, then June’s lot goes first and the row is keyed cash:<store>:<order>', () => {
    expect(decidePointsAsCash(member, payment(400), RULES, NOW)).toMatchObject({
      kind: 'decision',
      ledger: [
        {
          _id: 'cash:store-001:P1',
          kind: 'redeem',
          delta: -400,
          balanceAfter: 400,
          reason: '积分抵现 ¥4.00 · 单号 P1',
          expiresAt: null,
          order: { storeId: 'store-001', orderNo: 'P1', amountFen: 5000, cashier: 'cashier-1' },
        },
      ],
      member: { pointsBalance: 400, lifetimePoints: 800, pointLots: [{ expiresAt: DECEMBER_END, remaining: 400 }], nextExpiryAt: DECEMBER_END, lastActiveAt: NOW },
    })
  })

  it('when 900 are asked for, then INSUFFICIENT_POINTS and nothing to write', () => {
    expect(decidePointsAsCash(member, payment(900), RULES, NOW)).toEqual({ kind: 'refused', code: 'INSUFFICIENT_POINTS' })
  })
})

it('given no member, when their code is used, then NOT_MEMBER', () => {
  expect(decidePointsAsCash(null, payment(100), RULES, NOW)).toMatchObject({ kind: 'refused', code: 'NOT_MEMBER' })
})

it('a repeat is the same payment only with the same member, points and order amount', () => {
  const original = ledgerRow({
    key: 'cash:store-001:P1',
    openid: 'member-1',
    kind: 'redeem',
    delta: -400,
    balanceAfter: 400,
    reason: '',
    by: 'cashier-1',
    rulesVersion: 7,
    at: NOW,
    order: { storeId: 'store-001', orderNo: 'P1', amountFen: 5000, cashier: 'cashier-1' },
  })
  expect(isSamePointsAsCash(original, payment(400))).toBe(true)
  expect(isSamePointsAsCash(original, payment(500))).toBe(false)
  expect(isSamePointsAsCash(original, { ...payment(400), amountFen: 6000 })).toBe(false)
  expect(isSamePointsAsCash(original, { ...payment(400), openid: 'member-2' })).toBe(false)
})
