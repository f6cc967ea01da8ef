import fc from 'fast-check'
import { cashForPoints, earn, expireDue, lotExpiry, pointsForPurchase, refundPoints, reverse, spend, type PointsState } from '../../../cloudfunctions/shared/domain/points'
import { DEFAULT_POINTS_RULES } from '../../../cloudfunctions/shared/domain/pointsRules'

const rules = { ...DEFAULT_POINTS_RULES, tierMultipliers: { regular: 1, silver: 1.2, gold: 1.5, diamond: 2 } }
const empty: PointsState = { pointsBalance: 0, lifetimePoints: 0, pointLots: [] }
const at = (iso: string) => new Date(iso)

describe('points for a purchase', () => {
  it.each([
    [8850, 'regular', 88],
    [99, 'regular', 0],
    [1000, 'silver', 12],
    [10, 'silver', 0],
    [2999, 'gold', 44],
    [100_000_000, 'diamond', 2_000_000],
  ] as const)('%i fen at %s earns %i points, rounded down without float drift', (fen, tier, points) => {
    expect(pointsForPurchase(fen, tier, rules)).toBe(points)
  })
})

describe('lots', () => {
  it('expire at the end of the 12th month after earning, in China', () => {
    // 2026-11-30 23:00 in Shanghai is 15:00 UTC: a November lot, expiring end of November 2027.
    expect(lotExpiry(at('2026-11-30T15:00:00Z'), rules).toISOString()).toBe('2027-11-30T15:59:59.999Z')
    // 2026-11-30 16:30 UTC is already 1 December in Shanghai.
    expect(lotExpiry(at('2026-11-30T16:30:00Z'), rules).toISOString()).toBe('2027-12-31T15:59:59.999Z')
  })

  it('spend oldest first, take refunds from the newest, never below zero', () => {
    let state = earn(empty, 100, at('2027-01-31T15:59:59.999Z'))
    state = earn(state, 50, at('2027-03-31T15:59:59.999Z'))
    state = earn(state, 30, at('2027-01-31T15:59:59.999Z'))
    expect(state.pointLots.map((lot) => lot.remaining)).toEqual([130, 50])
    const spent = spend(state, 140)
    if (!spent.ok) throw new Error('expected to spend')
    expect(spent.state.pointLots.map((lot) => lot.remaining)).toEqual([40])
    expect(spend(spent.state, 41)).toEqual({ ok: false, code: 'INSUFFICIENT_POINTS' })
    const reversed = reverse(state, 60)
    expect(reversed.state.pointLots.map((lot) => lot.remaining)).toEqual([120])
    expect(reverse(spent.state, 100)).toMatchObject({ reversed: 40, shortfall: 60, state: { pointsBalance: 0, pointLots: [] } })
  })

  it('expire only lots due by now', () => {
    let state = earn(empty, 100, at('2027-01-31T15:59:59.999Z'))
    state = earn(state, 50, at('2027-03-31T15:59:59.999Z'))
    expect(expireDue(state, at('2027-01-31T15:59:59.998Z')).points).toBe(0)
    const due = expireDue(state, at('2027-01-31T15:59:59.999Z'))
    expect(due).toMatchObject({ points: 100, state: { pointsBalance: 50 } })
  })
})

describe('refunds and cash', () => {
  it('reverse cumulatively so partial refunds add up exactly', () => {
    const order = { amountFen: 10000, pointsEarned: 100 }
    const first = refundPoints(order, { refundedFen: 0, reversedPoints: 0 }, 3333)
    expect(first).toEqual({ ok: true, points: 33, refundedFenAfter: 3333, reversedPointsAfter: 33 })
    const rest = refundPoints(order, { refundedFen: 3333, reversedPoints: 33 }, 6667)
    expect(rest).toMatchObject({ ok: true, points: 67 })
    expect(refundPoints(order, { refundedFen: 10000, reversedPoints: 100 }, 1)).toMatchObject({ ok: false, field: 'amount' })
  })

  // Where rounding down and rounding half up part ways: the code rounds the cumulative share
  // down, as earning does, so a partial refund never takes back more than its share and the last
  // refund takes back exactly what is left.
  it.each([
    ['33.5 points’ worth takes 33, not 34', { amountFen: 10000, pointsEarned: 100 }, 0, 3350, 33],
    ['66.7 points’ worth takes 66, not 67', { amountFen: 10000, pointsEarned: 100 }, 0, 6670, 66],
    ['half a point’s worth takes nothing', { amountFen: 10000, pointsEarned: 100 }, 0, 50, 0],
    ['half of an odd 7 takes 3', { amountFen: 700, pointsEarned: 7 }, 0, 350, 3],
    ['a second half of 3350 fen takes 34: cumulatively 67 of 100', { amountFen: 10000, pointsEarned: 100 }, 3350, 3350, 34],
  ])('rounds the share down: %s', (_label, order, refundedFen, refundFen, points) => {
    const earlier = refundPoints(order, { refundedFen: 0, reversedPoints: 0 }, refundedFen)
    if (!earlier.ok) throw new Error('the earlier refund should fit')
    expect(refundPoints(order, { refundedFen, reversedPoints: earlier.reversedPointsAfter }, refundFen)).toMatchObject({ ok: true, points })
  })

  it('any split of a full refund takes back exactly the order’s points, each step at most its share (property)', () => {
    const order = fc.record({ amountFen: fc.integer({ min: 1, max: 10_000_000 }), pointsEarned: fc.integer({ min: 0, max: 20_000_000 }) })
    const split = order.chain((facts) => fc.tuple(fc.constant(facts), fc.array(fc.integer({ min: 1, max: facts.amountFen }), { maxLength: 8 })))
    fc.assert(
      fc.property(split, ([facts, cuts]) => {
        const refunds = cutsToRefunds(facts.amountFen, cuts)
        let state = { refundedFen: 0, reversedPoints: 0 }
        for (const refundFen of refunds) {
          const decision = refundPoints(facts, state, refundFen)
          if (!decision.ok || decision.points < 0) return false
          // Never ahead of the exact proportional share of what has been refunded so far.
          if (decision.reversedPointsAfter * facts.amountFen > facts.pointsEarned * decision.refundedFenAfter) return false
          state = { refundedFen: decision.refundedFenAfter, reversedPoints: decision.reversedPointsAfter }
        }
        return state.refundedFen === facts.amountFen && state.reversedPoints === facts.pointsEarned
      }),
    )
  })

  it.each([
    [500, 10000, { ok: true, discountFen: 500 }],
    [5000, 10000, { ok: true, discountFen: 5000 }],
    [5100, 10000, { ok: false }],
    [150, 10000, { ok: false }],
  ])('%i points against a %i fen order', (points, orderFen, expected) => {
    expect(cashForPoints(points, orderFen, rules)).toMatchObject(expected)
  })
})

/** Refund amounts that add up to the whole order: the gaps between sorted cut points. */
function cutsToRefunds(amountFen: number, cuts: number[]): number[] {
  const points = [...new Set(cuts.filter((cut) => cut < amountFen))].sort((a, b) => a - b)
  return [...points, amountFen].map((point, index) => point - (index === 0 ? 0 : points[index - 1]))
}
