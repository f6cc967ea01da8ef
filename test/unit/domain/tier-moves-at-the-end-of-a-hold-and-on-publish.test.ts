import { DEFAULT_RULES, type Rules } from '../../../cloudfunctions/shared/domain/rules'
import { decideRulesUpgrade, decideTierEvaluation } from '../../../cloudfunctions/shared/domain/tierMoves'
import { aMember, NOW, RULES } from './given'

const HOLD_ENDED = new Date('2026-05-01T00:00:00+08:00')
const NEXT_HOLD = new Date('2027-05-20T10:00:00+08:00')
/** ¥1,200 spent this month: silver (¥1,000) but not gold (¥5,000). */
const spentSilver = { '2026-05': { spendFen: 120_000, points: 1200 } }

describe('the evaluation at the end of a hold', () => {
  it('given gold whose hold ended, with silver spend, then down to silver, held another year, with its record and message', () => {
    const member = aMember({ tier: 'gold', tierUntil: HOLD_ENDED, activity: spentSilver })
    expect(decideTierEvaluation(member, RULES, NOW)).toEqual({
      kind: 'decision',
      openid: 'member-1',
      ledger: [],
      member: { tier: 'silver', tierSince: NOW, tierUntil: NEXT_HOLD },
      tierChange: { _id: `tier:member-1:${NOW.getTime()}`, openid: 'member-1', from: 'gold', to: 'silver', reason: 'downgrade', figure: 120_000, rulesVersion: 7, at: NOW },
      coupon: null,
      couponUpdate: null,
      redemption: null,
      refund: null,
      voidCoupons: null,
      messages: [{ openid: 'member-1', purpose: 'tierChange', subject: `gold-silver-${NOW.getTime()}`, data: { thing1: '会员等级调整为银卡', phrase2: '银卡', time3: '2026年05月20日 10:00' } }],
    })
  })

  it('given silver whose hold ended and who still qualifies, then held another year from now, with no record and no message', () => {
    const since = new Date('2025-05-01T00:00:00+08:00')
    const member = aMember({ tier: 'silver', tierSince: since, tierUntil: HOLD_ENDED, activity: spentSilver })
    expect(decideTierEvaluation(member, RULES, NOW)).toMatchObject({ member: { tier: 'silver', tierSince: since, tierUntil: NEXT_HOLD }, tierChange: null, messages: [] })
  })

  it.each([
    ['a hold that has not ended', aMember({ tier: 'gold', tierUntil: new Date('2026-09-01T00:00:00+08:00') })],
    ['a removed member', aMember({ tier: 'gold', tierUntil: HOLD_ENDED, removedAt: HOLD_ENDED })],
    ['no member document', null],
  ])('given %s, then unchanged', (_label, member) => {
    expect(decideTierEvaluation(member, RULES, NOW)).toEqual({ kind: 'unchanged' })
  })
})

describe('the upgrades of a publish', () => {
  const lowerSilver: Rules = {
    ...DEFAULT_RULES,
    version: 8,
    tiers: { ...DEFAULT_RULES.tiers, tiers: DEFAULT_RULES.tiers.tiers.map((tier) => (tier.id === 'silver' ? { ...tier, threshold: 50_000 } : tier)) },
  }
  const spent600 = { '2026-05': { spendFen: 60_000, points: 600 } }

  it('given ¥600 spent and silver lowered to ¥500, then up to silver, recorded as caused by the rules, under the new version', () => {
    expect(decideRulesUpgrade(aMember({ activity: spent600 }), lowerSilver, NOW)).toMatchObject({
      member: { tier: 'silver', tierSince: NOW, tierUntil: NEXT_HOLD },
      tierChange: { from: 'regular', to: 'silver', reason: 'rules', rulesVersion: 8 },
      messages: [{ data: { thing1: '恭喜升级为银卡会员' } }],
    })
  })

  it('given a member the rules do not lift (or already lifted), then unchanged: a resumed sweep does nothing twice', () => {
    expect(decideRulesUpgrade(aMember({ activity: spent600 }), RULES, NOW)).toEqual({ kind: 'unchanged' })
    expect(decideRulesUpgrade(aMember({ tier: 'silver', activity: spent600 }), lowerSilver, NOW)).toEqual({ kind: 'unchanged' })
  })

  it('never moves anyone down', () => {
    expect(decideRulesUpgrade(aMember({ tier: 'gold', tierUntil: HOLD_ENDED, activity: spent600 }), lowerSilver, NOW)).toEqual({ kind: 'unchanged' })
  })
})
