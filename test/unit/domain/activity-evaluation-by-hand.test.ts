import type { ActivityEvaluation } from '../../../cloudfunctions/shared/contract/activity'
import type { ActivityDoc, SignupDoc } from '../../../cloudfunctions/shared/domain/activity'
import { compareByType, evaluateActivity, spendAround, spendWindow, type MemberSpend } from '../../../cloudfunctions/shared/domain/activityEvaluation'
import { ledgerRow, type CheckoutFacts, type LedgerRow } from '../../../cloudfunctions/shared/domain/ledger'

/**
 * One small activity worked through by hand: every figure the evaluation screen shows is added up
 * in the comments first, then asserted exactly. The spend windows are the 30 days before the start
 * (start − 30 days included, the start excluded) and the 30 days from the start (the start
 * included, start + 30 days excluded).
 */

const beijing = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`)
const DAY = 24 * 3600_000
const START = beijing('2026-12-27 19:00')
const END = beijing('2026-12-27 21:00')
const offset = (ms: number) => new Date(START.getTime() + ms)

const activity: ActivityDoc = {
  _id: 'act-bake',
  title: '周末烘焙课',
  type: 'class',
  coverFileId: null,
  description: '',
  place: '静安店二楼',
  startAt: START,
  endAt: END,
  signupOpensAt: beijing('2026-12-20 10:00'),
  signupClosesAt: beijing('2026-12-27 18:00'),
  cancelCutoffAt: beijing('2026-12-27 12:00'),
  capacity: 4,
  waitlist: true,
  minTier: 'regular',
  priorityHours: 0,
  attendancePoints: 50,
  pointsCost: 0,
  status: 'published',
  confirmed: 4,
  queue: ['m5'],
  publishedAt: beijing('2026-12-01 09:00'),
  cancelledAt: null,
  cancelReason: null,
  closedAt: null,
  settledAt: null,
  createdAt: beijing('2026-12-01 09:00'),
  createdBy: 'owner-1',
  updatedAt: beijing('2026-12-01 09:00'),
}

function signup(openid: string, overrides: Partial<SignupDoc>): SignupDoc {
  return {
    _id: `act-bake:${openid}`,
    activityId: 'act-bake',
    openid,
    status: 'confirmed',
    round: 1,
    signedUpAt: beijing('2026-12-21 09:00'),
    confirmedAt: beijing('2026-12-21 09:00'),
    cancelledAt: null,
    cancelledBy: null,
    checkedInAt: null,
    checkedInBy: null,
    pointsPaid: 0,
    refunded: false,
    rating: null,
    reminded: 2,
    promotedAt: null,
    ...overrides,
  }
}
const came = { checkedInAt: beijing('2026-12-27 18:40'), checkedInBy: 'staff-1' }

const SIGNUPS: SignupDoc[] = [
  signup('m1', { ...came, rating: { score: 5, comment: '老师讲得很细', at: beijing('2026-12-27 21:30') } }),
  signup('m2', { ...came, rating: { score: 4, comment: '', at: beijing('2026-12-28 10:00') } }),
  signup('m3', { ...came, rating: { score: 2, comment: '座位太挤', at: beijing('2026-12-27 22:00') } }),
  signup('m4', {}),
  signup('m5', { status: 'waitlisted', confirmedAt: null }),
  signup('m6', { status: 'cancelled', cancelledAt: beijing('2026-12-24 12:00'), cancelledBy: 'member' }),
]

let orderNo = 0
/** An order's earn row at `at`: 原价 `amountFen`, and when it was a checkout, what was paid after its discounts. */
function orderRow(openid: string, at: Date, amountFen: number, paidFen?: number): LedgerRow {
  orderNo++
  const checkout: CheckoutFacts | undefined =
    paidFen === undefined ? undefined : { tierDiscountFen: amountFen - paidFen, coupon: null, maxPoints: 0, pointsUsed: 0, pointsEarned: Math.floor(paidFen / 100), cashFen: paidFen, paidFen }
  return ledgerRow({
    key: `order:store-001:N${orderNo}`,
    openid,
    kind: 'earn',
    delta: Math.floor((paidFen ?? amountFen) / 100),
    balanceAfter: 0,
    reason: '消费',
    by: 'cashier-1',
    rulesVersion: 1,
    at,
    order: { storeId: 'store-001', orderNo: `N${orderNo}`, amountFen, cashier: 'cashier-1', ...(checkout ? { checkout } : {}) },
  })
}

const ROWS: Record<string, LedgerRow[]> = {
  m1: [
    orderRow('m1', offset(-30 * DAY - 1), 99_999), // a millisecond too early: outside
    orderRow('m1', offset(-30 * DAY), 10_000), // start − 30 days exactly: before
    orderRow('m1', offset(-1), 2_000), // the last millisecond before the start: before
    orderRow('m1', START, 20_000, 15_000), // at the start: after, and the checkout's paid ¥150, not its 原价 ¥200
    orderRow('m1', offset(30 * DAY - 1), 3_000), // the last millisecond of the window: after
    orderRow('m1', offset(30 * DAY), 77_777), // start + 30 days: outside
    ledgerRow({ key: 'attend:act-bake:m1', openid: 'm1', kind: 'earn', delta: 50, balanceAfter: 0, reason: '活动签到 周末烘焙课', by: 'staff-1', rulesVersion: 1, at: beijing('2026-12-27 18:40') }), // no order: no spend
  ],
  m2: [orderRow('m2', beijing('2026-12-01 15:00'), 5_000)],
  m3: [orderRow('m3', beijing('2026-12-30 12:00'), 8_002)],
  m4: [orderRow('m4', beijing('2026-12-20 15:00'), 6_000), orderRow('m4', beijing('2027-01-05 15:00'), 1_000)],
  // Neither the waitlisted nor the cancelled member's spend belongs to either group.
  m5: [orderRow('m5', beijing('2026-12-28 15:00'), 40_000)],
  m6: [orderRow('m6', beijing('2026-12-28 15:00'), 40_000)],
}
const SPEND = new Map<string, MemberSpend>(Object.entries(ROWS).map(([openid, rows]) => [openid, spendAround(rows, START)]))

describe('spend around the start', () => {
  it('counts start − 30 days and the start’s own millisecond, not start + 30 days', () => {
    // m1 before: 10,000 (at start − 30 days) + 2,000 (a millisecond before the start) = 12,000; 99,999 is a millisecond too early.
    // m1 after: 15,000 (paid at the start, 原价 20,000) + 3,000 (the window's last millisecond) = 18,000; 77,777 falls at start + 30 days.
    expect(SPEND.get('m1')).toEqual({ beforeFen: 12_000, afterFen: 18_000 })
    expect(SPEND.get('m2')).toEqual({ beforeFen: 5_000, afterFen: 0 })
    expect(SPEND.get('m3')).toEqual({ beforeFen: 0, afterFen: 8_002 })
    expect(SPEND.get('m4')).toEqual({ beforeFen: 6_000, afterFen: 1_000 })
  })

  it('reads its rows from the same two bounds', () => {
    expect(spendWindow(START)).toEqual({ from: beijing('2026-11-27 19:00'), to: beijing('2027-01-26 19:00') })
  })
})

describe('given six signups: three came and rated, one did not come, one waits, one cancelled', () => {
  const AFTER = beijing('2026-12-28 12:00')

  it('when the activity is over, then every figure is the one worked out by hand', () => {
    expect(evaluateActivity(activity, SIGNUPS, SPEND, 2, AFTER)).toEqual({
      activityId: 'act-bake',
      title: '周末烘焙课',
      type: 'class',
      typeLabel: '课程体验',
      startAt: '2026-12-27T11:00:00.000Z',
      phase: 'ended',
      signups: 6,
      confirmed: 4, // m1–m4
      waitlisted: 1, // m5
      cancelled: 1, // m6
      checkedIn: 3, // m1–m3
      checkInRate: 0.75, // 3 / 4
      noShowRate: 0.25, // 1 (m4) / 4
      joinedViaShare: 2,
      // before 12,000 + 5,000 + 0 = 17,000; after 18,000 + 0 + 8,002 = 26,002; (26,002 − 17,000) / 3 = 3,000.67 → 3,001
      attendees: { members: 3, beforeFen: 17_000, afterFen: 26_002, changePerMemberFen: 3_001 },
      // m4 alone: (1,000 − 6,000) / 1 = −5,000
      noShows: { members: 1, beforeFen: 6_000, afterFen: 1_000, changePerMemberFen: -5_000 },
      satisfaction: {
        count: 3,
        mean: 3.67, // (5 + 4 + 2) / 3 = 3.666… → 3.67
        distribution: [0, 1, 0, 1, 1], // one 2, one 4, one 5
        // m2's rating has no comment; m3 (22:00) is newer than m1 (21:30).
        comments: [
          { score: 2, comment: '座位太挤', at: '2026-12-27T14:00:00.000Z' },
          { score: 5, comment: '老师讲得很细', at: '2026-12-27T13:30:00.000Z' },
        ],
      },
    })
  })

  it.each([
    ['before it starts', beijing('2026-12-27 18:59'), 'upcoming'],
    ['while it runs', START, 'ongoing'],
    ['in its last millisecond', new Date(END.getTime() - 1), 'ongoing'],
  ] as const)('when asked %s, then nobody is a no-show yet (noShowRate null) though the check-in rate stands', (_when, now, phase) => {
    expect(evaluateActivity(activity, SIGNUPS, SPEND, 0, now)).toMatchObject({ phase, checkInRate: 0.75, noShowRate: null })
  })

  it('at the end’s own instant, the no-shows count', () => {
    expect(evaluateActivity(activity, SIGNUPS, SPEND, 0, END)).toMatchObject({ phase: 'ended', noShowRate: 0.25 })
  })

  it('with nobody confirmed, the rates and the per-member changes are null rather than 0', () => {
    expect(evaluateActivity(activity, [SIGNUPS[4], SIGNUPS[5]], SPEND, 0, AFTER)).toMatchObject({
      signups: 2,
      confirmed: 0,
      checkInRate: null,
      noShowRate: null,
      attendees: { members: 0, beforeFen: 0, afterFen: 0, changePerMemberFen: null },
      noShows: { members: 0, beforeFen: 0, afterFen: 0, changePerMemberFen: null },
      satisfaction: { count: 0, mean: null, distribution: [0, 0, 0, 0, 0], comments: [] },
    })
  })
})

describe('types compared', () => {
  const bake = evaluateActivity(activity, SIGNUPS, SPEND, 2, beijing('2026-12-28 12:00'))
  const base: Omit<ActivityEvaluation, 'activityId' | 'type' | 'typeLabel'> = {
    title: '',
    startAt: '2026-12-01T11:00:00.000Z',
    phase: 'ended',
    signups: 0,
    confirmed: 0,
    waitlisted: 0,
    cancelled: 0,
    checkedIn: 0,
    checkInRate: null,
    noShowRate: null,
    joinedViaShare: 0,
    attendees: { members: 0, beforeFen: 0, afterFen: 0, changePerMemberFen: null },
    noShows: { members: 0, beforeFen: 0, afterFen: 0, changePerMemberFen: null },
    satisfaction: { count: 0, mean: null, distribution: [0, 0, 0, 0, 0], comments: [] },
  }
  const pastry: ActivityEvaluation = {
    ...base,
    activityId: 'act-pastry',
    type: 'class',
    typeLabel: '课程体验',
    signups: 10,
    confirmed: 8,
    checkedIn: 5,
    attendees: { members: 5, beforeFen: 50_000, afterFen: 60_000, changePerMemberFen: 2_000 },
    noShows: { members: 3, beforeFen: 9_000, afterFen: 6_000, changePerMemberFen: -1_000 },
    satisfaction: { count: 2, mean: 4, distribution: [0, 0, 1, 0, 1], comments: [] },
  }
  const party: ActivityEvaluation = { ...base, activityId: 'act-party', type: 'party', typeLabel: '主题派对', signups: 4, waitlisted: 4 }

  it('adds each type’s activities up, in the contract’s order of types, leaving out types with none', () => {
    expect(compareByType([bake, pastry, party])).toEqual([
      {
        type: 'party',
        typeLabel: '主题派对',
        activities: 1,
        signups: 4,
        checkedIn: 0,
        // Nobody confirmed, came or rated: no figure rather than a misleading 0.
        participation: null,
        attendeeChangePerMemberFen: null,
        noShowChangePerMemberFen: null,
        satisfaction: null,
      },
      {
        type: 'class',
        typeLabel: '课程体验',
        activities: 2,
        signups: 16, // 6 + 10
        checkedIn: 8, // 3 + 5
        participation: 8 / 12, // (3 + 5) / (4 + 8)
        // attendees: ((26,002 − 17,000) + (60,000 − 50,000)) / (3 + 5) = 19,002 / 8 = 2,375.25 → 2,375
        attendeeChangePerMemberFen: 2_375,
        // no-shows: ((1,000 − 6,000) + (6,000 − 9,000)) / (1 + 3) = −8,000 / 4 = −2,000
        noShowChangePerMemberFen: -2_000,
        // scores: (2 + 4 + 5) + (3 + 5) = 19 over 3 + 2 = 5 ratings: 3.8
        satisfaction: 3.8,
      },
    ])
  })

  it('weighs each activity by its members, not each activity alike', () => {
    // The two per-activity changes are 3,001 and 2,000; their plain mean would be 2,500.5, not 2,375.
    expect(compareByType([bake, pastry])[0].attendeeChangePerMemberFen).toBe(2_375)
  })

  it('compares nothing when there is nothing', () => {
    expect(compareByType([])).toEqual([])
  })
})
