import { activityFixture } from '../../../local/fixtures'
import fc from 'fast-check'
import { fromShopDateTime, SHOP_DATE_TIME, toShopDateTime } from '../../../cloudfunctions/shared/contract/activityFields'
import {
  activityProblem,
  decideCancelSignup,
  decidePromotion,
  decideSignup,
  type ActivityDoc,
  type ActivityFields,
  type SeatChange,
  signupId,
  type SignupDoc,
} from '../../../cloudfunctions/shared/domain/activity'
import type { Decision } from '../../../cloudfunctions/shared/domain/decision'
import type { MemberDoc } from '../../../cloudfunctions/shared/domain/member'
import { aMember, DECEMBER_END, RULES } from './given'

/**
 * The seats as a small in-memory store written exactly as the activity function writes them: the
 * signup document whole, the promoted signup patched, the activity's `confirmed` and `queue`
 * replaced, the points through their decision. Random signups, cancels and capacity changes by a
 * small pool of members must never break what the activity document promises.
 */

const beijing = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`)
const OPEN_DAY = beijing('2026-12-22 12:00')
const POOL = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'] as const
/** What each member of the pool starts with: m0 and m1 cannot afford a 30-point activity. */
const STARTING_POINTS = [0, 20, 30, 60, 100, 500]

function anActivity(overrides: Partial<ActivityDoc>): ActivityDoc {
  return activityFixture('act-1', beijing('2026-12-27 19:00'), {
    title: '周末烘焙课',
    place: '静安店二楼',
    signupOpensAt: beijing('2026-12-20 10:00'),
    signupClosesAt: beijing('2026-12-27 18:00'),
    cancelCutoffAt: beijing('2026-12-27 12:00'),
    capacity: 2,
    ...overrides,
  })
}

interface Store {
  activity: ActivityDoc
  /** By `_id`, as the collection holds them. */
  signups: Map<string, SignupDoc>
  members: Map<string, MemberDoc>
  ledgerKeys: Set<string>
  /** Each member's ledger deltas added up. */
  moved: Map<string, number>
}

function freshStore(capacity: number, waitlist: boolean, pointsCost: number): Store {
  const members = new Map(POOL.map((openid, index) => [openid, aMember({ _id: openid, lots: STARTING_POINTS[index] ? [{ expiresAt: DECEMBER_END, remaining: STARTING_POINTS[index] }] : [] })]))
  return { activity: anActivity({ capacity, waitlist, pointsCost }), signups: new Map(), members, ledgerKeys: new Set(), moved: new Map() }
}

function applyPoints(store: Store, points: Decision | null) {
  if (!points) return
  for (const row of points.ledger) {
    // A key written twice would be a second charge or refund the database refuses.
    expect(store.ledgerKeys.has(row._id)).toBe(false)
    store.ledgerKeys.add(row._id)
    store.moved.set(row.openid, (store.moved.get(row.openid) ?? 0) + row.delta)
  }
  store.members.set(points.openid, { ...store.members.get(points.openid)!, ...points.member })
}

/** What the transaction writes, and the check that a promotion takes the head of the queue. */
function applySeats(store: Store, change: SeatChange) {
  const queueBefore = store.activity.queue
  expect(store.signups.has(change.signup._id)).toBe(!change.insert)
  store.signups.set(change.signup._id, change.signup)
  if (change.promotion) {
    const promoted = store.signups.get(change.promotion.signupId)!
    expect(change.promotion.openid).toBe(queueBefore[0])
    expect(promoted.status).toBe('waitlisted')
    expect(change.activity.queue).toEqual(queueBefore.slice(1))
    expect(promoted.openid).toBe(change.promotion.openid)
    store.signups.set(promoted._id, { ...promoted, ...change.promotion.patch })
    exercised.promotions++
  }
  store.activity = { ...store.activity, ...change.activity }
  applyPoints(store, change.points)
}

function checkInvariants(store: Store) {
  const { activity } = store
  const signups = [...store.signups.values()]
  const confirmed = signups.filter((signup) => signup.status === 'confirmed')
  const waitlisted = signups.filter((signup) => signup.status === 'waitlisted').sort((a, b) => a.signedUpAt.getTime() - b.signedUpAt.getTime())
  expect(activity.confirmed).toBeLessThanOrEqual(activity.capacity)
  expect(activity.confirmed).toBe(confirmed.length)
  expect(activity.queue).toEqual(waitlisted.map((signup) => signup.openid))
  expect(new Set(activity.queue).size).toBe(activity.queue.length)
  if (activity.queue.length > 0) expect(activity.confirmed).toBe(activity.capacity)
  POOL.forEach((openid, index) => {
    const signup = store.signups.get(signupId('act-1', openid))
    const standing = signup !== undefined && signup.status !== 'cancelled'
    const member = store.members.get(openid)!
    // What a member holds is what they started with, less the cost of a signup still standing.
    expect(member.pointsBalance).toBe(STARTING_POINTS[index] - (standing ? signup.pointsPaid : 0))
    expect(member.pointsBalance).toBe(STARTING_POINTS[index] + (store.moved.get(openid) ?? 0))
  })
}

type Step = { kind: 'signup'; who: number } | { kind: 'cancel'; who: number } | { kind: 'capacity'; capacity: number }
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('signup' as const), who: fc.integer({ min: 0, max: POOL.length - 1 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), who: fc.integer({ min: 0, max: POOL.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('capacity' as const), capacity: fc.integer({ min: 1, max: 5 }) }) },
)

/** What the runs exercised, so a lucky draw cannot pass without promoting or refusing anything. */
const exercised = { promotions: 0, drained: 0, full: 0, short: 0, already: 0, capacityRefused: 0 }

const fieldsOf = (activity: ActivityDoc, capacity: number): ActivityFields => {
  const { title, type, coverFileId, description, place, startAt, endAt, signupOpensAt, signupClosesAt, cancelCutoffAt, waitlist, minTier, priorityHours, attendancePoints, pointsCost } = activity
  return { title, type, coverFileId, description, place, startAt, endAt, signupOpensAt, signupClosesAt, cancelCutoffAt, capacity, waitlist, minTier, priorityHours, attendancePoints, pointsCost }
}

function run(store: Store, steps: Step[]) {
  steps.forEach((next, index) => {
    const now = new Date(OPEN_DAY.getTime() + index * 60_000)
    if (next.kind === 'capacity') {
      const problem = activityProblem(fieldsOf(store.activity, next.capacity), store.activity.confirmed)
      if (problem) {
        expect(problem.field).toBe('capacity')
        expect(next.capacity).toBeLessThan(store.activity.confirmed)
        exercised.capacityRefused++
        return checkInvariants(store)
      }
      store.activity = { ...store.activity, capacity: next.capacity }
      // The freed seats go to the queue in order, one transaction each, until none is left.
      for (let promoted = decidePromotion(store.activity, now); promoted; promoted = decidePromotion(store.activity, now)) {
        const promotedSignup = store.signups.get(promoted.promotion.signupId)!
        expect(promoted.promotion.openid).toBe(store.activity.queue[0])
        expect(promotedSignup.status).toBe('waitlisted')
        store.signups.set(promotedSignup._id, { ...promotedSignup, ...promoted.promotion.patch })
        store.activity = { ...store.activity, ...promoted.activity }
        exercised.drained++
      }
      return checkInvariants(store)
    }
    const openid = POOL[next.who]
    const state = { activity: store.activity, signup: store.signups.get(signupId('act-1', openid)) ?? null, member: store.members.get(openid)! }
    const result = next.kind === 'signup' ? decideSignup(state, openid, RULES, now) : decideCancelSignup(state, RULES, now)
    if (result.kind === 'seats') applySeats(store, result)
    else if (result.kind === 'already') exercised.already++
    else if (result.code === 'ACTIVITY_FULL') exercised.full++
    else if (result.code === 'INSUFFICIENT_POINTS') exercised.short++
    else expect(result).toEqual({ kind: 'refused', code: 'CONFLICT', message: '您未报名该活动' })
    checkInvariants(store)
  })
}

describe('the seats on the activity document', () => {
  it('keep confirmed ≤ capacity, confirmed = the confirmed signups, the queue = the waitlisted first-come, no seat free while someone waits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.constantFrom(0, 30), fc.array(step, { maxLength: 40 }), (capacity, waitlist, pointsCost, steps) => {
        run(freshStore(capacity, waitlist, pointsCost), steps)
      }),
      // A fixed seed: the counters below say which paths the runs reached, and a random draw misses a capacity raise with someone waiting now and then.
      { numRuns: 250, seed: 2026 },
    )
    expect(exercised.promotions).toBeGreaterThan(0)
    expect(exercised.drained).toBeGreaterThan(0)
    expect(exercised.full).toBeGreaterThan(0)
    expect(exercised.short).toBeGreaterThan(0)
    expect(exercised.already).toBeGreaterThan(0)
    expect(exercised.capacityRefused).toBeGreaterThan(0)
  })

  it('given two seats and three waiting, when both seated members cancel, then the first two in the queue are seated in order', () => {
    const store = freshStore(2, true, 0)
    run(
      store,
      ['m0', 'm1', 'm2', 'm3', 'm4'].map((_, who) => ({ kind: 'signup', who })),
    )
    expect(store.activity).toMatchObject({ confirmed: 2, queue: ['m2', 'm3', 'm4'] })
    run(store, [
      { kind: 'cancel', who: 1 },
      { kind: 'cancel', who: 0 },
    ])
    expect(store.activity).toMatchObject({ confirmed: 2, queue: ['m4'] })
    expect(['m2', 'm3', 'm4'].map((openid) => store.signups.get(signupId('act-1', openid))?.status)).toEqual(['confirmed', 'confirmed', 'waitlisted'])
  })
})

describe('Beijing wall-clock text', () => {
  const minute = 60_000
  const FROM = Date.UTC(2000, 0, 1) / minute
  const TO = Date.UTC(2099, 11, 31) / minute

  it('names every whole-minute instant once: toShopDateTime then fromShopDateTime gives the instant back', () => {
    fc.assert(
      fc.property(fc.integer({ min: FROM, max: TO }), (minutes) => {
        const at = new Date(minutes * minute)
        const text = toShopDateTime(at)
        expect(text).toMatch(SHOP_DATE_TIME.pattern)
        expect(fromShopDateTime(text)).toEqual(at)
      }),
      { numRuns: 1000 },
    )
  })

  it('reads eight hours ahead of UTC, whatever the UTC date', () => {
    fc.assert(
      fc.property(fc.integer({ min: FROM, max: TO }), (minutes) => {
        const at = new Date(minutes * minute)
        const shifted = new Date(at.getTime() + 8 * 3600_000).toISOString()
        expect(toShopDateTime(at)).toBe(`${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`)
      }),
    )
    expect(fromShopDateTime('2026-12-20 10:00')?.toISOString()).toBe('2026-12-20T02:00:00.000Z')
    expect(fromShopDateTime('2026-12-20 07:30')?.toISOString()).toBe('2026-12-19T23:30:00.000Z')
    expect(fromShopDateTime('2027-01-01 00:00')?.toISOString()).toBe('2026-12-31T16:00:00.000Z')
  })

  it.each([
    '2026-02-30 10:00',
    '2026-02-29 10:00',
    '2026-04-31 10:00',
    '2026-12-20 24:00',
    '2026-12-20 23:60',
    '2026-13-01 10:00',
    '2026-00-10 10:00',
    '2026-12-20 9:00',
    '2026-12-20T10:00',
    '2026-12-20 10:00:00',
    '',
  ])('refuses %j as no real time', (text) => {
    expect(fromShopDateTime(text)).toBeNull()
  })

  it('takes 29 February in a leap year', () => {
    expect(fromShopDateTime('2028-02-29 10:00')?.toISOString()).toBe('2028-02-29T02:00:00.000Z')
  })
})

describe('an activity’s fields', () => {
  const activity = anActivity({})
  const fields = fieldsOf(activity, 10)
  const at = beijing

  it.each([
    ['times that fit', {}, null],
    ['an end at the start', { endAt: at('2026-12-27 19:00') }, 'endAt'],
    ['a signup closing as it opens', { signupClosesAt: at('2026-12-20 10:00') }, 'signupClosesAt'],
    ['a signup closing after the start', { signupClosesAt: at('2026-12-27 19:01') }, 'signupClosesAt'],
    ['a signup closing at the start', { signupClosesAt: at('2026-12-27 19:00') }, null],
    ['a cancel cutoff after the start', { cancelCutoffAt: at('2026-12-27 19:01') }, 'cancelCutoffAt'],
    ['a cancel cutoff at the start', { cancelCutoffAt: at('2026-12-27 19:00') }, null],
    ['a cancel cutoff before the signup opens', { cancelCutoffAt: at('2026-12-20 09:59') }, 'cancelCutoffAt'],
  ] as const)('%s: problem with %s', (_what, change, field) => {
    expect(activityProblem({ ...fields, ...change }, 0)?.field ?? null).toBe(field)
  })

  it.each([
    [3, 3, null],
    [3, 2, '名额不能少于已报名的 3 人'],
    [0, 1, null],
  ])('with %i confirmed, a capacity of %i: %s', (confirmed, capacity, message) => {
    expect(activityProblem({ ...fields, capacity }, confirmed)).toEqual(message ? { field: 'capacity', message } : null)
  })
})
