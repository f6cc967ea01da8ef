import { decideAdjustment, isSameAdjustment, type Adjustment } from '../../../cloudfunctions/shared/domain/adjustment'
import { ledgerRow } from '../../../cloudfunctions/shared/domain/ledger'
import { aMember, EARNED_NOW_EXPIRES, JUNE_END, NOW, RULES } from './given'

const adjustment = (delta: number): Adjustment => ({ openid: 'member-1', delta, reason: '补录漏积分', requestId: 'req-00000001', actor: 'owner-1' })

describe('given 100 points expiring in June', () => {
  const member = aMember({ lots: [{ expiresAt: JUNE_END, remaining: 100 }] })

  it('when the owner adds 50, then a lot that expires like earned points, under adjust:<requestId>', () => {
    expect(decideAdjustment(member, adjustment(50), RULES, NOW)).toMatchObject({
      ledger: [{ _id: 'adjust:req-00000001', kind: 'adjust', delta: 50, balanceAfter: 150, reason: '人工调整：补录漏积分', by: 'owner-1', expiresAt: EARNED_NOW_EXPIRES }],
      member: {
        pointsBalance: 150,
        lifetimePoints: 150,
        pointLots: [
          { expiresAt: JUNE_END, remaining: 100 },
          { expiresAt: EARNED_NOW_EXPIRES, remaining: 50 },
        ],
      },
    })
  })

  it('when the owner removes 60, then they come off the oldest lot and lifetime points stay', () => {
    expect(decideAdjustment(member, adjustment(-60), RULES, NOW)).toMatchObject({
      ledger: [{ delta: -60, balanceAfter: 40, expiresAt: null }],
      member: { pointsBalance: 40, lifetimePoints: 100, pointLots: [{ expiresAt: JUNE_END, remaining: 40 }] },
    })
  })

  it('when the owner removes more than there is, then INSUFFICIENT_POINTS with the correction’s own words', () => {
    expect(decideAdjustment(member, adjustment(-101), RULES, NOW)).toEqual({ kind: 'refused', code: 'INSUFFICIENT_POINTS', message: '会员积分不足以扣减' })
  })
})

it('given a removed member, when adjusted, then NOT_MEMBER', () => {
  expect(decideAdjustment(aMember({ removedAt: NOW }), adjustment(10), RULES, NOW)).toEqual({ kind: 'refused', code: 'NOT_MEMBER', message: '该会员已注销' })
})

it('a repeated request id is the same adjustment only for the same member and delta', () => {
  const original = ledgerRow({ key: 'adjust:req-00000001', openid: 'member-1', kind: 'adjust', delta: 50, balanceAfter: 150, reason: '', by: 'owner-1', rulesVersion: 7, at: NOW })
  expect(isSameAdjustment(original, adjustment(50))).toBe(true)
  expect(isSameAdjustment(original, adjustment(-50))).toBe(false)
  expect(isSameAdjustment(original, { ...adjustment(50), openid: 'member-2' })).toBe(false)
})
