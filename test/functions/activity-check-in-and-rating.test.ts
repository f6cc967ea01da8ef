/**
 * activity.checkIn and activity.rate through the emulator: staff scan a member's live code at the
 * door, once, only for a seat and only in the window, and attendance points come once; a member
 * rates once, after checking in and once the activity has begun.
 */
import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, pointsInvariant, seedMember, seedStaff } from '../support/members'
import { activityDraft, publishedActivity } from '../support/activities'
import type { SignupDoc } from '../../cloudfunctions/shared/data/activities'
import type { StaffActivity } from '../../cloudfunctions/shared/contract/activity'

const { cloud, as } = useLocalCloud({ maxInstances: 4 })

const NOW = new Date('2026-12-10T10:00:00+08:00')
const START = new Date('2026-12-20T19:00:00+08:00')
const END = new Date(START.getTime() + 2 * 3600_000)
const minutes = (count: number) => count * 60_000
const ATTENDANCE = 20

let sequence = 0
/** A published activity with `seats` seats, signed up by `confirmed` and then `waitlisted`, in that order. */
async function activityWith(confirmed: number, waitlisted: number): Promise<{ activity: StaffActivity; seated: string[]; waiting: string[] }> {
  cloud().setNow(NOW)
  const round = ++sequence
  const activity = await publishedActivity(as, 'door-owner', activityDraft(START, { capacity: confirmed, attendancePoints: ATTENDANCE }))
  const seated = Array.from({ length: confirmed }, (_, index) => `door${round}-seat-${index + 1}`)
  const waiting = Array.from({ length: waitlisted }, (_, index) => `door${round}-wait-${index + 1}`)
  for (const openid of [...seated, ...waiting]) {
    seedMember(cloud(), openid)
    dataOf(await as(openid).call('activity', 'signup', { activityId: activity.id }))
  }
  return { activity, seated, waiting }
}

const scan = (staff: string, activityId: string, openid: string) => as(staff).call('activity', 'checkIn', { activityId, memberCode: memberCodeOf(cloud(), openid) })
const signupOf = (activityId: string, openid: string) => cloud().db.find('signups', { _id: `${activityId}:${openid}` })[0] as SignupDoc
const attendRows = (activityId: string, openid: string) => cloud().db.find('ledger', { _id: `attend:${activityId}:${openid}` })
const conflict = (text: string) => ({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining(text) } })

beforeAll(() => {
  cloud().setNow(NOW)
  seedStaff(cloud(), { 'door-owner': 'owner', 'door-mkt': 'marketing', 'door-cashier-1': 'cashier', 'door-cashier-2': 'cashier', 'door-service': 'service' })
})
afterAll(() => cloud().setNow(null))

describe('checking in at the door', () => {
  it('is for a confirmed seat only, and only once', async () => {
    const { activity, seated, waiting } = await activityWith(1, 1)
    seedMember(cloud(), 'door-stranger')
    cloud().setNow(new Date(START.getTime() - minutes(30)))

    expect(await scan('door-cashier-1', activity.id, 'door-stranger')).toMatchObject(conflict('未报名'))
    expect(await scan('door-cashier-1', activity.id, waiting[0])).toMatchObject(conflict('候补中'))
    expect(signupOf(activity.id, waiting[0])).toMatchObject({ status: 'waitlisted', checkedInAt: null })
    expect(cloud().db.find('signups', { _id: `${activity.id}:door-stranger` })).toHaveLength(0)

    const checkedIn = dataOf(await scan('door-cashier-1', activity.id, seated[0]))
    expect(checkedIn).toMatchObject({ pointsAwarded: ATTENDANCE, tierName: '普通' })
    expect(await scan('door-cashier-2', activity.id, seated[0])).toMatchObject(conflict('已签到'))
    expect(signupOf(activity.id, seated[0])).toMatchObject({ status: 'confirmed', checkedInBy: 'door-cashier-1', checkedInAt: new Date(checkedIn.checkedInAt) })
    expect(attendRows(activity.id, seated[0])).toHaveLength(1)
    expect(pointsInvariant(cloud(), seated[0])).toMatchObject({ balance: ATTENDANCE, ledgerSum: ATTENDANCE, lotsSum: ATTENDANCE })
  })

  it('opens 60 minutes before the start and closes at the end', async () => {
    const { activity, seated } = await activityWith(3, 0)
    const [early, onTime, late] = seated

    cloud().setNow(new Date(START.getTime() - minutes(61)))
    expect(await scan('door-cashier-1', activity.id, early)).toMatchObject(conflict('不在签到时间'))
    cloud().setNow(new Date(START.getTime() - minutes(60)))
    expect(dataOf(await scan('door-cashier-1', activity.id, onTime)).pointsAwarded).toBe(ATTENDANCE)
    cloud().setNow(END)
    expect(await scan('door-cashier-1', activity.id, late)).toMatchObject(conflict('不在签到时间'))
    cloud().setNow(new Date(END.getTime() + minutes(30)))
    expect(await scan('door-cashier-1', activity.id, late)).toMatchObject(conflict('不在签到时间'))

    for (const openid of [early, late]) {
      expect(signupOf(activity.id, openid).checkedInAt).toBeNull()
      expect(pointsInvariant(cloud(), openid)).toMatchObject({ balance: 0, ledgerSum: 0 })
    }
  })

  it('gives attendance points once under attend:<activityId>:<openid> when two cashiers scan at once', async () => {
    const { activity, seated } = await activityWith(1, 0)
    cloud().setNow(new Date(START.getTime() - minutes(10)))
    const scans = await Promise.all(Array.from({ length: 6 }, (_, index) => scan(index % 2 ? 'door-cashier-2' : 'door-cashier-1', activity.id, seated[0])))
    expect(scans.filter((envelope) => envelope.ok)).toHaveLength(1)
    for (const envelope of scans.filter((scanned) => !scanned.ok)) expect(envelope).toMatchObject(conflict('已签到'))
    expect(attendRows(activity.id, seated[0]).map((row) => [row.delta, row.kind])).toEqual([[ATTENDANCE, 'earn']])
    expect(cloud().db.find('ledger', { openid: seated[0] })).toHaveLength(1)
    expect(pointsInvariant(cloud(), seated[0])).toMatchObject({ balance: ATTENDANCE, ledgerSum: ATTENDANCE, lotsSum: ATTENDANCE })
  })

  it('is for the till and the organisers: a member and the service desk are refused, and nothing is written', async () => {
    const { activity, seated } = await activityWith(3, 0)
    cloud().setNow(new Date(START.getTime() - minutes(10)))
    expect(await scan(seated[1], activity.id, seated[0])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await scan('door-service', activity.id, seated[0])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(signupOf(activity.id, seated[0]).checkedInAt).toBeNull()
    expect(attendRows(activity.id, seated[0])).toHaveLength(0)

    expect(dataOf(await scan('door-cashier-1', activity.id, seated[0])).pointsAwarded).toBe(ATTENDANCE)
    expect(dataOf(await scan('door-mkt', activity.id, seated[1])).pointsAwarded).toBe(ATTENDANCE)
    expect(signupOf(activity.id, seated[1]).checkedInBy).toBe('door-mkt')
  })
})

describe('rating an activity', () => {
  const rate = (openid: string, activityId: string, score: number, comment = '') => as(openid).call('activity', 'rate', { activityId, score, comment })

  it('needs a check-in and a started activity, and is taken once', async () => {
    const { activity, seated } = await activityWith(2, 0)
    const [attendee, absentee] = seated
    cloud().setNow(new Date(START.getTime() - minutes(30)))
    dataOf(await scan('door-cashier-1', activity.id, attendee))
    expect(await rate(attendee, activity.id, 5)).toMatchObject(conflict('活动开始后才能评价'))

    cloud().setNow(new Date(START.getTime() + minutes(10)))
    expect(await rate(absentee, activity.id, 4)).toMatchObject(conflict('签到后才能评价'))
    const rated = dataOf(await rate(attendee, activity.id, 4, '咖啡很好喝'))
    expect(rated).toMatchObject({ rating: { score: 4, comment: '咖啡很好喝' }, canRate: false })
    expect(await rate(attendee, activity.id, 1, '改个分')).toMatchObject(conflict('已评价'))

    expect(signupOf(activity.id, attendee).rating).toMatchObject({ score: 4, comment: '咖啡很好喝' })
    expect(signupOf(activity.id, absentee).rating).toBeNull()
  })

  it.each([
    ['a comment over 200 characters', { score: 5, comment: '好'.repeat(201) }, 'comment'],
    ['a score of 6', { score: 6, comment: '' }, 'score'],
    ['a score of 0', { score: 0, comment: '' }, 'score'],
  ])('refuses %s with INVALID_INPUT naming the field, and keeps no rating', async (_label, rating, field) => {
    const { activity, seated } = await activityWith(1, 0)
    cloud().setNow(new Date(START.getTime() - minutes(30)))
    dataOf(await scan('door-cashier-1', activity.id, seated[0]))
    cloud().setNow(new Date(START.getTime() + minutes(10)))
    const refused = await as(seated[0]).call('activity', 'rate', { activityId: activity.id, ...rating })
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: field }] } })
    expect(signupOf(activity.id, seated[0]).rating).toBeNull()
    expect(dataOf(await rate(seated[0], activity.id, 5, '好'.repeat(200))).rating).toMatchObject({ score: 5 })
  })
})
