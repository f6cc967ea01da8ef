/**
 * The statistics' pure rules: a store's days chained in order give each day the levels of the day
 * before moved by its own flows, and trailing sums equal to adding up the days within each window
 * (checked against a brute-force sum over random histories with gaps); re-deriving twice changes
 * nothing; an order's categories always add up to what it took, however its lines round; the
 * members' snapshot counts each member once in the shop and once in their store.
 */
import fc from 'fast-check'
import { TRAILED_FLOWS, ZERO_FLOWS, type DayFlows } from '../../../cloudfunctions/shared/contract/statsFields'
import type { LedgerRow } from '../../../cloudfunctions/shared/domain/ledger'
import {
  ALL_STORES,
  addLedgerRow,
  daysBefore,
  daysFrom,
  emptySnapshot,
  emptyTrailing,
  rederive,
  statsDayId,
  tallyMember,
  type FlowsByStore,
  type SnapshotTally,
  type StoredDay,
} from '../../../cloudfunctions/shared/domain/stats'

const FIRST = '2026-01-01'
const dayDoc = (day: string, flows: Partial<DayFlows>): StoredDay => ({
  _id: statsDayId(day, ALL_STORES),
  day,
  store: ALL_STORES,
  flows: { ...ZERO_FLOWS(), ...flows },
  levels: { members: 0, outstandingPoints: null, liabilityFen: null },
  trailing: emptyTrailing(),
  snapshot: null,
  computedAt: new Date(0),
})

describe('days in order', () => {
  it('cross month and year ends in Beijing days', () => {
    expect(daysFrom('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02'])
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28')
  })

  it('carry levels from the day before and sum each trailing window, with gaps, as a brute force does', () => {
    const history = fc.array(
      fc.record({ present: fc.boolean(), newMembers: fc.nat(20), leftMembers: fc.nat(5), orders: fc.nat(50), salesFen: fc.nat(100_000), pointsNet: fc.integer({ min: -500, max: 500 }) }),
      { minLength: 1, maxLength: 120 },
    )
    fc.assert(
      fc.property(history, (days) => {
        const all = daysFrom(FIRST, daysBefore(FIRST, -(days.length - 1)))
        const docs = all.flatMap((day, index) => (days[index].present ? [dayDoc(day, days[index])] : []))
        const bootstrap = (day: string) => ({ members: 1000 + all.indexOf(day), outstandingPoints: 5000, liabilityFen: 50 })
        const changed = rederive(docs, FIRST, bootstrap, 100)
        const byDay = new Map(docs.map((doc) => [doc.day, doc]))
        for (const doc of changed) byDay.set(doc.day, doc)
        const result = [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day))
        for (const doc of result) {
          const index = all.indexOf(doc.day)
          const before = index > 0 ? byDay.get(all[index - 1]) : undefined
          if (before) {
            expect(doc.levels.members).toBe(before.levels.members + doc.flows.newMembers - doc.flows.leftMembers)
            expect(doc.levels.outstandingPoints).toBe(before.levels.outstandingPoints! + doc.flows.pointsNet)
            expect(doc.levels.liabilityFen).toBe(Math.round(doc.levels.outstandingPoints!))
          } else expect(doc.levels).toEqual(bootstrap(doc.day))
          for (const window of [7, 30, 90] as const)
            for (const key of TRAILED_FLOWS) {
              const within = all.slice(Math.max(0, index - window + 1), index + 1).reduce((sum, day) => sum + (byDay.get(day)?.flows[key] ?? 0), 0)
              expect(doc.trailing[`d${window}`][key]).toBe(within)
            }
        }
        // Deriving what is already derived changes nothing.
        expect(rederive(result, FIRST, bootstrap, 100)).toEqual([])
      }),
      { numRuns: 60 },
    )
  })
})

describe('an order into the day', () => {
  const orderRow = (amountFen: number, items: Array<{ category: string; amountFen: number }>, paidFen?: number): LedgerRow => ({
    _id: `order:store-001:${amountFen}`,
    openid: 'o1',
    kind: 'earn',
    delta: 10,
    balanceAfter: 10,
    reason: '',
    by: 'c',
    rulesVersion: 1,
    createdAt: new Date(0),
    expiresAt: null,
    order: {
      storeId: 'store-001',
      orderNo: 'A1',
      amountFen,
      cashier: 'c',
      items: items.map((item) => ({ name: 'x', quantity: 1, ...item })),
      ...(paidFen !== undefined ? { checkout: { tierDiscountFen: 0, coupon: null, maxPoints: 0, pointsUsed: 0, pointsEarned: 10, cashFen: 0, paidFen } } : {}),
      visit: { firstToday: true, returning: false, campaigns: ['C1'] },
    },
  })

  it('counts its categories to exactly what it took, at the shop and its store, however the lines round', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ category: fc.constantFrom('咖啡', '烘焙', '茶饮'), amountFen: fc.integer({ min: 1, max: 20_000 }) }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 100 }),
        (items, discountPercent) => {
          const amountFen = items.reduce((sum, item) => sum + item.amountFen, 0)
          const paidFen = Math.floor((amountFen * (100 - discountPercent)) / 100)
          const acc: FlowsByStore = {}
          addLedgerRow(acc, orderRow(amountFen, items, paidFen))
          for (const store of [ALL_STORES, 'store-001']) {
            expect(Object.values(acc[store].categories).reduce((a, b) => a + b, 0)).toBe(paidFen)
            expect(acc[store]).toMatchObject({ orders: 1, salesFen: paidFen, buyers: 1, returningBuyers: 0, campaignConversions: 1 })
          }
          // Points are the shop's alone.
          expect(acc[ALL_STORES].pointsIssued).toBe(10)
          expect(acc['store-001'].pointsIssued).toBe(0)
        },
      ),
    )
  })

  it('splits a checkout’s net row into the points it earned and those it spent', () => {
    const row = orderRow(10_000, [{ category: '咖啡', amountFen: 10_000 }], 8_000)
    row.delta = 80 - 2_000
    row.order!.checkout = { ...row.order!.checkout!, pointsUsed: 2_000, pointsEarned: 80 }
    const acc: FlowsByStore = {}
    addLedgerRow(acc, row)
    expect(acc[ALL_STORES]).toMatchObject({ pointsIssued: 80, pointsRedeemed: 2_000, pointsNet: -1_920 })
  })
})

describe('the members’ snapshot', () => {
  it('counts each member once in the shop and once in their home store, in one cell of the matrix', () => {
    const now = new Date('2026-12-01T10:00:00+08:00')
    const tally: SnapshotTally = {}
    const members = [
      { tier: 'gold' as const, store: 'store-001', rfm: 'active' as const, joinedAt: new Date('2025-01-01'), lastPurchaseAt: new Date('2026-11-25'), spend12mFen: 120_000, purchases12m: 9 },
      { tier: 'regular' as const, store: null, rfm: 'dormant' as const, joinedAt: new Date('2025-06-01'), lastPurchaseAt: new Date(0), spend12mFen: 0, purchases12m: 0 },
      { tier: 'silver' as const, store: 'store-002', rfm: 'atRisk' as const, joinedAt: new Date('2025-06-01'), lastPurchaseAt: new Date('2026-09-20'), spend12mFen: 40_000, purchases12m: 3 },
    ]
    for (const member of members) tallyMember(tally, member, now)
    expect(tally[ALL_STORES]).toMatchObject({ tiers: { regular: 1, silver: 1, gold: 1, diamond: 0 }, rfm: { new: 0, active: 1, regular: 0, atRisk: 1, dormant: 1 }, active30: 1, dormant90: 1 })
    expect(tally[ALL_STORES].matrix).toEqual([
      [0, 0, 0, 0, 1],
      [0, 0, 1, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [1, 0, 0, 0, 0],
    ])
    expect(tally[ALL_STORES].spend).toEqual([1, 0, 1, 0, 1, 0])
    expect(tally['store-001']).toEqual({
      ...emptySnapshot(),
      tiers: { regular: 0, silver: 0, gold: 1, diamond: 0 },
      rfm: { new: 0, active: 1, regular: 0, atRisk: 0, dormant: 0 },
      active30: 1,
      matrix: tally['store-001'].matrix,
      spend: [0, 0, 0, 0, 1, 0],
      frequency: [0, 0, 0, 0, 1],
    })
  })
})
