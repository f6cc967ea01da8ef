import { decideBirthdayPerk } from '../../../cloudfunctions/shared/domain/birthdayPerk'
import { DEFAULT_RULES, type Rules } from '../../../cloudfunctions/shared/domain/rules'
import { aMember, EARNED_NOW_EXPIRES, JUNE_END, NOW, RULES } from './given'

const CODE = 'ABCDE23456'
/** Born on 20 May: NOW is their birthday in Beijing. */
const silver = aMember({ tier: 'silver', lots: [{ expiresAt: JUNE_END, remaining: 10 }] })

describe('given a silver member on their birthday (100 points and a ¥10 coupon for 30 days)', () => {
  it('when the perk is decided, then points as an earn lot and a coupon, both keyed birthday:<openid>:<year>, and the mark', () => {
    expect(decideBirthdayPerk(silver, RULES, NOW, CODE)).toMatchObject({
      kind: 'decision',
      ledger: [
        { _id: 'birthday:member-1:2026', kind: 'earn', delta: 100, balanceAfter: 110, reason: '生日礼遇 2026', by: 'system', rulesVersion: 7, expiresAt: EARNED_NOW_EXPIRES, ref: 'tier:silver' },
      ],
      coupon: {
        _id: 'birthday:member-1:2026',
        openid: 'member-1',
        code: CODE,
        title: '生日 ¥10 代金券',
        kind: 'fixed',
        value: 1000,
        minSpendFen: 5000,
        validFrom: new Date('2026-05-20T00:00:00+08:00'),
        validUntil: new Date('2026-06-18T23:59:59.999+08:00'),
        status: 'available',
        source: 'birthday',
      },
      member: {
        pointsBalance: 110,
        lifetimePoints: 110,
        nextExpiryAt: JUNE_END,
        lastBirthdayPerk: { year: 2026, points: 100, couponId: 'birthday:member-1:2026', pointsExpiresAt: EARNED_NOW_EXPIRES, showUntil: new Date('2026-06-18T23:59:59.999+08:00'), issuedAt: NOW },
      },
      messages: [{ openid: 'member-1', purpose: 'birthdayPerk', data: { thing1: '100积分 + 生日 ¥10 代金券', time2: '2026年06月18日 23:59' } }],
    })
  })

  it('when this year’s mark is already on them, then already, before any write is tried', () => {
    const served = { ...silver, lastBirthdayPerk: { year: 2026, points: 100, couponId: null, pointsExpiresAt: null, showUntil: NOW, issuedAt: NOW } }
    expect(decideBirthdayPerk(served, RULES, NOW, CODE)).toEqual({ kind: 'already' })
  })
})

describe('given a tier whose perk is a coupon only', () => {
  const couponOnly: Rules = {
    ...DEFAULT_RULES,
    tiers: { ...DEFAULT_RULES.tiers, tiers: DEFAULT_RULES.tiers.tiers.map((tier) => (tier.id === 'silver' ? { ...tier, birthdayPerk: { ...tier.birthdayPerk, points: 0 } } : tier)) },
  }

  it('then no ledger row and no points fields: the coupon alone carries the key, shown until it ends', () => {
    const decision = decideBirthdayPerk(silver, couponOnly, NOW, CODE)
    expect(decision).toMatchObject({
      ledger: [],
      coupon: { _id: 'birthday:member-1:2026' },
      member: { lastBirthdayPerk: { points: 0, pointsExpiresAt: null } },
      messages: [{ data: { thing1: '生日 ¥10 代金券' } }],
    })
    expect(decision.kind === 'decision' && 'pointsBalance' in decision.member).toBe(false)
  })

  it('and a tier whose perk is empty gets none', () => {
    const empty: Rules = { ...couponOnly, tiers: { ...couponOnly.tiers, tiers: couponOnly.tiers.tiers.map((tier) => ({ ...tier, birthdayPerk: { points: 0, coupon: null } })) } }
    expect(decideBirthdayPerk(silver, empty, NOW, CODE)).toEqual({ kind: 'none' })
  })
})

describe('not eligible', () => {
  it.each([
    ['no member document', null],
    ['another day’s birthday', aMember({ profile: { ...silver.profile, birthday: '1990-05-21', birthdayMD: '05-21' } })],
    ['a removed member', aMember({ removedAt: new Date('2026-05-01T00:00:00+08:00') })],
    ['a member who joined after today', aMember({ joinedAt: new Date('2026-05-21T09:00:00+08:00') })],
  ])('%s', (_label, member) => {
    expect(decideBirthdayPerk(member, RULES, NOW, CODE)).toEqual({ kind: 'ineligible' })
  })
})
