import { DEFAULT_RULES } from '../../../cloudfunctions/shared/domain/rules'
import { consequenceOf, factsOf, noticeMeaning, PreviewTally, type MemberTierFacts } from '../../../cloudfunctions/shared/domain/tierPreview'
import type { TierRules } from '../../../cloudfunctions/shared/domain/tiers'

const NOW = new Date('2026-05-20T10:00:00+08:00')
const rules = DEFAULT_RULES.tiers // silver ¥1,000, gold ¥5,000, diamond ¥20,000
const spent = (fen: number) => ({ '2026-05': { spendFen: fen, points: fen / 100 } })
const facts = (tier: 'regular' | 'silver' | 'gold', tierUntil: Date | null, fen: number): MemberTierFacts => ({
  state: { tier, tierSince: new Date('2025-06-01T00:00:00+08:00'), tierUntil },
  activity: spent(fen),
})
const ENDED = new Date('2026-05-01T00:00:00+08:00')
const LATER = new Date('2026-09-01T00:00:00+08:00')

describe('what a rules change means for one member', () => {
  it.each([
    ['a figure over a higher threshold', facts('regular', null, 120_000), { kind: 'upgrade', to: 'silver' }],
    ['a hold already over and too little spend', facts('gold', ENDED, 120_000), { kind: 'downgrade-due', to: 'silver' }],
    ['a hold still running and too little spend', facts('gold', LATER, 120_000), { kind: 'downgrade-later', to: 'silver', at: LATER }],
    ['a hold still running and enough spend', facts('silver', LATER, 120_000), { kind: 'unchanged' }],
    ['a hold over and still qualifying', facts('silver', ENDED, 120_000), { kind: 'unchanged' }],
    ['the lowest tier and no spend', facts('regular', null, 0), { kind: 'unchanged' }],
  ])('given %s', (_label, member, consequence) => {
    expect(consequenceOf(member, rules, NOW)).toEqual(consequence)
  })

  it('judges stored documents the same way (dates may arrive as strings)', () => {
    const stored = { tier: 'gold' as const, tierSince: '2025-06-01T00:00:00.000Z' as unknown as Date, tierUntil: ENDED.toISOString() as unknown as Date, activity: spent(120_000) }
    expect(consequenceOf(factsOf(stored), rules, NOW)).toEqual({ kind: 'downgrade-due', to: 'silver' })
  })
})

describe('the owner’s preview, tier by tier', () => {
  it('counts each kind of move by from → to, with the range of later dates', () => {
    const tally = new PreviewTally()
    tally.add('regular', { kind: 'upgrade', to: 'silver' })
    tally.add('regular', { kind: 'upgrade', to: 'silver' })
    tally.add('gold', { kind: 'downgrade-due', to: 'silver' })
    tally.add('gold', { kind: 'downgrade-later', to: 'regular', at: LATER })
    tally.add('gold', { kind: 'downgrade-later', to: 'regular', at: new Date('2026-07-01T00:00:00+08:00') })
    tally.add('silver', { kind: 'unchanged' })
    expect(tally.result()).toEqual({
      membersEvaluated: 6,
      upgrades: [{ from: 'regular', to: 'silver', count: 2 }],
      downgradesDue: [{ from: 'gold', to: 'silver', count: 1 }],
      downgradesLater: [{ from: 'gold', to: 'regular', count: 2, earliest: '2026-06-30T16:00:00.000Z', latest: '2026-08-31T16:00:00.000Z' }],
      unchanged: 1,
    })
  })
})

describe('the notice on each member’s card after a publish', () => {
  const PUBLISHED = new Date('2026-05-19T09:00:00+08:00')
  const lowered: TierRules = { ...rules, tiers: rules.tiers.map((tier) => (tier.id === 'gold' ? { ...tier, threshold: 100_000 } : tier)) }

  it.each([
    ['lifted by the publish itself', { ...facts('gold', LATER, 120_000), state: { tier: 'gold' as const, tierSince: PUBLISHED, tierUntil: LATER } }, lowered, '新规则下您已升级为金卡'],
    ['still holding a tier the rules keep', facts('silver', LATER, 120_000), rules, '新规则下您仍是银卡，有效期至 2026年9月1日'],
    ['holding a tier the rules would take away when the hold ends', facts('gold', LATER, 120_000), rules, '新规则下您仍是金卡，有效期至 2026年9月1日；届时若消费不变将调整为银卡'],
    ['past the hold with too little spend', facts('gold', ENDED, 120_000), rules, '新规则下，您的等级将在近日调整为银卡'],
    ['at the lowest tier, unaffected', facts('regular', null, 0), rules, '新规则下您仍是普通'],
  ])('a member %s', (_label, member, tierRules, meaning) => {
    expect(noticeMeaning(member, tierRules, NOW, PUBLISHED)).toBe(meaning)
  })
})
