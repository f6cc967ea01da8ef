import {
  DEFAULT_TIER_RULES,
  decideEvaluation,
  decideUpgrade,
  progressToNext,
  qualifyingFigure,
  recordActivity,
  tierFor,
  type TierRules,
  type TierState,
} from '../../../cloudfunctions/shared/domain/tiers'

const rules = DEFAULT_TIER_RULES // thresholds in fen: silver 100,000; gold 500,000; diamond 2,000,000
const now = new Date('2026-11-22T04:00:00Z')
const regular: TierState = { tier: 'regular', tierSince: new Date('2026-01-01T00:00:00Z'), tierUntil: null }

describe('which tier a figure reaches', () => {
  it.each([
    [0, 'regular'],
    [99_999, 'regular'],
    [100_000, 'silver'],
    [100_001, 'silver'],
    [499_999, 'silver'],
    [500_000, 'gold'],
    [1_999_999, 'gold'],
    [2_000_000, 'diamond'],
    [99_000_000, 'diamond'],
  ])('%i fen → %s', (figure, tier) => {
    expect(tierFor(figure, rules).id).toBe(tier)
  })
})

describe('upgrades', () => {
  it.each([
    ['just below silver', 99_999, null],
    ['exactly silver', 100_000, 'silver'],
    ['skipping silver to gold', 500_000, 'gold'],
    ['skipping two tiers to diamond', 2_500_000, 'diamond'],
  ])('%s', (_label, figure, to) => {
    const decision = decideUpgrade(regular, figure, rules, now)
    expect(decision?.state.tier ?? null).toBe(to)
    if (decision) {
      expect(decision.change).toMatchObject({ from: 'regular', to, reason: 'upgrade', figure })
      expect(decision.state.tierUntil?.toISOString()).toBe('2027-11-22T04:00:00.000Z')
    }
  })

  it('never moves down at an accrual', () => {
    expect(decideUpgrade({ tier: 'gold', tierSince: now, tierUntil: now }, 0, rules, now)).toBeNull()
  })
})

describe('evaluation at the end of the hold period', () => {
  const gold: TierState = { tier: 'gold', tierSince: new Date('2025-11-22T04:00:00Z'), tierUntil: new Date('2026-11-22T04:00:00Z') }

  it('does nothing a moment before the period ends', () => {
    expect(decideEvaluation(gold, 0, rules, new Date('2026-11-22T03:59:59.999Z'))).toBeNull()
  })

  it.each([
    ['figure fell to silver', 150_000, 'silver', 'downgrade'],
    ['figure fell to nothing: never below 普通', 0, 'regular', 'downgrade'],
    ['figure still gold: kept, held another period', 600_000, 'gold', null],
    ['figure rose to diamond', 2_000_000, 'diamond', 'upgrade'],
  ])('%s', (_label, figure, tier, reason) => {
    const decision = decideEvaluation(gold, figure, rules, now)
    expect(decision?.state.tier).toBe(tier)
    expect(decision?.change?.reason ?? null).toBe(reason)
    expect(decision?.state.tierUntil?.toISOString()).toBe('2027-11-22T04:00:00.000Z')
  })
})

describe('the rolling 12-month figure', () => {
  it('counts this month and the 11 before, on China’s calendar', () => {
    let activity = recordActivity(undefined, new Date('2025-11-30T16:30:00Z'), 100_000, 1000, new Date('2025-12-01T00:00:00Z')) // 1 Dec 2025 in Shanghai
    activity = recordActivity(activity, new Date('2026-11-01T00:00:00Z'), 50_000, 500, new Date('2026-11-01T00:00:00Z'))
    expect(qualifyingFigure(activity, 'spend', new Date('2026-11-22T00:00:00Z'))).toBe(150_000)
    // 1 December 2026 in Shanghai: December 2025 has left the window.
    expect(qualifyingFigure(activity, 'spend', new Date('2026-11-30T16:00:00Z'))).toBe(50_000)
  })

  it('switches basis between spend and points earned', () => {
    const activity = recordActivity(undefined, now, 120_000, 80_000)
    const byPoints: TierRules = { ...rules, basis: 'points', tiers: rules.tiers.map((tier, index) => ({ ...tier, threshold: [0, 1000, 100_000, 500_000][index] })) }
    expect(tierFor(qualifyingFigure(activity, 'spend', now), rules).id).toBe('silver')
    expect(tierFor(qualifyingFigure(activity, 'points', now), byPoints).id).toBe('silver')
    expect(qualifyingFigure(activity, 'points', now)).toBe(80_000)
  })

  it('takes refunds back out of the month they were bought in, never below zero', () => {
    const activity = recordActivity(undefined, now, 10_000, 100)
    expect(recordActivity(activity, now, -20_000, -200)[Object.keys(activity)[0]]).toEqual({ spendFen: 0, points: 0 })
  })
})

describe('progress to the next tier', () => {
  it.each([
    ['regular', 0, { next: 'silver', remaining: 100_000, ratio: 0 }],
    ['regular', 76_000, { next: 'silver', remaining: 24_000, ratio: 0.76 }],
    ['gold', 1_250_000, { next: 'diamond', remaining: 750_000, ratio: 0.5 }],
  ] as const)('%s at %i fen', (tier, figure, expected) => {
    const progress = progressToNext(tier, figure, rules)
    expect({ next: progress?.next.id, remaining: progress?.remaining, ratio: progress?.ratio }).toEqual(expected)
  })

  it('says there is nothing above diamond', () => {
    expect(progressToNext('diamond', 9_000_000, rules)).toBeNull()
  })
})
