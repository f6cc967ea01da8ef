import { ledgerRow } from '../../../cloudfunctions/shared/domain/ledger'
import { decideRedemption, isSameRedemption, rewardRefusal, type Redemption } from '../../../cloudfunctions/shared/domain/redemption'
import type { RedemptionDoc, RewardDoc } from '../../../cloudfunctions/shared/domain/rewards'
import { aMember, DECEMBER_END, JUNE_END, NOW, RULES } from './given'

const latte: RewardDoc = { _id: 'rw-latte', name: '拿铁一杯', description: '', pointsCost: 300, stock: 5, status: 'active', createdAt: NOW, updatedAt: NOW, updatedBy: 'owner-1' }
const byMember: Redemption = { openid: 'member-1', rewardId: 'rw-latte', requestId: 'req-00000001', code: 'ABCD2345', confirmedBy: null }

describe('given a latte for 300 points with 5 left, and a member with 200 expiring in June and 400 in December', () => {
  const member = aMember({
    lots: [
      { expiresAt: JUNE_END, remaining: 200 },
      { expiresAt: DECEMBER_END, remaining: 400 },
    ],
  })

  it('when the member redeems it, then the oldest points go, a pending code, one less in stock', () => {
    expect(decideRedemption({ reward: latte, member }, byMember, RULES, NOW)).toMatchObject({
      ledger: [{ _id: 'redeem:member-1:req-00000001', kind: 'redeem', delta: -300, balanceAfter: 300, reason: '兑换 拿铁一杯', by: 'member-1', ref: 'ABCD2345', expiresAt: null }],
      member: { pointsBalance: 300, pointLots: [{ expiresAt: DECEMBER_END, remaining: 300 }] },
      redemption: {
        record: {
          _id: 'ABCD2345',
          openid: 'member-1',
          rewardId: 'rw-latte',
          rewardName: '拿铁一杯',
          pointsSpent: 300,
          status: 'pending',
          ledgerId: 'redeem:member-1:req-00000001',
          createdAt: NOW,
          confirmedAt: null,
          confirmedBy: null,
        },
        reward: { stock: 4, updatedAt: NOW },
      },
    })
  })

  it('when a cashier redeems it for them, then it is confirmed at once, by the cashier', () => {
    expect(decideRedemption({ reward: latte, member }, { ...byMember, confirmedBy: 'cashier-1' }, RULES, NOW)).toMatchObject({
      ledger: [{ by: 'cashier-1' }],
      redemption: { record: { status: 'confirmed', confirmedAt: NOW, confirmedBy: 'cashier-1' } },
    })
  })
})

describe('refusals, in the order they are checked', () => {
  const rich = aMember({ lots: [{ expiresAt: DECEMBER_END, remaining: 1000 }] })
  it.each([
    ['an unknown reward', null, rich, { code: 'NOT_FOUND', message: '该礼品已下架' }],
    ['a retired reward', { ...latte, status: 'retired' as const }, rich, { code: 'NOT_FOUND', message: '该礼品已下架' }],
    ['a reward out of stock', { ...latte, stock: 0 }, rich, { code: 'CONFLICT', message: '礼品已兑完' }],
    ['no member', latte, null, { code: 'NOT_MEMBER' }],
    ['too few points', latte, aMember({ lots: [{ expiresAt: DECEMBER_END, remaining: 299 }] }), { code: 'INSUFFICIENT_POINTS' }],
  ])('%s', (_label, reward, member, refusal) => {
    expect(decideRedemption({ reward, member }, byMember, RULES, NOW)).toEqual({ kind: 'refused', ...refusal })
  })

  it('a reward nobody can redeem is known before the member is read', () => {
    expect(rewardRefusal({ ...latte, stock: 0 })).toMatchObject({ code: 'CONFLICT' })
    expect(rewardRefusal(latte)).toBeNull()
  })
})

it('a repeated request id is the same redemption only for the same reward and member', () => {
  const redemption = { _id: 'ABCD2345', rewardId: 'rw-latte' } as RedemptionDoc
  const row = ledgerRow({ key: 'redeem:member-1:req-00000001', openid: 'member-1', kind: 'redeem', delta: -300, balanceAfter: 300, reason: '', by: 'member-1', rulesVersion: 7, at: NOW })
  expect(isSameRedemption({ redemption, row }, { ...byMember, code: 'ZZZZ2345' })).toBe(true)
  expect(isSameRedemption({ redemption, row }, { ...byMember, rewardId: 'rw-cake' })).toBe(false)
})
