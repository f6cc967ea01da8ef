import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, pointsInvariant, seedMember, seedStaff } from '../support/members'
import { activityDraft, publishedActivity } from '../support/activities'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import { acceptConsent } from '../support/consent'

const { cloud, as } = useLocalCloud({ maxInstances: 4 })

const NOW = new Date('2026-12-10T10:00:00+08:00')
const START = new Date('2026-12-20T19:00:00+08:00')
const LOT_END = new Date('2027-12-31T23:59:59.999+08:00')

function memberWith(openid: string, points = 0, tier: 'regular' | 'silver' | 'gold' | 'diamond' = 'regular') {
  seedMember(cloud(), openid, { tier, pointsBalance: points, lifetimePoints: points, pointLots: points ? [{ expiresAt: LOT_END, remaining: points }] : [], nextExpiryAt: points ? LOT_END : null })
  if (points)
    cloud().db.insertMany('ledger', [
      { _id: `seed:${openid}`, openid, kind: 'adjust', delta: points, balanceAfter: points, reason: '测试', by: 'test', rulesVersion: 1, createdAt: NOW, expiresAt: LOT_END },
    ])
}

beforeAll(() => {
  cloud().setNow(NOW)
  seedStaff(cloud(), { 'act-owner': 'owner', 'act-mkt': 'marketing', 'act-cashier': 'cashier', 'act-service': 'service' })
})
afterAll(() => cloud().setNow(null))
afterEach(() => cloud().setNow(NOW))

describe('an activity from signup to evaluation', () => {
  it('seats, waitlist, cancel with promotion, check-in, rating, evaluation', async () => {
    const activity = await publishedActivity(as, 'act-owner', activityDraft(START, { capacity: 1, attendancePoints: 20 }))
    memberWith('lc-a')
    memberWith('lc-b')
    await acceptConsent(cloud(), 'lc-b', [SUBSCRIBE_TEMPLATES.waitlistPromoted])

    const a = dataOf(await as('lc-a').call('activity', 'signup', { activityId: activity.id }))
    expect(a.activity.standing).toMatchObject({ state: 'confirmed', label: '已报名' })
    const b = dataOf(await as('lc-b').call('activity', 'signup', { activityId: activity.id }))
    expect(b.activity.standing).toMatchObject({ state: 'waitlisted', label: '候补第 1 位' })
    expect(b.activity.mine).toMatchObject({ status: 'waitlisted', position: 1 })
    // Each member's list says where they stand in it.
    const listed = async (openid: string) => dataOf(await as(openid).call('activity', 'list', { tab: 'upcoming' })).items.find((item) => item.id === activity.id)?.mine
    expect([await listed('lc-a'), await listed('lc-b'), await listed('act-owner')]).toEqual(['confirmed', 'waitlisted', null])

    const sentBefore = cloud().outbox.sent.length
    dataOf(await as('lc-a').call('activity', 'cancelSignup', { activityId: activity.id }))
    expect(dataOf(await as('lc-b').call('activity', 'detail', { activityId: activity.id })).standing.state).toBe('confirmed')
    expect(
      cloud()
        .outbox.sent.slice(sentBefore)
        .map((message) => message.touser),
    ).toEqual(['lc-b'])

    // The code to check in with is due from a day before the start, by the server's clock.
    expect(dataOf(await as('lc-b').call('activity', 'detail', { activityId: activity.id })).mine?.showCheckInCode).toBe(false)
    cloud().setNow(new Date(START.getTime() - 30 * 60_000))
    expect(dataOf(await as('lc-b').call('activity', 'detail', { activityId: activity.id })).mine?.showCheckInCode).toBe(true)
    const checkedIn = dataOf(await as('act-cashier').call('activity', 'checkIn', { activityId: activity.id, memberCode: memberCodeOf(cloud(), 'lc-b') }))
    expect(checkedIn.pointsAwarded).toBe(20)
    expect(await as('act-cashier').call('activity', 'checkIn', { activityId: activity.id, memberCode: memberCodeOf(cloud(), 'lc-b') })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(pointsInvariant(cloud(), 'lc-b')).toMatchObject({ balance: 20, ledgerSum: 20, lotsSum: 20 })
    expect(dataOf(await as('lc-b').call('activity', 'detail', { activityId: activity.id })).mine?.showCheckInCode).toBe(false)

    cloud().setNow(new Date(START.getTime() + 3 * 3600_000))
    dataOf(await as('lc-b').call('activity', 'rate', { activityId: activity.id, score: 5, comment: '很棒' }))
    const evaluation = dataOf(await as('act-owner').call('activity', 'evaluate', { activityId: activity.id }))
    expect(evaluation).toMatchObject({ signups: 2, confirmed: 1, cancelled: 1, checkedIn: 1, checkInRate: 1, noShowRate: 0, satisfaction: { count: 1, mean: 5, distribution: [0, 0, 0, 0, 1] } })
  })
})

describe('a share link as a source', () => {
  it('records the activity when a visitor joins from it, and the evaluation counts them; a link to no activity records none', async () => {
    const activity = await publishedActivity(as, 'act-owner', activityDraft(START, { title: '分享来源活动' }))
    const form = { name: '新朋友', birthday: '1995-05-05', gender: 'unknown' }
    dataOf(await as('lc-shared').call('member', 'join', { ...form, activityId: activity.id }))
    dataOf(await as('lc-stray').call('member', 'join', { ...form, activityId: 'act-nosuch' }))
    const [shared, stray] = ['lc-shared', 'lc-stray'].map((openid) => (cloud().db.find('members', { _id: openid })[0] as { source: { activity?: string | null } }).source)
    expect(shared.activity).toBe(activity.id)
    expect(stray.activity).toBeNull()
    expect(dataOf(await as('act-mkt').call('activity', 'evaluate', { activityId: activity.id })).joinedViaShare).toBe(1)
  })
})
