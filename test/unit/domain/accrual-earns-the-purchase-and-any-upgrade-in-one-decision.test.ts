import { decideAccrual, isSameAccrual, type Accrual } from '../../../cloudfunctions/shared/domain/accrual'
import { ledgerRow } from '../../../cloudfunctions/shared/domain/ledger'
import { aMember, EARNED_NOW_EXPIRES, JUNE_END, NOW, RULES } from './given'

const purchase = (amountFen: number): Accrual => ({ openid: 'member-1', storeId: 'store-001', orderNo: 'A100', amountFen, cashier: 'cashier-1' })

describe('given a regular member with 40 points expiring in June', () => {
  const member = aMember({ lots: [{ expiresAt: JUNE_END, remaining: 40 }] })

  it('when they spend ¥88.50, then one earn row of 88 under the order key, a lot to the end of May 2027, and the spend in May', () => {
    const decision = decideAccrual(member, purchase(8850), RULES, NOW)
    expect(decision).toMatchObject({
      kind: 'decision',
      openid: 'member-1',
      ledger: [
        {
          _id: 'order:store-001:A100',
          kind: 'earn',
          delta: 88,
          balanceAfter: 128,
          reason: '消费 ¥88.50 · 单号 A100',
          by: 'cashier-1',
          rulesVersion: 7,
          createdAt: NOW,
          expiresAt: EARNED_NOW_EXPIRES,
          order: { storeId: 'store-001', orderNo: 'A100', amountFen: 8850, cashier: 'cashier-1' },
        },
      ],
      member: {
        pointsBalance: 128,
        lifetimePoints: 128,
        pointLots: [
          { expiresAt: JUNE_END, remaining: 40 },
          { expiresAt: EARNED_NOW_EXPIRES, remaining: 88 },
        ],
        nextExpiryAt: JUNE_END,
        activity: { '2026-05': { spendFen: 8850, points: 88 } },
        lastActiveAt: NOW,
      },
      tierChange: null,
      coupon: null,
      // The member hears of the points (within their consent); no tier moved, so nothing else.
      messages: [
        {
          openid: 'member-1',
          purpose: 'pointsChange',
          subject: 'order:store-001:A100',
          data: { thing1: '消费 ¥88.50 · 单号 A100', character_string2: '+88', number3: '128', time4: '2026年05月20日 10:00' },
          page: 'points/pages/history/index',
        },
      ],
    })
    if (decision.kind !== 'decision') throw new Error('expected a decision')
    expect(decision.member.tier).toBeUndefined()
  })

  it('when they spend ¥1,000 (the silver threshold), then the upgrade, its record and its message come in the same decision', () => {
    const decision = decideAccrual(member, purchase(100_000), RULES, NOW)
    expect(decision).toMatchObject({
      member: { tier: 'silver', tierSince: NOW, tierUntil: new Date('2027-05-20T10:00:00+08:00') },
      tierChange: { _id: `tier:member-1:${NOW.getTime()}`, openid: 'member-1', from: 'regular', to: 'silver', reason: 'upgrade', figure: 100_000, rulesVersion: 7, at: NOW },
      messages: [
        { openid: 'member-1', purpose: 'pointsChange', data: { character_string2: '+1000', number3: '1040' } },
        { openid: 'member-1', purpose: 'tierChange', data: { thing1: '恭喜升级为银卡会员', phrase2: '银卡', time3: '2026年05月20日 10:00' } },
      ],
    })
  })

  it('when they spend 99 fen, then a row of 0 points with no lot and no expiry', () => {
    const decision = decideAccrual(member, purchase(99), RULES, NOW)
    expect(decision).toMatchObject({ ledger: [{ delta: 0, balanceAfter: 40, expiresAt: null }], member: { pointLots: [{ expiresAt: JUNE_END, remaining: 40 }] } })
  })
})

describe('given a gold member (×1.5)', () => {
  it('when they spend ¥100, then 150 points', () => {
    expect(decideAccrual(aMember({ tier: 'gold' }), purchase(10_000), RULES, NOW)).toMatchObject({ ledger: [{ delta: 150 }] })
  })
})

describe('given no member, or a removed one', () => {
  it.each([
    ['no member', null],
    ['a removed member', aMember({ removedAt: new Date('2026-05-01T00:00:00+08:00') })],
  ])('when %s is scanned, then NOT_MEMBER and nothing to write', (_label, member) => {
    expect(decideAccrual(member, purchase(8850), RULES, NOW)).toEqual({ kind: 'refused', code: 'NOT_MEMBER', message: '该会员不存在或已注销' })
  })
})

describe('a repeat of the order number', () => {
  const original = ledgerRow({
    key: 'order:store-001:A100',
    openid: 'member-1',
    kind: 'earn',
    delta: 88,
    balanceAfter: 128,
    reason: '',
    by: 'cashier-1',
    rulesVersion: 7,
    at: NOW,
    order: { storeId: 'store-001', orderNo: 'A100', amountFen: 8850, cashier: 'cashier-1' },
  })

  it('is the same purchase for the same member and amount, whoever scans it', () => {
    expect(isSameAccrual(original, { ...purchase(8850), cashier: 'cashier-2' })).toBe(true)
  })

  it.each([
    ['another amount', { ...purchase(9000) }],
    ['another member', { ...purchase(8850), openid: 'member-2' }],
  ])('is another purchase with %s', (_label, command) => {
    expect(isSameAccrual(original, command)).toBe(false)
  })
})
