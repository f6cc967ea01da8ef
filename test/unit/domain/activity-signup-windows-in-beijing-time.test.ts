import { activityFixture, signupFixture } from '../../../local/fixtures'
import { TIER_IDS, type TierId } from '../../../cloudfunctions/shared/contract/enums'
import {
  decideCancelSignup,
  decideCheckIn,
  decideRating,
  decideSignup,
  decideSignupEnded,
  inCheckInWindow,
  meetsTier,
  phaseOf,
  priorityOpensAt,
  signupOpensFor,
  standingOf,
  type ActivityDoc,
  type SignupDoc,
} from '../../../cloudfunctions/shared/domain/activity'
import type { MemberDoc } from '../../../cloudfunctions/shared/domain/member'
import { aMember, DECEMBER_END, RULES } from './given'

/**
 * Every window an activity has is written on Beijing's wall clock: the signup opens at 10:00 in
 * the shop whatever the UTC date is, and one millisecond decides which side of it a tap falls.
 */

/** An instant named by Beijing wall-clock text, `2026-12-20 10:00` or `2026-12-20 09:59:59.999`. */
const beijing = (text: string) => new Date(`${text.replace(' ', 'T')}${text.length === 16 ? ':00' : ''}+08:00`)
const before = (at: Date) => new Date(at.getTime() - 1)

const OPENS = beijing('2026-12-20 10:00')
const PRIORITY_OPENS = beijing('2026-12-19 10:00')
const CLOSES = beijing('2026-12-27 18:00')
const START = beijing('2026-12-27 19:00')
const END = beijing('2026-12-27 21:00')
/** Inside the window for everyone. */
const OPEN_DAY = beijing('2026-12-22 12:00')

function anActivity(overrides: Partial<ActivityDoc> = {}): ActivityDoc {
  return activityFixture('act-1', START, {
    title: '冬季新品品鉴会',
    type: 'launch',
    place: '静安店二楼',
    endAt: END,
    signupOpensAt: OPENS,
    signupClosesAt: CLOSES,
    cancelCutoffAt: beijing('2026-12-27 12:00'),
    capacity: 2,
    priorityHours: 24,
    ...overrides,
  })
}

function aSignup(overrides: Partial<SignupDoc> = {}): SignupDoc {
  return signupFixture('act-1', 'member-1', OPEN_DAY, overrides)
}

const memberOf = (tier: TierId, points = 0): MemberDoc => aMember({ tier, lots: points ? [{ expiresAt: DECEMBER_END, remaining: points }] : [] })
const standing = (activity: ActivityDoc, member: MemberDoc | null, now: Date, signup: SignupDoc | null = null) => standingOf(activity, signup, member, RULES.tiers, now)

describe('the times are Beijing wall-clock times', () => {
  it('10:00 on 20 December in Beijing is 02:00 UTC, and 07:30 there is still 19 December in UTC', () => {
    expect(OPENS.toISOString()).toBe('2026-12-20T02:00:00.000Z')
    expect(beijing('2026-12-20 07:30').toISOString()).toBe('2026-12-19T23:30:00.000Z')
  })
})

describe('eligibility: a tier at or above the minimum', () => {
  const cases = TIER_IDS.flatMap((tier) => TIER_IDS.map((minTier) => [tier, minTier, TIER_IDS.indexOf(tier) >= TIER_IDS.indexOf(minTier)] as const))
  const names: Record<TierId, string> = { regular: '普通', silver: '银卡', gold: '金卡', diamond: '钻石' }

  it.each(cases)('a %s member and a %s minimum: may sign up = %s', (tier, minTier, eligible) => {
    const activity = anActivity({ minTier })
    expect(meetsTier(tier, minTier)).toBe(eligible)
    expect(standing(activity, memberOf(tier), OPEN_DAY)).toEqual(
      eligible ? { state: 'open', label: '立即报名', actionable: true } : { state: 'tierTooLow', label: `${names[minTier]}及以上可报名`, actionable: false },
    )
    expect(decideSignup({ activity, signup: null, member: memberOf(tier) }, 'member-1', RULES, OPEN_DAY)).toMatchObject(
      eligible ? { kind: 'seats' } : { kind: 'refused', code: 'CONFLICT', message: `该活动仅限${names[minTier]}及以上会员报名` },
    )
  })

  it('a tier too low is told so even before the window opens (the wait would not help)', () => {
    expect(standing(anActivity({ minTier: 'gold' }), memberOf('silver'), before(PRIORITY_OPENS))).toMatchObject({ state: 'tierTooLow', label: '金卡及以上可报名' })
  })
})

describe('the signup window, at its edges', () => {
  const activity = anActivity({ priorityHours: 0 })

  it.each([
    ['2026-12-20 09:59:59.999', 'one millisecond before it opens', 'notOpen', '未开放（12月20日 10:00 开始）'],
    ['2026-12-20 10:00', 'the instant it opens', 'open', '立即报名'],
    ['2026-12-27 17:59:59.999', 'one millisecond before it closes', 'open', '立即报名'],
    ['2026-12-27 18:00', 'the instant it closes', 'closed', '已截止'],
    ['2026-12-27 18:30', 'between the close and the start', 'closed', '已截止'],
    ['2026-12-27 19:00', 'the instant the activity starts', 'ended', '已结束'],
  ])('at %s Beijing (%s): %s “%s”', (now, _when, state, label) => {
    expect(standing(activity, memberOf('regular'), beijing(now))).toEqual({ state, label, actionable: state === 'open' })
  })

  it.each([
    ['2026-12-20 09:59:59.999', '报名尚未开放（12月20日 10:00 开始）'],
    ['2026-12-27 18:00', '报名已截止'],
    ['2026-12-27 19:00', '活动已结束'],
  ])('a signup at %s Beijing is refused: %s', (now, message) => {
    expect(decideSignup({ activity, signup: null, member: memberOf('regular') }, 'member-1', RULES, beijing(now))).toEqual({ kind: 'refused', code: 'CONFLICT', message })
  })

  it('an opening at 07:30 Beijing (23:30 the day before in UTC) opens on the Beijing minute and says the Beijing date', () => {
    const early = anActivity({ priorityHours: 0, signupOpensAt: beijing('2026-12-20 07:30') })
    expect(standing(early, memberOf('regular'), beijing('2026-12-20 07:29:59.999'))).toEqual({ state: 'notOpen', label: '未开放（12月20日 07:30 开始）', actionable: false })
    expect(standing(early, memberOf('regular'), beijing('2026-12-20 07:30'))).toMatchObject({ state: 'open' })
  })
})

describe('the priority window: 24 hours earlier for the tiers with 优先报名', () => {
  const activity = anActivity({ priorityHours: 24 })
  const PRIORITY_LABEL = '未开放（优先报名 12月19日 10:00 开始）'
  const OWN_LABEL = '未开放（12月20日 10:00 开始）'

  it('opens for gold and diamond at 10:00 on 19 December, for regular and silver at 10:00 on 20 December', () => {
    expect(priorityOpensAt(activity, RULES.tiers).toISOString()).toBe('2026-12-19T02:00:00.000Z')
    expect(TIER_IDS.map((tier) => signupOpensFor(activity, tier, RULES.tiers).toISOString())).toEqual([
      '2026-12-20T02:00:00.000Z',
      '2026-12-20T02:00:00.000Z',
      '2026-12-19T02:00:00.000Z',
      '2026-12-19T02:00:00.000Z',
    ])
    expect(signupOpensFor(activity, null, RULES.tiers)).toEqual(OPENS)
  })

  const at = {
    beforePriority: '2026-12-19 09:59:59.999',
    priorityOpens: '2026-12-19 10:00',
    // 23:30 on 19 December in UTC: a rule reading the UTC date would think the public opening is a day away.
    earlyMorningInBeijing: '2026-12-20 07:30',
    beforeEveryone: '2026-12-20 09:59:59.999',
    everyoneOpens: '2026-12-20 10:00',
  }
  it.each([
    ['regular', at.beforePriority, OWN_LABEL],
    ['silver', at.beforePriority, OWN_LABEL],
    ['gold', at.beforePriority, PRIORITY_LABEL],
    ['diamond', at.beforePriority, PRIORITY_LABEL],
    ['regular', at.priorityOpens, OWN_LABEL],
    ['silver', at.priorityOpens, OWN_LABEL],
    ['gold', at.priorityOpens, '立即报名'],
    ['diamond', at.priorityOpens, '立即报名'],
    ['regular', at.earlyMorningInBeijing, OWN_LABEL],
    ['silver', at.earlyMorningInBeijing, OWN_LABEL],
    ['gold', at.earlyMorningInBeijing, '立即报名'],
    ['diamond', at.earlyMorningInBeijing, '立即报名'],
    ['regular', at.beforeEveryone, OWN_LABEL],
    ['silver', at.beforeEveryone, OWN_LABEL],
    ['gold', at.beforeEveryone, '立即报名'],
    ['regular', at.everyoneOpens, '立即报名'],
    ['silver', at.everyoneOpens, '立即报名'],
    ['diamond', at.everyoneOpens, '立即报名'],
  ] as const)('a %s member at %s Beijing sees %s', (tier, now, label) => {
    const view = standing(activity, memberOf(tier), beijing(now))
    expect(view).toEqual({ state: label === '立即报名' ? 'open' : 'notOpen', label, actionable: label === '立即报名' })
    expect(decideSignup({ activity, signup: null, member: memberOf(tier) }, 'member-1', RULES, beijing(now)).kind).toBe(label === '立即报名' ? 'seats' : 'refused')
  })

  it('with priorityHours 0 gold waits like everyone else', () => {
    expect(standing(anActivity({ priorityHours: 0 }), memberOf('gold'), before(OPENS))).toMatchObject({ state: 'notOpen', label: OWN_LABEL })
  })
})

describe('the button says where the member stands', () => {
  const regular = memberOf('regular')
  const full = { confirmed: 2, capacity: 2 }

  it.each([
    ['a free seat and nobody waiting', 'open', '立即报名', true, anActivity(), null, regular, OPEN_DAY],
    ['the seats taken, waitlist on', 'joinWaitlist', '加入候补', true, anActivity(full), null, regular, OPEN_DAY],
    ['a seat free but a queue ahead', 'joinWaitlist', '加入候补', true, anActivity({ confirmed: 1, queue: ['member-8'] }), null, regular, OPEN_DAY],
    ['the seats taken, waitlist off', 'full', '名额已满', false, anActivity({ ...full, waitlist: false }), null, regular, OPEN_DAY],
    ['a seat held', 'confirmed', '已报名', false, anActivity({ confirmed: 1 }), aSignup(), regular, OPEN_DAY],
    ['a seat held while the activity runs', 'confirmed', '已报名', false, anActivity({ confirmed: 1 }), aSignup(), regular, START],
    ['second in the queue', 'waitlisted', '候补第 2 位', false, anActivity({ ...full, queue: ['member-8', 'member-1'] }), aSignup({ status: 'waitlisted', confirmedAt: null }), regular, OPEN_DAY],
    ['a cancelled signup, back to the start', 'open', '立即报名', true, anActivity(), aSignup({ status: 'cancelled', cancelledAt: OPEN_DAY, cancelledBy: 'member' }), regular, OPEN_DAY],
    ['before a gold member’s priority window', 'notOpen', '未开放（优先报名 12月19日 10:00 开始）', false, anActivity(), null, memberOf('gold'), before(PRIORITY_OPENS)],
    ['after the close', 'closed', '已截止', false, anActivity(), null, regular, CLOSES],
    ['a diamond-only activity', 'tierTooLow', '钻石及以上可报名', false, anActivity({ minTier: 'diamond' }), null, memberOf('gold'), OPEN_DAY],
    ['after the end with a seat held', 'ended', '已结束', false, anActivity({ confirmed: 1 }), aSignup(), regular, END],
    ['closed by the hourly run', 'ended', '已结束', false, anActivity({ status: 'closed' }), null, regular, OPEN_DAY],
    ['checked in', 'checkedIn', '已签到', false, anActivity({ confirmed: 1 }), aSignup({ checkedInAt: START, checkedInBy: 'staff-1' }), regular, END],
    ['the shop cancelled it', 'cancelled', '活动已取消', false, anActivity({ status: 'cancelled', confirmed: 1 }), aSignup(), regular, OPEN_DAY],
    ['not a member yet', 'notMember', '加入会员后报名', true, anActivity(), null, null, OPEN_DAY],
    ['a member who left', 'notMember', '加入会员后报名', true, anActivity(), null, aMember({ removedAt: OPEN_DAY }), OPEN_DAY],
  ] as const)('%s: %s “%s”, actionable %s', (_situation, state, label, actionable, activity, signup, member, now) => {
    expect(standing(activity, member, now, signup)).toEqual({ state, label, actionable })
  })
})

describe('decideSignup', () => {
  const member = memberOf('regular')

  it('gives a seat while one is free and nobody waits', () => {
    expect(decideSignup({ activity: anActivity({ confirmed: 1 }), signup: null, member }, 'member-1', RULES, OPEN_DAY)).toEqual({
      kind: 'seats',
      signup: aSignup({ signedUpAt: OPEN_DAY, confirmedAt: OPEN_DAY }),
      insert: true,
      promotion: null,
      activity: { confirmed: 2, queue: [] },
      points: null,
    })
  })

  it('puts the member at the back of the queue once the seats are taken and the waitlist is on', () => {
    expect(decideSignup({ activity: anActivity({ confirmed: 2, queue: ['member-8'] }), signup: null, member }, 'member-1', RULES, OPEN_DAY)).toMatchObject({
      kind: 'seats',
      signup: { status: 'waitlisted', confirmedAt: null, round: 1 },
      activity: { confirmed: 2, queue: ['member-8', 'member-1'] },
    })
  })

  it('refuses ACTIVITY_FULL once the seats are taken and the waitlist is off', () => {
    expect(decideSignup({ activity: anActivity({ confirmed: 2, waitlist: false }), signup: null, member }, 'member-1', RULES, OPEN_DAY)).toEqual({ kind: 'refused', code: 'ACTIVITY_FULL' })
  })

  it('never lets a free seat jump the queue: with someone waiting the newcomer waits behind them', () => {
    expect(decideSignup({ activity: anActivity({ confirmed: 1, queue: ['member-8'] }), signup: null, member }, 'member-1', RULES, OPEN_DAY)).toMatchObject({
      signup: { status: 'waitlisted' },
      activity: { confirmed: 1, queue: ['member-8', 'member-1'] },
    })
  })

  it('answers a second tap with the first signup, moving nothing', () => {
    const signup = aSignup({ pointsPaid: 200 })
    expect(decideSignup({ activity: anActivity({ confirmed: 1, pointsCost: 200 }), signup, member: memberOf('regular', 300) }, 'member-1', RULES, OPEN_DAY)).toEqual({ kind: 'already', signup })
  })

  it('refuses a draft as not found and a non-member as NOT_MEMBER', () => {
    expect(decideSignup({ activity: anActivity({ status: 'draft' }), signup: null, member }, 'member-1', RULES, OPEN_DAY)).toMatchObject({ kind: 'refused', code: 'NOT_FOUND' })
    expect(decideSignup({ activity: null, signup: null, member }, 'member-1', RULES, OPEN_DAY)).toMatchObject({ kind: 'refused', code: 'NOT_FOUND' })
    expect(decideSignup({ activity: anActivity(), signup: null, member: null }, 'member-1', RULES, OPEN_DAY)).toMatchObject({ kind: 'refused', code: 'NOT_MEMBER' })
  })

  describe('a points cost', () => {
    const activity = anActivity({ pointsCost: 200 })

    it('is spent once, in the same decision, under activity:<id>:<openid>', () => {
      const change = decideSignup({ activity, signup: null, member: memberOf('regular', 500) }, 'member-1', RULES, OPEN_DAY)
      expect(change).toMatchObject({
        kind: 'seats',
        signup: { pointsPaid: 200, refunded: false },
        points: {
          kind: 'decision',
          openid: 'member-1',
          ledger: [{ _id: 'activity:act-1:member-1', kind: 'redeem', delta: -200, balanceAfter: 300, reason: '活动报名 冬季新品品鉴会', by: 'member-1', rulesVersion: 7, ref: 'act-1' }],
          member: { pointsBalance: 300, pointLots: [{ expiresAt: DECEMBER_END, remaining: 300 }], lastActiveAt: OPEN_DAY },
        },
      })
      if (change.kind !== 'seats') throw new Error('expected seats')
      expect(change.points?.ledger).toHaveLength(1)
    })

    it('is spent in full when the balance is exactly the cost', () => {
      expect(decideSignup({ activity, signup: null, member: memberOf('regular', 200) }, 'member-1', RULES, OPEN_DAY)).toMatchObject({
        points: { ledger: [{ balanceAfter: 0 }], member: { pointsBalance: 0 } },
      })
    })

    it('refuses INSUFFICIENT_POINTS one point short', () => {
      expect(decideSignup({ activity, signup: null, member: memberOf('regular', 199) }, 'member-1', RULES, OPEN_DAY)).toEqual({
        kind: 'refused',
        code: 'INSUFFICIENT_POINTS',
        message: '报名需要 200 积分，积分不足',
      })
    })

    it('after a cancel, is spent again as round 2 under a key of its own', () => {
      const cancelled = aSignup({ status: 'cancelled', pointsPaid: 200, refunded: true, cancelledAt: OPEN_DAY, cancelledBy: 'member' })
      const later = beijing('2026-12-23 09:00')
      expect(decideSignup({ activity, signup: cancelled, member: memberOf('regular', 500) }, 'member-1', RULES, later)).toMatchObject({
        kind: 'seats',
        insert: false,
        signup: { _id: 'act-1:member-1', status: 'confirmed', round: 2, signedUpAt: later, cancelledAt: null, cancelledBy: null, refunded: false, pointsPaid: 200 },
        points: { ledger: [{ _id: 'activity:act-1:member-1:r2', delta: -200 }] },
      })
    })
  })
})

describe('the cancel cutoff, at its edge', () => {
  const activity = anActivity({ confirmed: 2, queue: ['member-8'], pointsCost: 200 })
  const paid = aSignup({ pointsPaid: 200 })

  it('a millisecond before 12:00 Beijing: the seat goes to the head of the queue and the cost comes back once', () => {
    const now = beijing('2026-12-27 11:59:59.999')
    expect(decideCancelSignup({ activity, signup: paid, member: memberOf('regular', 100) }, RULES, now)).toMatchObject({
      kind: 'seats',
      insert: false,
      signup: { status: 'cancelled', cancelledAt: now, cancelledBy: 'member', refunded: true },
      promotion: { openid: 'member-8', signupId: 'act-1:member-8', patch: { status: 'confirmed', confirmedAt: now, promotedAt: now } },
      activity: { confirmed: 2, queue: [] },
      points: {
        ledger: [{ _id: 'activity-refund:act-1:member-1', kind: 'reverse', delta: 200, balanceAfter: 300, reason: '取消报名退还 冬季新品品鉴会', by: 'member-1', ref: 'activity:act-1:member-1' }],
        member: { pointsBalance: 300 },
      },
    })
  })

  it('a second round’s refund has the round’s own key', () => {
    expect(decideCancelSignup({ activity, signup: aSignup({ pointsPaid: 200, round: 2 }), member: memberOf('regular') }, RULES, OPEN_DAY)).toMatchObject({
      points: { ledger: [{ _id: 'activity-refund:act-1:member-1:r2', ref: 'activity:act-1:member-1:r2' }] },
    })
  })

  it.each([
    ['at the cutoff', '2026-12-27 12:00', '已过取消截止时间（2026年12月27日 12:00）', aSignup()],
    ['after checking in', '2026-12-22 12:00', '已签到，无法取消报名', aSignup({ checkedInAt: OPEN_DAY })],
    ['with no signup standing', '2026-12-22 12:00', '您未报名该活动', aSignup({ status: 'cancelled' })],
  ] as const)('cancelling %s (%s Beijing) is refused: %s', (_when, now, message, signup) => {
    expect(decideCancelSignup({ activity, signup, member: memberOf('regular') }, RULES, beijing(now))).toEqual({ kind: 'refused', code: 'CONFLICT', message })
  })
})

describe('signups the shop ends: the activity cancelled, or the queue closed once it is over', () => {
  const activity = anActivity({ pointsCost: 200 })
  const waiting = aSignup({ status: 'waitlisted', confirmedAt: null, pointsPaid: 200 })

  it.each([
    ['a paid seat, activity cancelled', 'activity', aSignup({ pointsPaid: 200 }), { status: 'cancelled', cancelledBy: 'activity', refunded: true }, '活动取消退还 冬季新品品鉴会'],
    ['a paid place in the queue, queue closed', 'closed', waiting, { status: 'cancelled', cancelledBy: 'closed', refunded: true }, '候补未成功退还 冬季新品品鉴会'],
    ['a free place in the queue, queue closed', 'closed', aSignup({ status: 'waitlisted', confirmedAt: null }), { status: 'cancelled', cancelledBy: 'closed', refunded: true }, null],
    ['a seat, queue closed', 'closed', aSignup({ pointsPaid: 200 }), null, null],
    ['a signup already refunded', 'activity', aSignup({ pointsPaid: 200, refunded: true }), null, null],
    ['a free signup the member cancelled', 'activity', aSignup({ status: 'cancelled', cancelledBy: 'member' }), null, null],
  ] as const)('%s', (_what, by, signup, ended, refundReason) => {
    const result = decideSignupEnded({ activity, signup, member: memberOf('regular') }, by, RULES, END)
    if (!ended) return expect(result).toBeNull()
    expect(result?.signup).toMatchObject(ended)
    if (refundReason) expect(result?.points?.ledger).toMatchObject([{ _id: 'activity-refund:act-1:member-1', delta: 200, reason: refundReason, by: 'system' }])
    else expect(result?.points).toBeNull()
  })
})

describe('the day itself: phase, check-in and rating', () => {
  const activity = anActivity()

  it.each([
    ['2026-12-27 18:59:59.999', 'upcoming'],
    ['2026-12-27 19:00', 'ongoing'],
    ['2026-12-27 20:59:59.999', 'ongoing'],
    ['2026-12-27 21:00', 'ended'],
  ] as const)('at %s Beijing the activity is %s', (now, phase) => {
    expect(phaseOf(activity, beijing(now))).toBe(phase)
  })

  it.each([
    ['2026-12-27 17:59:59.999', false],
    ['2026-12-27 18:00', true],
    ['2026-12-27 19:00', true],
    ['2026-12-27 20:59:59.999', true],
    ['2026-12-27 21:00', false],
  ])('check-in at %s Beijing is open: %s (from an hour before the start until the end)', (now, open) => {
    expect(inCheckInWindow(activity, beijing(now))).toBe(open)
  })

  it.each([
    ['a confirmed member in the window', '2026-12-27 18:00', null, aSignup()],
    ['a confirmed member a millisecond early', '2026-12-27 17:59:59.999', '不在签到时间（开始前 1 小时至结束）', aSignup()],
    ['a confirmed member at the end', '2026-12-27 21:00', '不在签到时间（开始前 1 小时至结束）', aSignup()],
    ['a waitlisted member', '2026-12-27 19:00', '候补中（第 1 位），未获得名额', aSignup({ status: 'waitlisted', confirmedAt: null })],
    ['a cancelled signup', '2026-12-27 19:00', '未报名', aSignup({ status: 'cancelled' })],
    ['nobody signed up', '2026-12-27 19:00', '未报名', null],
    ['a second scan', '2026-12-27 19:05', '已签到（2026年12月27日 19:00）', aSignup({ checkedInAt: START, checkedInBy: 'staff-1' })],
  ] as const)('checking in %s at %s Beijing: %s', (_who, now, refusal, signup) => {
    const withQueue = anActivity({ queue: ['member-1'], attendancePoints: 50 })
    const result = decideCheckIn({ activity: withQueue, signup, member: memberOf('regular') }, 'staff-1', RULES, beijing(now))
    if (refusal) expect(result).toEqual({ kind: 'refused', code: 'CONFLICT', message: refusal })
    else
      expect(result).toMatchObject({
        signup: { checkedInAt: beijing(now), checkedInBy: 'staff-1' },
        points: { ledger: [{ _id: 'attend:act-1:member-1', kind: 'earn', delta: 50, balanceAfter: 50 }] },
      })
  })

  it.each([
    ['checked in, after the start', '2026-12-27 19:00', null, aSignup({ checkedInAt: beijing('2026-12-27 18:00') })],
    ['checked in, before the start', '2026-12-27 18:59:59.999', '活动开始后才能评价', aSignup({ checkedInAt: beijing('2026-12-27 18:00') })],
    ['not checked in', '2026-12-27 21:00', '签到后才能评价', aSignup()],
    ['already rated', '2026-12-27 21:00', '您已评价过该活动', aSignup({ checkedInAt: beijing('2026-12-27 18:00'), rating: { score: 4, comment: '', at: START } })],
  ] as const)('rating %s at %s Beijing: %s', (_who, now, refusal, signup) => {
    const result = decideRating(activity, signup, { score: 5, comment: '很好' }, beijing(now))
    if (refusal) expect(result).toEqual({ kind: 'refused', code: 'CONFLICT', message: refusal })
    else expect(result).toMatchObject({ rating: { score: 5, comment: '很好', at: beijing(now) } })
  })
})
