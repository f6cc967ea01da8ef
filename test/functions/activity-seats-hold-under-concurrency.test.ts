/**
 * activity.signup / cancelSignup / cancel through the emulator with many instances at once: the
 * seats, the first-come waitlist and a signup's points cost hold whatever order the calls land in.
 */
import { dataOf, useLocalCloud } from '../support/localCloud'
import { pointsInvariant, seedMember, seedStaff } from '../support/members'
import { activityDraft, messagesPerMember, publishedActivity, seedMemberWithPoints } from '../support/activities'
import type { ActivityDoc, SignupDoc } from '../../cloudfunctions/shared/data/activities'
import type { ActivityDraft } from '../../cloudfunctions/shared/contract/activity'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import { acceptConsent } from '../support/consent'

/**
 * Every call is sent at once; three instances run them three at a time, so transactions on the one
 * activity document collide on every commit. More instances only add losing attempts on two cores
 * (200 signups: 3.5 s with 2, 6.9 s with 6), not other interleavings.
 */
const { cloud, as } = useLocalCloud({ maxInstances: 3 })

const NOW = new Date('2026-12-10T10:00:00+08:00')
const START = new Date('2026-12-20T19:00:00+08:00')

const activityNow = (id: string) => cloud().db.find('activities', { _id: id })[0] as ActivityDoc
const signupsOf = (id: string) => cloud().db.find('signups', { activityId: id }) as SignupDoc[]
const open = (overrides: Partial<ActivityDraft>) => publishedActivity(as, 'seat-owner', activityDraft(START, overrides))
const members = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}-${String(index + 1).padStart(3, '0')}`)
const signup = (openid: string, activityId: string) => as(openid).call('activity', 'signup', { activityId })
const cancelSignup = (openid: string, activityId: string) => as(openid).call('activity', 'cancelSignup', { activityId })

/** A reproducible shuffle (a small LCG), so a failing interleaving can be run again. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items]
  let state = seed
  for (let index = out.length - 1; index > 0; index--) {
    state = (state * 1103515245 + 12345) % 2 ** 31
    const other = state % (index + 1)
    ;[out[index], out[other]] = [out[other], out[index]]
  }
  return out
}

beforeAll(() => {
  cloud().setNow(NOW)
  seedStaff(cloud(), { 'seat-owner': 'owner' })
})
afterAll(() => cloud().setNow(null))

describe('200 members signing up at once for 30 seats', () => {
  const crowd = members('crowd', 200)
  beforeAll(() => crowd.forEach((openid) => seedMember(cloud(), openid)))

  it('with the waitlist on: 30 seats, 170 in the queue at positions 1–170, each member once', async () => {
    const activity = await open({ capacity: 30, waitlist: true })
    const results = (await Promise.all(crowd.map((openid) => signup(openid, activity.id)))).map(dataOf)
    expect(results.filter((result) => result.duplicate)).toHaveLength(0)
    expect(results.filter((result) => result.activity.mine?.status === 'confirmed')).toHaveLength(30)

    const stored = activityNow(activity.id)
    expect(stored.confirmed).toBe(30)
    expect(stored.queue).toHaveLength(170)
    expect(new Set(stored.queue).size).toBe(170)

    const docs = signupsOf(activity.id)
    expect(docs).toHaveLength(200)
    expect(new Set(docs.map((doc) => doc.openid)).size).toBe(200)
    expect(docs.filter((doc) => doc.status === 'confirmed')).toHaveLength(30)
    const waitlisted = docs.filter((doc) => doc.status === 'waitlisted').map((doc) => doc.openid)
    expect(new Set(waitlisted)).toEqual(new Set(stored.queue))

    // Each member's own page says where they stand, and it agrees with the queue.
    const details = (await Promise.all(crowd.map((openid) => as(openid).call('activity', 'detail', { activityId: activity.id })))).map(dataOf)
    const positions = details.flatMap((detail, index) => (detail.mine?.status === 'waitlisted' ? [[crowd[index], detail.mine.position] as const] : []))
    expect(positions.map(([, position]) => position).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 170 }, (_, index) => index + 1))
    for (const [openid, position] of positions) expect(stored.queue[position! - 1]).toBe(openid)
    expect(details.filter((detail) => detail.mine?.status === 'confirmed')).toHaveLength(30)
  }, 120_000)

  it('with the waitlist off: 30 succeed, 170 are told ACTIVITY_FULL, and only 30 signups are written', async () => {
    const activity = await open({ capacity: 30, waitlist: false })
    const envelopes = await Promise.all(crowd.map((openid) => signup(openid, activity.id)))
    expect(envelopes.filter((envelope) => envelope.ok)).toHaveLength(30)
    const refused = envelopes.filter((envelope) => !envelope.ok)
    expect(refused).toHaveLength(170)
    for (const envelope of refused) expect(envelope).toMatchObject({ ok: false, error: { code: 'ACTIVITY_FULL' } })

    expect(activityNow(activity.id)).toMatchObject({ confirmed: 30, queue: [] })
    const docs = signupsOf(activity.id)
    expect(docs).toHaveLength(30)
    expect(new Set(docs.map((doc) => doc.openid)).size).toBe(30)
    expect(docs.every((doc) => doc.status === 'confirmed')).toBe(true)
  }, 120_000)
})

describe('cancels racing new signups on a full activity', () => {
  const CAPACITY = 20
  const QUEUED = 10
  const NEWCOMERS = 20

  /**
   * 20 confirmed and 10 queued in a known order; then `cancels` of the confirmed cancel while 20
   * newcomers sign up, all at once in a shuffled order.
   */
  async function race(round: number, cancels: number) {
    const activity = await open({ capacity: CAPACITY, waitlist: true, title: `抢位第${round}轮` })
    const holders = members(`r${round}-hold`, CAPACITY)
    const queued = members(`r${round}-queue`, QUEUED)
    const newcomers = members(`r${round}-new`, NEWCOMERS)
    for (const openid of [...holders, ...queued, ...newcomers]) {
      seedMember(cloud(), openid)
      // Two consents each: a second promotion message would be delivered, and counted.
      await acceptConsent(cloud(), openid, [SUBSCRIBE_TEMPLATES.waitlistPromoted, SUBSCRIBE_TEMPLATES.waitlistPromoted])
    }
    ;(await Promise.all(holders.map((openid) => signup(openid, activity.id)))).map(dataOf)
    for (const openid of queued) dataOf(await signup(openid, activity.id))
    expect(activityNow(activity.id)).toMatchObject({ confirmed: CAPACITY, queue: queued })

    const sentBefore = cloud().outbox.sent.length
    const calls = shuffled([...holders.slice(0, cancels).map((openid) => () => cancelSignup(openid, activity.id)), ...newcomers.map((openid) => () => signup(openid, activity.id))], round * 7919)
    const envelopes = await Promise.all(calls.map((call) => call()))
    for (const envelope of envelopes) expect(envelope).toMatchObject({ ok: true })

    const stored = activityNow(activity.id)
    const docs = signupsOf(activity.id)
    const byOpenid = new Map(docs.map((doc) => [doc.openid, doc]))
    const statusOf = (openid: string) => byOpenid.get(openid)?.status

    // Seats: the count is the confirmed documents, within capacity; nobody twice.
    expect(docs).toHaveLength(CAPACITY + QUEUED + NEWCOMERS)
    expect(byOpenid.size).toBe(docs.length)
    const confirmed = docs.filter((doc) => doc.status === 'confirmed')
    expect(stored.confirmed).toBe(confirmed.length)
    expect(stored.confirmed).toBe(CAPACITY)
    expect(holders.slice(0, cancels).map(statusOf)).toEqual(Array(cancels).fill('cancelled'))

    // The queue: exactly the waitlisted, distinct, the original queue's rest first and in its order.
    expect(new Set(stored.queue).size).toBe(stored.queue.length)
    expect(new Set(stored.queue)).toEqual(new Set(docs.filter((doc) => doc.status === 'waitlisted').map((doc) => doc.openid)))
    const promotedFromQueue = Math.min(cancels, QUEUED)
    expect(queued.slice(0, promotedFromQueue).map(statusOf)).toEqual(Array(promotedFromQueue).fill('confirmed'))
    expect(stored.queue.slice(0, QUEUED - promotedFromQueue)).toEqual(queued.slice(promotedFromQueue))
    const newcomersSeated = newcomers.filter((openid) => statusOf(openid) === 'confirmed')
    expect(newcomersSeated).toHaveLength(Math.max(0, cancels - QUEUED))
    expect(stored.queue.slice(QUEUED - promotedFromQueue).every((openid) => newcomers.includes(openid))).toBe(true)
    expect(stored.queue).toHaveLength(QUEUED - promotedFromQueue + NEWCOMERS - newcomersSeated.length)

    // One message to each member a cancel promoted, none to anyone else.
    const promotedMessages = messagesPerMember(cloud(), SUBSCRIBE_TEMPLATES.waitlistPromoted, sentBefore)
    const promoted = docs.filter((doc) => doc.promotedAt !== null).map((doc) => doc.openid)
    expect(promoted).toEqual(expect.arrayContaining(queued.slice(0, promotedFromQueue)))
    expect(Object.fromEntries(promotedMessages)).toEqual(Object.fromEntries(promoted.map((openid) => [openid, 1])))
  }

  it.each([
    [1, 20],
    [2, 6],
    [3, 10],
  ])(
    'round %i: %i cancels against 20 signups leave the seats, the queue and the messages right',
    async (round, cancels) => {
      await race(round, cancels)
    },
    60_000,
  )
})

describe('seats freed another way', () => {
  it('a capacity raised gives the new seats to the queue in its order, each told once, while signups keep arriving', async () => {
    const activity = await open({ capacity: 2, title: '加座测试' })
    const [first, second, ...queued] = members('raise', 6)
    const late = members('raise-late', 6)
    for (const openid of [first, second, ...queued, ...late]) {
      seedMember(cloud(), openid)
      await acceptConsent(cloud(), openid, [SUBSCRIBE_TEMPLATES.waitlistPromoted, SUBSCRIBE_TEMPLATES.waitlistPromoted])
    }
    for (const openid of [first, second, ...queued]) dataOf(await signup(openid, activity.id))
    expect(activityNow(activity.id)).toMatchObject({ confirmed: 2, queue: queued })

    const sentBefore = cloud().outbox.sent.length
    const [raised] = await Promise.all([as('seat-owner').call('activity', 'update', { activityId: activity.id, capacity: 5 }), ...late.map((openid) => signup(openid, activity.id))])
    expect(raised).toMatchObject({ ok: true, data: { capacity: 5 } })

    const stored = activityNow(activity.id)
    expect(stored.confirmed).toBe(5)
    expect(signupsOf(activity.id).filter((doc) => doc.status === 'confirmed')).toHaveLength(5)
    expect(queued.slice(0, 3).map((openid) => signupsOf(activity.id).find((doc) => doc.openid === openid)?.status)).toEqual(['confirmed', 'confirmed', 'confirmed'])
    expect(stored.queue.slice(0, 1)).toEqual([queued[3]])
    expect(new Set(stored.queue.slice(1))).toEqual(new Set(late))
    expect(Object.fromEntries(messagesPerMember(cloud(), SUBSCRIBE_TEMPLATES.waitlistPromoted, sentBefore))).toEqual(Object.fromEntries(queued.slice(0, 3).map((openid) => [openid, 1])))
  })
})

describe('a signup that costs points', () => {
  const COST = 100
  const refundKey = (activityId: string, openid: string) => `activity-refund:${activityId}:${openid}`

  it('10 taps at once pay once; two cancels at once refund once; the shop cancelling refunds and tells each standing member once', async () => {
    const activity = await open({ capacity: 3, pointsCost: COST })
    seedMemberWithPoints(cloud(), 'pay-a', 500)

    const taps = (await Promise.all(Array.from({ length: 10 }, () => signup('pay-a', activity.id)))).map(dataOf)
    expect(taps.filter((tap) => !tap.duplicate)).toHaveLength(1)
    expect(taps.every((tap) => tap.activity.mine?.status === 'confirmed')).toBe(true)
    expect(
      cloud()
        .db.find('ledger', { openid: 'pay-a', kind: 'redeem' })
        .map((row) => [row._id, row.delta]),
    ).toEqual([[`activity:${activity.id}:pay-a`, -COST]])
    expect(pointsInvariant(cloud(), 'pay-a')).toMatchObject({ balance: 400, ledgerSum: 400, lotsSum: 400 })

    const cancels = await Promise.all([cancelSignup('pay-a', activity.id), cancelSignup('pay-a', activity.id)])
    expect(cancels.filter((envelope) => envelope.ok)).toHaveLength(1)
    expect(cancels.find((envelope) => !envelope.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(
      cloud()
        .db.find('ledger', { openid: 'pay-a', kind: 'reverse' })
        .map((row) => [row._id, row.delta]),
    ).toEqual([[refundKey(activity.id, 'pay-a'), COST]])
    expect(pointsInvariant(cloud(), 'pay-a')).toMatchObject({ balance: 500, ledgerSum: 500, lotsSum: 500 })

    // Three seats and two in the queue, each having paid; then the shop cancels.
    const standing = ['pay-b', 'pay-c', 'pay-d', 'pay-e', 'pay-f']
    for (const openid of standing) {
      seedMemberWithPoints(cloud(), openid, 300)
      await acceptConsent(cloud(), openid, [SUBSCRIBE_TEMPLATES.activityCancelled, SUBSCRIBE_TEMPLATES.activityCancelled])
      dataOf(await signup(openid, activity.id))
    }
    await acceptConsent(cloud(), 'pay-a', [SUBSCRIBE_TEMPLATES.activityCancelled])
    expect(activityNow(activity.id)).toMatchObject({ confirmed: 3, queue: ['pay-e', 'pay-f'] })
    for (const openid of standing) expect(pointsInvariant(cloud(), openid)).toMatchObject({ balance: 200, ledgerSum: 200 })

    const sentBefore = cloud().outbox.sent.length
    const cancelled = await Promise.all([
      as('seat-owner').call('activity', 'cancel', { activityId: activity.id, reason: '场地维修' }),
      as('seat-owner').call('activity', 'cancel', { activityId: activity.id, reason: '场地维修' }),
    ])
    for (const envelope of cancelled) expect(envelope).toMatchObject({ ok: true, data: { status: 'cancelled' } })
    dataOf(await as('seat-owner').call('activity', 'cancel', { activityId: activity.id, reason: '场地维修' }))
    dataOf(await as(null).call('activity', 'hourly', {}))

    for (const openid of standing) {
      expect(
        cloud()
          .db.find('ledger', { openid, kind: 'reverse' })
          .map((row) => [row._id, row.delta]),
      ).toEqual([[refundKey(activity.id, openid), COST]])
      expect(pointsInvariant(cloud(), openid)).toMatchObject({ balance: 300, ledgerSum: 300, lotsSum: 300, negativeLots: 0 })
    }
    expect(pointsInvariant(cloud(), 'pay-a')).toMatchObject({ balance: 500, ledgerSum: 500, lotsSum: 500 })
    expect(Object.fromEntries(messagesPerMember(cloud(), SUBSCRIBE_TEMPLATES.activityCancelled, sentBefore))).toEqual(Object.fromEntries(standing.map((openid) => [openid, 1])))
    expect(signupsOf(activity.id).every((doc) => doc.status === 'cancelled' && doc.refunded)).toBe(true)
    expect(activityNow(activity.id)).toMatchObject({ status: 'cancelled', cancelReason: '场地维修', settledAt: expect.anything() })
  })

  it('the shop cancelling while members cancel themselves refunds each once, and tells only those the shop cancelled', async () => {
    const activity = await open({ capacity: 4, pointsCost: COST, title: '对撞取消' })
    const paying = members('clash', 6)
    for (const openid of paying) {
      seedMemberWithPoints(cloud(), openid, 300)
      await acceptConsent(cloud(), openid, [SUBSCRIBE_TEMPLATES.activityCancelled, SUBSCRIBE_TEMPLATES.activityCancelled, SUBSCRIBE_TEMPLATES.waitlistPromoted])
      dataOf(await signup(openid, activity.id))
    }
    const sentBefore = cloud().outbox.sent.length
    const envelopes = await Promise.all([
      ...paying.slice(0, 3).map((openid) => cancelSignup(openid, activity.id)),
      as('seat-owner').call('activity', 'cancel', { activityId: activity.id, reason: '临时停电' }),
      ...paying.slice(3, 5).map((openid) => cancelSignup(openid, activity.id)),
    ])
    expect(envelopes[3]).toMatchObject({ ok: true })
    for (const envelope of envelopes.filter((found) => !found.ok)) expect(envelope).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    dataOf(await as(null).call('activity', 'hourly', {}))

    const told = messagesPerMember(cloud(), SUBSCRIBE_TEMPLATES.activityCancelled, sentBefore)
    for (const doc of signupsOf(activity.id)) {
      expect(doc).toMatchObject({ status: 'cancelled', refunded: true })
      expect(
        cloud()
          .db.find('ledger', { openid: doc.openid, kind: 'reverse' })
          .map((row) => [row._id, row.delta]),
      ).toEqual([[refundKey(activity.id, doc.openid), COST]])
      expect(pointsInvariant(cloud(), doc.openid)).toMatchObject({ balance: 300, ledgerSum: 300, lotsSum: 300 })
      expect(told.get(doc.openid) ?? 0).toBe(doc.cancelledBy === 'activity' ? 1 : 0)
    }
  })

  it('a member who cancelled may sign up again, paying again under the second round’s key, and get it back again', async () => {
    const activity = await open({ capacity: 5, pointsCost: COST, title: '再次报名' })
    seedMemberWithPoints(cloud(), 'again-a', 300)
    dataOf(await signup('again-a', activity.id))
    dataOf(await cancelSignup('again-a', activity.id))
    const again = (await Promise.all([signup('again-a', activity.id), signup('again-a', activity.id), signup('again-a', activity.id)])).map(dataOf)
    expect(again.filter((result) => !result.duplicate)).toHaveLength(1)
    expect(pointsInvariant(cloud(), 'again-a')).toMatchObject({ balance: 200, ledgerSum: 200, lotsSum: 200 })
    dataOf(await cancelSignup('again-a', activity.id))
    const rows = cloud()
      .db.find('ledger', { openid: 'again-a' })
      .map((row) => [row._id, row.delta])
      .sort()
    expect(rows).toEqual(
      [
        [`activity-refund:${activity.id}:again-a`, COST],
        [`activity-refund:${activity.id}:again-a:r2`, COST],
        [`activity:${activity.id}:again-a`, -COST],
        [`activity:${activity.id}:again-a:r2`, -COST],
        ['seed:again-a', 300],
      ].sort(),
    )
    expect(pointsInvariant(cloud(), 'again-a')).toMatchObject({ balance: 300, ledgerSum: 300, lotsSum: 300 })
  })
})
