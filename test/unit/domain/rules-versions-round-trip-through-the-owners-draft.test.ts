import { DEFAULT_RULES, draftOf, pointsRulesOf, rulesFromDraft } from '../../../cloudfunctions/shared/domain/rules'

const PUBLISHED_AT = new Date('2026-05-20T10:00:00+08:00')

describe('the points rules the till applies', () => {
  it('take their version from the rules and each tier’s multiplier from its definition', () => {
    expect(pointsRulesOf({ ...DEFAULT_RULES, version: 4 })).toEqual({
      version: 4,
      pointsPerYuan: 1,
      pointsPerCashYuan: 100,
      maxCashShare: 0.5,
      expiryMonths: 12,
      tierMultipliers: { regular: 1, silver: 1.2, gold: 1.5, diamond: 2 },
    })
  })
})

describe('the owner’s draft', () => {
  it('holds what the owner edits: basis, points settings, and each tier with its birthday perk flattened', () => {
    const draft = draftOf(DEFAULT_RULES)
    expect(draft.basis).toBe('spend')
    expect(draft.points).toEqual(DEFAULT_RULES.points)
    expect(draft.tiers[1]).toEqual({
      id: 'silver',
      name: '银卡',
      threshold: 100_000,
      color: '#8d97a5',
      pointsMultiplier: 1.2,
      discountPercent: 2,
      birthdayPoints: 100,
      birthdayCoupon: DEFAULT_RULES.tiers.tiers[1].birthdayPerk.coupon,
      prioritySignup: false,
    })
  })

  it('published, becomes the next version with its explanation, author and time, and the same hold period', () => {
    const draft = draftOf(DEFAULT_RULES)
    const published = rulesFromDraft(
      { ...draft, basis: 'points', tiers: draft.tiers.map((tier) => (tier.id === 'gold' ? { ...tier, threshold: 4000, birthdayPoints: 300 } : tier)) },
      2,
      '金卡门槛调整',
      PUBLISHED_AT,
      'owner-1',
    )
    expect(published).toMatchObject({ version: 2, explanation: '金卡门槛调整', publishedAt: PUBLISHED_AT, publishedBy: 'owner-1', tiers: { basis: 'points', holdMonths: 12 } })
    expect(published.tiers.tiers[2]).toMatchObject({ id: 'gold', threshold: 4000, birthdayPerk: { points: 300, coupon: DEFAULT_RULES.tiers.tiers[2].birthdayPerk.coupon } })
  })

  it('round-trips: publishing an unedited draft gives back the rules it came from', () => {
    const { points, tiers } = rulesFromDraft(draftOf(DEFAULT_RULES), 1, '', PUBLISHED_AT, 'owner-1')
    expect({ points, tiers }).toEqual({ points: DEFAULT_RULES.points, tiers: DEFAULT_RULES.tiers })
  })

  it('copies rather than shares: editing the published rules leaves the draft alone', () => {
    const draft = draftOf(DEFAULT_RULES)
    const published = rulesFromDraft(draft, 2, '', PUBLISHED_AT, 'owner-1')
    published.points.pointsPerYuan = 9
    expect(draft.points.pointsPerYuan).toBe(1)
  })
})
