import fc from 'fast-check'
import {
  DEFAULT_RFM_THRESHOLDS,
  RECENT_PURCHASES_KEPT,
  RFM_CLASSES,
  segmentFilterProblem,
  type RfmClass,
  type RfmThresholds,
  type SegmentFilter,
} from '../../../cloudfunctions/shared/contract/marketingFields'
import { TIER_IDS } from '../../../cloudfunctions/shared/contract/enums'
import { classify, NEVER_PURCHASED, recordPurchase, segmentFigures, type PurchaseFacts } from '../../../cloudfunctions/shared/domain/rfm'
import { compileSegment, matches } from '../../../cloudfunctions/shared/domain/segments'

/**
 * The RFM classes at the edges of the shop's thresholds (新会员 30 days, 活跃 within 30 days with 2
 * purchases in 90, 流失风险 silent 45–90 days after having been active, 沉睡 90 days), and every
 * segment condition as the sender and the preview evaluate it in memory. 2 December 2026, 10:00 Beijing.
 */

const NOW = new Date('2026-12-02T10:00:00+08:00')
const DAY = 24 * 60 * 60 * 1000
const MINUTE = 60_000
/** `days` days (and `ms` more) before NOW. */
const ago = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY - ms)
const T = DEFAULT_RFM_THRESHOLDS

/** A member who joined `joinedDaysAgo` and bought at each of `purchases`, as the accruals record it. */
function facts(joinedDaysAgo: number | Date, purchases: Date[] = []): PurchaseFacts {
  const memory = purchases.reduce<Pick<PurchaseFacts, 'lastPurchaseAt' | 'recentPurchases'>>((state, at) => recordPurchase(state, at), { lastPurchaseAt: NEVER_PURCHASED, recentPurchases: [] })
  return { joinedAt: joinedDaysAgo instanceof Date ? joinedDaysAgo : ago(joinedDaysAgo), ...memory }
}

describe('classify on the default thresholds', () => {
  it('uses the shop brief’s numbers', () => {
    expect(T).toEqual({ newDays: 30, activeDays: 30, activeMinPurchases: 2, activeWindowDays: 90, atRiskDays: 45, dormantDays: 90 })
  })

  it.each<[string, PurchaseFacts, RfmClass]>([
    // 新会员: joined within 30 days, whatever they bought.
    ['joined exactly 30 days ago, never bought', facts(30), 'new'],
    ['joined 30 days and a minute ago, never bought', facts(ago(30, MINUTE)), 'regular'],
    ['joined today', facts(0), 'new'],
    ['joined 10 days ago and bought three times since', facts(10, [ago(9), ago(5), ago(1)]), 'new'],
    // Never bought: counted from the join.
    ['never bought, joined 89 days ago', facts(89), 'regular'],
    ['never bought, joined a minute short of 90 days ago', facts(ago(90, -MINUTE)), 'regular'],
    ['never bought, joined exactly 90 days ago', facts(90), 'dormant'],
    ['never bought, joined 400 days ago', facts(400), 'dormant'],
    ['never bought, last purchase stored as null (not yet swept)', { joinedAt: ago(400), lastPurchaseAt: null }, 'dormant'],
    ['never bought, nothing stored at all', { joinedAt: ago(60) }, 'regular'],
    // 活跃: bought within 30 days, at least 2 purchases within 90.
    ['bought yesterday and 89 days ago', facts(400, [ago(89), ago(1)]), 'active'],
    ['last purchase exactly 30 days ago, another exactly 90 days ago', facts(400, [ago(90), ago(30)]), 'active'],
    ['last purchase 30 days and a minute ago (2 in the window)', facts(400, [ago(60), ago(30, MINUTE)]), 'regular'],
    ['bought yesterday, the other purchase 90 days and a minute ago', facts(400, [ago(90, MINUTE), ago(1)]), 'regular'],
    ['bought yesterday, once ever', facts(400, [ago(1)]), 'regular'],
    ['bought twice yesterday', facts(400, [ago(1, MINUTE), ago(1)]), 'active'],
    // Between 活跃 and 流失风险: silent 31–44 days is 普通.
    ['active until 44 days ago', facts(400, [ago(70), ago(44)]), 'regular'],
    // 流失风险: silent 45–89 days, after 2 purchases within 90 days up to the last one.
    ['silent exactly 45 days, after 2 purchases', facts(400, [ago(80), ago(45)]), 'atRisk'],
    ['silent 45 days less a minute, after 2 purchases', facts(400, [ago(80), ago(45, -MINUTE)]), 'regular'],
    ['silent a minute short of 90 days, after 2 purchases', facts(400, [ago(150), ago(90, -MINUTE)]), 'atRisk'],
    ['silent 60 days, the purchase before exactly 90 days before it', facts(400, [ago(150), ago(60)]), 'atRisk'],
    ['silent 60 days, the purchase before 90 days and a minute before it', facts(400, [ago(150, MINUTE), ago(60)]), 'regular'],
    ['silent 60 days after a single purchase (never active)', facts(400, [ago(60)]), 'regular'],
    // 沉睡: no purchase for 90 days.
    ['silent exactly 90 days, after many purchases', facts(400, [ago(120), ago(100), ago(90)]), 'dormant'],
    ['silent 300 days after one purchase', facts(400, [ago(300)]), 'dormant'],
  ])('%s → %s', (_case, member, expected) => {
    expect(classify(member, T, NOW)).toBe(expected)
  })

  it('reads purchase times kept as ISO text (a document read back) like Dates', () => {
    const member = facts(400, [ago(80), ago(45)])
    const read = JSON.parse(JSON.stringify(member)) as PurchaseFacts
    expect(classify(read, T, NOW)).toBe('atRisk')
  })

  it('follows the thresholds it is given: 活跃 on 3 purchases within 60 days', () => {
    const strict: RfmThresholds = { ...T, activeMinPurchases: 3, activeWindowDays: 60 }
    expect(classify(facts(400, [ago(50), ago(20), ago(2)]), strict, NOW)).toBe('active')
    expect(classify(facts(400, [ago(61), ago(20), ago(2)]), strict, NOW)).toBe('regular')
    expect(classify(facts(400, [ago(61), ago(20), ago(2)]), T, NOW)).toBe('active')
  })
})

describe('classify, for any member and any sensible thresholds', () => {
  const thresholdsArb = fc
    .record({
      newDays: fc.integer({ min: 1, max: 60 }),
      activeDays: fc.integer({ min: 1, max: 60 }),
      activeMinPurchases: fc.integer({ min: 1, max: 5 }),
      extraWindow: fc.integer({ min: 0, max: 120 }),
      gap: fc.integer({ min: 1, max: 60 }),
      dormantGap: fc.integer({ min: 1, max: 200 }),
    })
    .map(({ newDays, activeDays, activeMinPurchases, extraWindow, gap, dormantGap }) => ({
      newDays,
      activeDays,
      activeMinPurchases,
      activeWindowDays: activeDays + extraWindow,
      atRiskDays: activeDays + gap,
      dormantDays: activeDays + gap + dormantGap,
    }))
  const memberArb = fc.record({ joined: fc.integer({ min: 0, max: 800 * DAY }), purchases: fc.array(fc.integer({ min: 0, max: 800 * DAY }), { maxLength: 12 }) }).map(({ joined, purchases }) => {
    // Nobody buys before joining.
    const joinedAt = new Date(NOW.getTime() - joined)
    return facts(
      joinedAt,
      purchases.map((back) => new Date(NOW.getTime() - Math.min(back, joined))),
    )
  })
  const daysSince = (at: Date) => (NOW.getTime() - at.getTime()) / DAY

  it('gives one of the five classes, each only where its definition holds', () => {
    fc.assert(
      fc.property(memberArb, thresholdsArb, (member, thresholds) => {
        const rfm = classify(member, thresholds, NOW)
        expect(RFM_CLASSES).toContain(rfm)
        const joined = daysSince(member.joinedAt)
        const bought = member.recentPurchases ?? []
        const silent = bought.length ? daysSince(new Date(member.lastPurchaseAt!)) : null
        if (joined <= thresholds.newDays) return expect(rfm).toBe('new')
        // Past the new days: 沉睡 exactly when nothing was bought for dormantDays (from the join, for those who never bought).
        expect(rfm === 'dormant').toBe((silent ?? joined) >= thresholds.dormantDays)
        if (rfm === 'active') {
          expect(silent).not.toBeNull()
          expect(silent!).toBeLessThanOrEqual(thresholds.activeDays)
          expect(bought.filter((at) => daysSince(at) <= thresholds.activeWindowDays).length).toBeGreaterThanOrEqual(thresholds.activeMinPurchases)
        }
        if (rfm === 'atRisk') {
          expect(silent!).toBeGreaterThanOrEqual(thresholds.atRiskDays)
          expect(silent!).toBeLessThan(thresholds.dormantDays)
        }
        // Who bought often enough lately is 活跃, never 普通.
        if (silent !== null && silent <= thresholds.activeDays && bought.filter((at) => daysSince(at) <= thresholds.activeWindowDays).length >= thresholds.activeMinPurchases)
          expect(rfm).toBe('active')
      }),
    )
  })
})

describe('recordPurchase and segmentFigures', () => {
  it('keeps the latest purchase and the last few, newest first, whatever order they are recorded in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 25 }), (daysBack) => {
        const at = daysBack.map((days) => ago(days))
        const memory = facts(500, at)
        const newest = [...at].sort((a, b) => b.getTime() - a.getTime())
        expect(memory.lastPurchaseAt).toEqual(newest[0])
        expect(memory.recentPurchases).toEqual(newest.slice(0, RECENT_PURCHASES_KEPT))
      }),
    )
  })

  it('sums spend and orders over this month and the 11 before it, nothing older', () => {
    const activity = {
      '2026-12': { spendFen: 1000, points: 10, orders: 1 },
      '2026-01': { spendFen: 2000, points: 20, orders: 2 },
      '2025-12': { spendFen: 9900, points: 99, orders: 9 },
      '2026-06': { spendFen: 500, points: 5 },
    }
    expect(segmentFigures(activity, NOW)).toEqual({ spend12mFen: 3500, purchases12m: 3 })
    expect(segmentFigures(undefined, NOW)).toEqual({ spend12mFen: 0, purchases12m: 0 })
  })
})

type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never

/** A classified member as the daily job leaves them, changed by `overrides` (dotted paths are nested objects). */
function aMember(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: 'm-1',
    tier: 'silver',
    rfm: 'regular',
    lastPurchaseAt: ago(40),
    seg: { spend12mFen: 20_000, purchases12m: 3 },
    profile: { name: '会员', birthdayMD: '03-15' },
    joinedAt: ago(200),
    source: { store: 'store-001' },
    tags: ['咖啡控', '会员日'],
    removedAt: null,
    ...overrides,
  }
}

describe('compileSegment and matches, one filter field at a time', () => {
  it.each<[string, SegmentFilter, Record<string, unknown>, boolean]>([
    ['tiers: a listed tier', { tiers: ['gold', 'diamond'] }, { tier: 'gold' }, true],
    ['tiers: another tier', { tiers: ['gold', 'diamond'] }, { tier: 'silver' }, false],
    ['rfm: a listed class', { rfm: ['atRisk', 'dormant'] }, { rfm: 'dormant' }, true],
    ['rfm: another class', { rfm: ['atRisk', 'dormant'] }, { rfm: 'active' }, false],
    ['rfm: a member not yet classified', { rfm: ['new'] }, { rfm: undefined }, false],
    ['purchased within 30 days: exactly 30 days ago', { purchasedWithinDays: 30 }, { lastPurchaseAt: ago(30) }, true],
    ['purchased within 30 days: 30 days and a minute ago', { purchasedWithinDays: 30 }, { lastPurchaseAt: ago(30, MINUTE) }, false],
    ['purchased within 30 days: never bought', { purchasedWithinDays: 30 }, { lastPurchaseAt: NEVER_PURCHASED }, false],
    ['not purchased for 60 days: last 60 days and a minute ago', { notPurchasedForDays: 60 }, { lastPurchaseAt: ago(60, MINUTE) }, true],
    ['not purchased for 60 days: last 59 days ago', { notPurchasedForDays: 60 }, { lastPurchaseAt: ago(59) }, false],
    ['not purchased for 60 days: never bought (1970)', { notPurchasedForDays: 60 }, { lastPurchaseAt: NEVER_PURCHASED }, true],
    ['not purchased for 60 days: not yet swept (no last purchase stored)', { notPurchasedForDays: 60 }, { lastPurchaseAt: undefined }, false],
    ['bought within 90 days but not for 30: 50 days ago', { purchasedWithinDays: 90, notPurchasedForDays: 30 }, { lastPurchaseAt: ago(50) }, true],
    ['bought within 90 days but not for 30: 10 days ago', { purchasedWithinDays: 90, notPurchasedForDays: 30 }, { lastPurchaseAt: ago(10) }, false],
    ['bought within 90 days but not for 30: 100 days ago', { purchasedWithinDays: 90, notPurchasedForDays: 30 }, { lastPurchaseAt: ago(100) }, false],
    ['bought within 90 days but not for 30: never', { purchasedWithinDays: 90, notPurchasedForDays: 30 }, { lastPurchaseAt: NEVER_PURCHASED }, false],
    ['spend ¥100–¥500: exactly ¥100', { spendMinFen: 10_000, spendMaxFen: 50_000 }, { seg: { spend12mFen: 10_000, purchases12m: 1 } }, true],
    ['spend ¥100–¥500: exactly ¥500', { spendMinFen: 10_000, spendMaxFen: 50_000 }, { seg: { spend12mFen: 50_000, purchases12m: 1 } }, true],
    ['spend ¥100–¥500: ¥99.99', { spendMinFen: 10_000, spendMaxFen: 50_000 }, { seg: { spend12mFen: 9_999, purchases12m: 1 } }, false],
    ['spend ¥100–¥500: ¥500.01', { spendMinFen: 10_000, spendMaxFen: 50_000 }, { seg: { spend12mFen: 50_001, purchases12m: 1 } }, false],
    ['spend at least ¥0: nothing spent', { spendMinFen: 0 }, { seg: { spend12mFen: 0, purchases12m: 0 } }, true],
    ['spend at most ¥50: no figures yet', { spendMaxFen: 5_000 }, { seg: undefined }, false],
    ['2–5 purchases: 2', { purchasesMin: 2, purchasesMax: 5 }, { seg: { spend12mFen: 1, purchases12m: 2 } }, true],
    ['2–5 purchases: 5', { purchasesMin: 2, purchasesMax: 5 }, { seg: { spend12mFen: 1, purchases12m: 5 } }, true],
    ['2–5 purchases: 1', { purchasesMin: 2, purchasesMax: 5 }, { seg: { spend12mFen: 1, purchases12m: 1 } }, false],
    ['2–5 purchases: 6', { purchasesMin: 2, purchasesMax: 5 }, { seg: { spend12mFen: 1, purchases12m: 6 } }, false],
    ['at most 0 purchases: none', { purchasesMax: 0 }, { seg: { spend12mFen: 0, purchases12m: 0 } }, true],
    ['born in February: 1 February', { birthdayMonth: 2 }, { profile: { name: '会员', birthdayMD: '02-01' } }, true],
    ['born in February: 29 February', { birthdayMonth: 2 }, { profile: { name: '会员', birthdayMD: '02-29' } }, true],
    ['born in February: 31 January', { birthdayMonth: 2 }, { profile: { name: '会员', birthdayMD: '01-31' } }, false],
    ['born in February: 1 March', { birthdayMonth: 2 }, { profile: { name: '会员', birthdayMD: '03-01' } }, false],
    ['born in December: 31 December', { birthdayMonth: 12 }, { profile: { name: '会员', birthdayMD: '12-31' } }, true],
    ['born in January: 1 January', { birthdayMonth: 1 }, { profile: { name: '会员', birthdayMD: '01-01' } }, true],
    ['born in October: 1 November is not', { birthdayMonth: 10 }, { profile: { name: '会员', birthdayMD: '11-01' } }, false],
    ['joined within 30 days: exactly 30 days ago', { joinedWithinDays: 30 }, { joinedAt: ago(30) }, true],
    ['joined within 30 days: 30 days and a minute ago', { joinedWithinDays: 30 }, { joinedAt: ago(30, MINUTE) }, false],
    ['store: the same store', { store: 'store-002' }, { source: { store: 'store-002' } }, true],
    ['store: another store', { store: 'store-002' }, { source: { store: 'store-001' } }, false],
    ['store: joined without a store', { store: 'store-002' }, { source: { store: null } }, false],
    ['tags: carries all of them (and more)', { tags: ['咖啡控', '会员日'] }, { tags: ['会员日', '新品', '咖啡控'] }, true],
    ['tags: carries one of them', { tags: ['咖啡控', '会员日'] }, { tags: ['咖啡控'] }, false],
    ['tags: carries none', { tags: ['咖啡控'] }, { tags: [] }, false],
    ['tags: no tags field', { tags: ['咖啡控'] }, { tags: undefined }, false],
  ])('%s', (_case, filter, overrides, expected) => {
    expect(matches(aMember(overrides), compileSegment(filter, NOW))).toBe(expected)
  })

  it('a removed member never matches, whatever the filter; one with removedAt null or absent does', () => {
    const filters: SegmentFilter[] = [{}, { tiers: ['silver'] }, { rfm: ['regular'] }, { tags: ['咖啡控'] }, { notPurchasedForDays: 30 }, { store: 'store-001' }]
    for (const filter of filters) {
      const conditions = compileSegment(filter, NOW)
      expect(matches(aMember(), conditions)).toBe(true)
      expect(matches(aMember({ removedAt: undefined }), conditions)).toBe(true)
      expect(matches(aMember({ removedAt: ago(1) }), conditions)).toBe(false)
    }
  })

  it('compiles an empty filter to "not removed" only, and each field to one condition on its own indexed field', () => {
    expect(compileSegment({}, NOW)).toEqual([{ field: 'removedAt', op: 'eq', value: null }])
    const every: SegmentFilter = {
      tiers: ['gold'],
      rfm: ['active'],
      purchasedWithinDays: 90,
      notPurchasedForDays: 30,
      spendMinFen: 1,
      spendMaxFen: 2,
      purchasesMin: 1,
      purchasesMax: 2,
      birthdayMonth: 5,
      joinedWithinDays: 400,
      store: 'store-001',
      tags: ['a'],
    }
    expect(compileSegment(every, NOW)).toEqual([
      { field: 'rfm', op: 'in', value: ['active'] },
      { field: 'tier', op: 'in', value: ['gold'] },
      { field: 'lastPurchaseAt', op: 'range', gte: ago(90), lt: ago(30) },
      { field: 'seg.spend12mFen', op: 'range', gte: 1, lte: 2 },
      { field: 'seg.purchases12m', op: 'range', gte: 1, lte: 2 },
      { field: 'profile.birthdayMD', op: 'range', gte: '05-01', lte: '05-31' },
      { field: 'joinedAt', op: 'range', gte: ago(400) },
      { field: 'source.store', op: 'eq', value: 'store-001' },
      { field: 'tags', op: 'all', value: ['a'] },
      { field: 'removedAt', op: 'eq', value: null },
    ])
    // "Not purchased for" alone starts at 1970, so the never-bought are inside the range.
    expect(compileSegment({ notPurchasedForDays: 30 }, NOW)[0]).toEqual({ field: 'lastPurchaseAt', op: 'range', lt: ago(30), gte: NEVER_PURCHASED })
  })

  it('measures day counts back from the moment it is compiled at', () => {
    const member = aMember({ lastPurchaseAt: ago(29), joinedAt: ago(29) })
    const tomorrow = new Date(NOW.getTime() + 2 * DAY)
    expect(matches(member, compileSegment({ purchasedWithinDays: 30, joinedWithinDays: 30 }, NOW))).toBe(true)
    expect(matches(member, compileSegment({ purchasedWithinDays: 30 }, tomorrow))).toBe(false)
    expect(matches(member, compileSegment({ joinedWithinDays: 30 }, tomorrow))).toBe(false)
  })
})

describe('compileSegment and matches, for any filter and any member', () => {
  const dayArb = fc.integer({ min: 1, max: 400 })
  const filterArb: fc.Arbitrary<SegmentFilter> = fc.record(
    {
      tiers: fc.subarray([...TIER_IDS], { minLength: 1 }),
      rfm: fc.subarray([...RFM_CLASSES], { minLength: 1 }),
      purchasedWithinDays: dayArb,
      notPurchasedForDays: dayArb,
      spendMinFen: fc.integer({ min: 0, max: 60_000 }),
      spendMaxFen: fc.integer({ min: 0, max: 60_000 }),
      purchasesMin: fc.integer({ min: 0, max: 8 }),
      purchasesMax: fc.integer({ min: 0, max: 8 }),
      birthdayMonth: fc.integer({ min: 1, max: 12 }),
      joinedWithinDays: dayArb,
      store: fc.constantFrom('store-001', 'store-002'),
      tags: fc.subarray(['a', 'b', 'c'], { minLength: 1 }),
    },
    { requiredKeys: [] },
  )
  const memberArb = fc.record({
    tier: fc.constantFrom(...TIER_IDS),
    rfm: fc.constantFrom(...RFM_CLASSES),
    lastPurchaseAt: fc.oneof(
      fc.constant(NEVER_PURCHASED),
      fc.integer({ min: 0, max: 500 * DAY }).map((back) => new Date(NOW.getTime() - back)),
    ),
    seg: fc.record({ spend12mFen: fc.integer({ min: 0, max: 60_000 }), purchases12m: fc.integer({ min: 0, max: 8 }) }),
    profile: fc.record({
      name: fc.constant('会员'),
      birthdayMD: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 29 })).map(([m, d]) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    }),
    joinedAt: fc.integer({ min: 0, max: 500 * DAY }).map((back) => new Date(NOW.getTime() - back)),
    source: fc.record({ store: fc.constantFrom('store-001', 'store-002', null) }),
    tags: fc.subarray(['a', 'b', 'c']),
    removedAt: fc.option(fc.constant(ago(3)), { nil: null }),
  })

  /** The filter read in plain words, member by member. */
  function inPlainWords(filter: SegmentFilter, member: Generated<typeof memberArb>): boolean {
    const since = (at: Date) => NOW.getTime() - at.getTime()
    const neverBought = member.lastPurchaseAt.getTime() === NEVER_PURCHASED.getTime()
    const month = Number(member.profile.birthdayMD.slice(0, 2))
    return (
      member.removedAt === null &&
      (!filter.tiers || filter.tiers.includes(member.tier)) &&
      (!filter.rfm || filter.rfm.includes(member.rfm)) &&
      (filter.purchasedWithinDays === undefined || (!neverBought && since(member.lastPurchaseAt) <= filter.purchasedWithinDays * DAY)) &&
      (filter.notPurchasedForDays === undefined || neverBought || since(member.lastPurchaseAt) > filter.notPurchasedForDays * DAY) &&
      (filter.spendMinFen === undefined || member.seg.spend12mFen >= filter.spendMinFen) &&
      (filter.spendMaxFen === undefined || member.seg.spend12mFen <= filter.spendMaxFen) &&
      (filter.purchasesMin === undefined || member.seg.purchases12m >= filter.purchasesMin) &&
      (filter.purchasesMax === undefined || member.seg.purchases12m <= filter.purchasesMax) &&
      (filter.birthdayMonth === undefined || month === filter.birthdayMonth) &&
      (filter.joinedWithinDays === undefined || since(member.joinedAt) <= filter.joinedWithinDays * DAY) &&
      (filter.store === undefined || member.source.store === filter.store) &&
      (!filter.tags || filter.tags.every((tag) => member.tags.includes(tag)))
    )
  }

  it('holds exactly when every condition of the filter holds', () => {
    fc.assert(
      fc.property(filterArb, memberArb, (filter, member) => {
        expect(matches(member, compileSegment(filter, NOW))).toBe(inPlainWords(filter, member))
      }),
      { numRuns: 2000 },
    )
  })

  it('answers the same for the member read back as JSON (dates as ISO text)', () => {
    fc.assert(
      fc.property(filterArb, memberArb, (filter, member) => {
        const conditions = compileSegment(filter, NOW)
        expect(matches(JSON.parse(JSON.stringify(member)) as Record<string, unknown>, conditions)).toBe(matches(member, conditions))
      }),
    )
  })
})

describe('a filter that contradicts itself', () => {
  it.each([
    [{ purchasedWithinDays: 60, notPurchasedForDays: 10 }, null],
    [{ purchasedWithinDays: 10, notPurchasedForDays: 60 }, 'notPurchasedForDays'],
    [{ purchasedWithinDays: 30, notPurchasedForDays: 30 }, 'notPurchasedForDays'],
    [{ spendMinFen: 5000, spendMaxFen: 1000 }, 'spendMaxFen'],
    [{ purchasesMin: 3, purchasesMax: 2 }, 'purchasesMax'],
    [{ purchasesMin: 2, purchasesMax: 2 }, null],
  ] as const)('%j is refused on %s', (filter, field) => {
    expect(segmentFilterProblem(filter)?.field ?? null).toBe(field)
  })
})
