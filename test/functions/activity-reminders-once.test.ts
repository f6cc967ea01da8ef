/**
 * The activity function's hourly timer through the emulator, as WeChat fires it (a server call):
 * the 24-hour and 2-hour reminders reach each confirmed member once however often and however
 * concurrently it runs, a run resumes without gaps, and an ended activity is closed with its
 * leftover waitlist refunded once.
 */
import { signupFixture } from '../../local/fixtures'
import { dataOf, useLocalCloud } from '../support/localCloud'
import { pointsInvariant, seedMember, seedStaff } from '../support/members'
import { activityDraft, messagesPerMember, publishedActivity, seedMemberWithPoints } from '../support/activities'
import type { ActivityDoc, SignupDoc } from '../../cloudfunctions/shared/data/activities'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import { acceptConsent } from '../support/consent'

const { cloud, as } = useLocalCloud({ maxInstances: 4 })

const NOW = new Date('2026-12-10T10:00:00+08:00')
const START = new Date('2026-12-20T19:00:00+08:00')
const END = new Date(START.getTime() + 2 * 3600_000)
const hoursBefore = (hours: number) => new Date(START.getTime() - hours * 3600_000)
const REMINDER = SUBSCRIBE_TEMPLATES.activityReminder
/** The template's 温馨提示 says which reminder it is. */
const DAY_BEFORE = '活动明天开始，请准时参加'
const SOON = '活动即将开始，请出示会员码签到'

const hourly = () => as(null).call('activity', 'hourly', {})
const signupsOf = (activityId: string) => cloud().db.find('signups', { activityId }) as SignupDoc[]
/** Reminders each member got, by which one. */
function reminders(tip: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const message of cloud().outbox.sent) if (message.templateId === REMINDER && message.data.thing4?.value === tip) counts.set(message.touser, (counts.get(message.touser) ?? 0) + 1)
  return counts
}
/** Several consents each, so a second send of the same reminder would be delivered and counted. */
const consent = (openid: string, times = 4) => acceptConsent(cloud(), openid, Array(times).fill(REMINDER))

beforeEach(() => {
  cloud().db.clear()
  cloud().outbox.clear()
  cloud().setNow(NOW)
  seedStaff(cloud(), { 'rem-owner': 'owner' })
})
afterAll(() => cloud().setNow(null))

describe('reminders', () => {
  it('go to each confirmed member once per kind, whether the run repeats or overlaps; the waitlist and the cancelled get none', async () => {
    const activity = await publishedActivity(as, 'rem-owner', activityDraft(START, { capacity: 3 }))
    const confirmed = ['rem-a', 'rem-b', 'rem-c']
    const [waiting, leaving] = ['rem-wait', 'rem-left']
    for (const openid of [...confirmed, waiting, leaving]) {
      seedMember(cloud(), openid)
      await consent(openid)
      dataOf(await as(openid).call('activity', 'signup', { activityId: activity.id }))
    }
    dataOf(await as(leaving).call('activity', 'cancelSignup', { activityId: activity.id }))

    cloud().setNow(hoursBefore(30))
    expect(dataOf(await hourly()).reminders).toMatchObject({ h24: 0, h2: 0 })
    expect(cloud().outbox.sent).toHaveLength(0)

    cloud().setNow(hoursBefore(23))
    const overlapping = (await Promise.all([hourly(), hourly()])).map(dataOf)
    expect(overlapping.reduce((sum, report) => sum + report.reminders.h24, 0)).toBe(3)
    cloud().setNow(hoursBefore(22))
    expect(dataOf(await hourly()).reminders.h24).toBe(0)
    expect(Object.fromEntries(reminders(DAY_BEFORE))).toEqual({ 'rem-a': 1, 'rem-b': 1, 'rem-c': 1 })
    expect(reminders(SOON).size).toBe(0)

    cloud().setNow(hoursBefore(1.5))
    expect(dataOf(await hourly()).reminders.h2).toBe(3)
    const again = (await Promise.all([hourly(), hourly()])).map(dataOf)
    expect(again.map((report) => report.reminders.h2)).toEqual([0, 0])
    expect(Object.fromEntries(reminders(SOON))).toEqual({ 'rem-a': 1, 'rem-b': 1, 'rem-c': 1 })
    expect(Object.fromEntries(reminders(DAY_BEFORE))).toEqual({ 'rem-a': 1, 'rem-b': 1, 'rem-c': 1 })
    expect(Object.fromEntries(messagesPerMember(cloud(), REMINDER))).toEqual({ 'rem-a': 2, 'rem-b': 2, 'rem-c': 2 })

    const byOpenid = new Map(signupsOf(activity.id).map((signup) => [signup.openid, signup]))
    for (const openid of confirmed) expect(byOpenid.get(openid)).toMatchObject({ status: 'confirmed', reminded: 2 })
    expect(byOpenid.get(waiting)).toMatchObject({ status: 'waitlisted', reminded: 0 })
    expect(byOpenid.get(leaving)).toMatchObject({ status: 'cancelled', reminded: 0 })
  })

  it('a run cut short hands over, and the chain, or the next hour’s run, reaches every one of 300 confirmed members once', async () => {
    // 300 confirmed signups written straight in, on a copy of an activity the function created.
    const draft = dataOf(await as('rem-owner').call('activity', 'create', activityDraft(START, { capacity: 300, title: '三百人品鉴会' })))
    const [stored] = cloud().db.find('activities', { _id: draft.id }) as ActivityDoc[]
    const activity: ActivityDoc = { ...stored, _id: `${draft.id}-full`, status: 'published', publishedAt: NOW, confirmed: 300 }
    cloud().db.insertMany('activities', [activity])
    const openids = Array.from({ length: 300 }, (_, index) => `rem-many-${String(index).padStart(3, '0')}`)
    for (const openid of openids) {
      seedMember(cloud(), openid)
      await consent(openid, 3)
    }
    cloud().db.insertMany(
      'signups',
      openids.map((openid) => signupFixture(activity._id, openid, NOW)),
    )
    const handOvers = () => cloud().reinvocations.filter((entry) => entry.fn === 'activity')
    const remindedAt = (stage: number) => signupsOf(activity._id).filter((signup) => signup.reminded === stage).length

    // The 24-hour reminder: each run stops after 120 and hands the rest to a fresh invocation, followed here as WeChat would.
    cloud().setNow(hoursBefore(23))
    let report = dataOf(await as(null).call('activity', 'hourly', { maxReminders: 120 }))
    const sent = [report.reminders.h24]
    while (report.left) {
      const next = handOvers()[handOvers().length - 1].event as { action: 'hourly'; payload: Record<string, unknown> }
      expect(next).toMatchObject({ action: 'hourly', payload: { maxReminders: 120, round: sent.length } })
      report = dataOf(await as(null).call('activity', next.action, next.payload))
      sent.push(report.reminders.h24)
    }
    expect(sent).toEqual([120, 120, 60])
    expect(handOvers()).toHaveLength(2)
    const dayBefore = reminders(DAY_BEFORE)
    expect(dayBefore.size).toBe(300)
    expect([...dayBefore.values()].every((count) => count === 1)).toBe(true)
    expect(remindedAt(1)).toBe(300)

    // The 2-hour one: the run is cut short and its hand-over lost; the next hour's run carries on where it stopped.
    cloud().setNow(hoursBefore(1.9))
    expect(dataOf(await as(null).call('activity', 'hourly', { maxReminders: 120 }))).toMatchObject({ reminders: { h2: 120 }, left: true })
    expect([remindedAt(1), remindedAt(2)]).toEqual([180, 120])
    cloud().setNow(hoursBefore(0.9))
    expect(dataOf(await hourly())).toMatchObject({ reminders: { h2: 180 }, left: false })
    expect(dataOf(await hourly()).reminders.h2).toBe(0)
    const soon = reminders(SOON)
    expect(soon.size).toBe(300)
    expect([...soon.values()].every((count) => count === 1)).toBe(true)
    expect(remindedAt(2)).toBe(300)
    expect(reminders(DAY_BEFORE).size).toBe(300)
  }, 120_000)
})

describe('an activity that has ended', () => {
  const COST = 50

  it('is closed by the hourly run, shown under 已结束, and the members still waiting get their points back once', async () => {
    const activity = await publishedActivity(as, 'rem-owner', activityDraft(START, { capacity: 1, pointsCost: COST, title: '闭店品鉴' }))
    const [seated, ...waiting] = ['end-seat', 'end-wait-1', 'end-wait-2']
    for (const openid of [seated, ...waiting]) {
      seedMemberWithPoints(cloud(), openid, 200)
      dataOf(await as(openid).call('activity', 'signup', { activityId: activity.id }))
    }
    for (const openid of [seated, ...waiting]) expect(pointsInvariant(cloud(), openid)).toMatchObject({ balance: 150, ledgerSum: 150 })

    cloud().setNow(new Date(END.getTime() - 3600_000))
    dataOf(await hourly())
    expect(cloud().db.find('activities', { _id: activity.id })[0]).toMatchObject({ status: 'published', closedAt: null })

    cloud().setNow(new Date(END.getTime() + 3600_000))
    const runs = (await Promise.all([hourly(), hourly()])).map(dataOf)
    expect(runs.reduce((sum, report) => sum + report.closed, 0)).toBeGreaterThanOrEqual(1)
    dataOf(await hourly())

    expect(cloud().db.find('activities', { _id: activity.id })[0]).toMatchObject({ status: 'closed', closedAt: expect.any(Date) })
    const ended = dataOf(await as(seated).call('activity', 'list', { tab: 'ended' }))
    expect(ended.items.map((item) => [item.id, item.status, item.phase])).toEqual([[activity.id, 'closed', 'ended']])
    expect(dataOf(await as(seated).call('activity', 'list', { tab: 'ongoing' })).items).toHaveLength(0)

    for (const openid of waiting) {
      expect(
        cloud()
          .db.find('ledger', { openid, kind: 'reverse' })
          .map((row) => [row._id, row.delta]),
      ).toEqual([[`activity-refund:${activity.id}:${openid}`, COST]])
      expect(pointsInvariant(cloud(), openid)).toMatchObject({ balance: 200, ledgerSum: 200, lotsSum: 200 })
    }
    expect(cloud().db.find('ledger', { openid: seated, kind: 'reverse' })).toHaveLength(0)
    expect(pointsInvariant(cloud(), seated)).toMatchObject({ balance: 150, ledgerSum: 150, lotsSum: 150 })
    const byOpenid = new Map(signupsOf(activity.id).map((signup) => [signup.openid, signup]))
    expect(byOpenid.get(seated)).toMatchObject({ status: 'confirmed', refunded: false })
    for (const openid of waiting) expect(byOpenid.get(openid)).toMatchObject({ status: 'cancelled', cancelledBy: 'closed', refunded: true })
  })
})
