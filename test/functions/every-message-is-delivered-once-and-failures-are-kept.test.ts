/**
 * Deliveries through the emulator, with WeChat answering as told (`outbox.failNext`): a transient
 * failure is kept as a retry and sent once by the marketing timer when due, with backoff, giving
 * up as failed after 5 attempts; a permanent refusal is kept with its reason and never retried; the
 * same message (purpose, subject, recipient) goes out once; a send whose sender died mid-way is
 * marked unknown by the timer and never sent again.
 */
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import type { TickReport } from '../../cloudfunctions/shared/contract/marketing'
import type { DeliveryDoc } from '../../cloudfunctions/shared/data/deliveries'
import type { MessagingState } from '../../cloudfunctions/shared/domain/messaging'
import { acceptConsent } from '../support/consent'
import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, seedMember, seedStaff } from '../support/members'

const { cloud, as } = useLocalCloud({ maxInstances: 4 })

const POINTS = SUBSCRIBE_TEMPLATES.pointsChange
const CASHIER = 'dl-cashier'
const NOW = new Date('2026-12-10T10:00:00+08:00')
const MINUTE = 60_000
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE)
/** A run this long before a retry is due does not take it, however slowly the machine runs. */
const EARLY_MS = 30_000

const tick = async (): Promise<TickReport> => dataOf(await as(null).call('marketing', 'tick', {}))
const tickAt = (when: Date) => {
  cloud().setNow(when)
  return tick()
}
const deliveriesTo = (openid: string) => (cloud().db.find('deliveries', { openid }) as DeliveryDoc[]).sort((a, b) => a._id.localeCompare(b._id))
const deliveryOf = (openid: string) => {
  const found = deliveriesTo(openid)
  expect(found).toHaveLength(1)
  return found[0]
}
const sentTo = (openid: string) => cloud().outbox.sent.filter((message) => message.touser === openid)
const consentOf = (openid: string) => (cloud().db.find('members', { _id: openid })[0] as { messaging?: MessagingState }).messaging?.consent?.[POINTS] ?? 0
const timeOf = (date: Date | null) => new Date(date!).getTime()
/** `work` run, with the emulated clock just before and just after it: what a function saw as now lies between. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; from: number; to: number }> {
  const from = cloud().now().getTime()
  const result = await work()
  return { result, from, to: cloud().now().getTime() }
}
/** `date` is `minutes` after a moment within [from, to]. */
function expectMinutesAfter(date: Date | null, minutes: number, { from, to }: { from: number; to: number }) {
  expect(timeOf(date)).toBeGreaterThanOrEqual(from + minutes * MINUTE)
  expect(timeOf(date)).toBeLessThanOrEqual(to + minutes * MINUTE)
}

let orders = 0
/** A purchase at the till: points, and one 积分变动提醒 for the member (the message under test). */
async function buy(openid: string, orderNo = `DL${++orders}`) {
  return dataOf(await as(CASHIER).call('points', 'accrue', { memberCode: memberCodeOf(cloud(), openid), storeId: 'store-001', orderNo, amount: 10 }))
}
/** A member who accepted the points message `times` times (WeChat's quota and the product's count). */
async function subscribed(openid: string, times = 1) {
  seedMember(cloud(), openid)
  await acceptConsent(cloud(), openid, Array(times).fill(POINTS))
}

beforeEach(() => {
  cloud().db.clear()
  cloud().outbox.clear()
  cloud().setNow(NOW)
  seedStaff(cloud(), { [CASHIER]: 'cashier' })
})
afterAll(() => cloud().setNow(null))

describe('a transient failure', () => {
  it('is kept as a retry with its next attempt, and the timer sends it once when due', async () => {
    await subscribed('dl-busy')
    cloud().outbox.failNext(-1, 1, 'dl-busy')
    const bought = await timed(() => buy('dl-busy'))
    expect(bought.result).toMatchObject({ pointsEarned: 10, duplicate: false })

    const kept = deliveryOf('dl-busy')
    expect(kept).toMatchObject({ purpose: 'pointsChange', templateId: POINTS, status: 'retry', attempts: 1, errCode: -1, reason: '-1 system error', sentAt: null })
    expect(kept._id).toBe('pointsChange:order:store-001:DL' + orders + ':dl-busy')
    // The first backoff is a minute.
    expectMinutesAfter(kept.nextAttemptAt, 1, bought)
    expect(sentTo('dl-busy')).toHaveLength(0)
    expect(consentOf('dl-busy')).toBe(1)

    // Not due yet: left alone.
    expect(await tickAt(at(0.5))).toMatchObject({ deliveriesRetried: 0, deliveriesResolved: 0 })
    expect(deliveryOf('dl-busy')).toMatchObject({ status: 'retry', attempts: 1 })

    const due = await timed(() => tickAt(at(2)))
    expect(due.result).toMatchObject({ deliveriesRetried: 1, deliveriesResolved: 0, left: false })
    const sent = deliveryOf('dl-busy')
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, errCode: 0, nextAttemptAt: null, reason: null })
    expectMinutesAfter(sent.sentAt, 0, { from: at(2).getTime(), to: due.to })
    expect(sentTo('dl-busy')).toEqual([
      expect.objectContaining({ templateId: POINTS, page: 'points/pages/history/index', data: expect.objectContaining({ character_string2: { value: '+10' }, number3: { value: '10' } }) }),
    ])
    expect(consentOf('dl-busy')).toBe(1 - 1)

    // Later runs, one at a time or overlapping, have nothing more to send.
    expect((await tickAt(at(200))).deliveriesRetried).toBe(0)
    const overlapping = await Promise.all([tick(), tick()])
    expect(overlapping.map((report) => report.deliveriesRetried)).toEqual([0, 0])
    expect(sentTo('dl-busy')).toHaveLength(1)
  })

  it.each([
    ['system busy', -1],
    ['the cloud’s own system error', -501001],
    ['a minute’s quota', 45011],
  ])('%s (%i) is a retry, and consent is not used by it', async (_label, errCode) => {
    const openid = `dl-transient${errCode}`
    await subscribed(openid)
    cloud().outbox.failNext(errCode, 1, openid)
    await buy(openid)
    expect(deliveryOf(openid)).toMatchObject({ status: 'retry', errCode, attempts: 1 })
    expect(consentOf(openid)).toBe(1)
    expect(cloud().outbox.quota(openid, POINTS)).toBe(1)
  })

  it('due retries claimed by overlapping timer runs are each sent once', async () => {
    const openids = ['dl-race-a', 'dl-race-b', 'dl-race-c']
    for (const openid of openids) {
      await subscribed(openid, 2)
      cloud().outbox.failNext(-1, 1, openid)
      await buy(openid)
    }
    expect(openids.map((openid) => deliveryOf(openid).status)).toEqual(['retry', 'retry', 'retry'])
    cloud().setNow(at(2))
    const reports = await Promise.all([tick(), tick(), tick()])
    expect(reports.reduce((sum, report) => sum + report.deliveriesRetried, 0)).toBe(3)
    for (const openid of openids) {
      expect(sentTo(openid)).toHaveLength(1)
      expect(deliveryOf(openid)).toMatchObject({ status: 'sent', attempts: 2 })
      expect(consentOf(openid)).toBe(1)
    }
  })

  it('that keeps failing is tried 5 times with backoff of 1, 5, 30 and 120 minutes, then kept as failed', async () => {
    await subscribed('dl-down')
    cloud().outbox.failNext(-1, 5, 'dl-down')
    let last: { from: number; to: number } = await timed(() => buy('dl-down'))
    for (const [attempts, backoffMinutes] of [
      [1, 1],
      [2, 5],
      [3, 30],
      [4, 120],
    ]) {
      const waiting = deliveryOf('dl-down')
      expect(waiting).toMatchObject({ status: 'retry', attempts })
      expectMinutesAfter(waiting.nextAttemptAt, backoffMinutes, last)
      // A run before it is due leaves it; the first run after sends again.
      expect((await tickAt(new Date(timeOf(waiting.nextAttemptAt) - EARLY_MS))).deliveriesRetried).toBe(0)
      const run = await timed(() => tickAt(new Date(timeOf(waiting.nextAttemptAt) + 1000)))
      expect(run.result.deliveriesRetried).toBe(1)
      last = { ...run, from: timeOf(waiting.nextAttemptAt) + 1000 }
    }
    const gaveUp = deliveryOf('dl-down')
    expect(gaveUp).toMatchObject({ status: 'failed', attempts: 5, errCode: -1, nextAttemptAt: null, sentAt: null })
    expect(gaveUp.reason).toBe('-1 system error（已重试 4 次）')
    expect((await tickAt(at(24 * 60))).deliveriesRetried).toBe(0)
    expect(deliveryOf('dl-down').status).toBe('failed')
    expect(sentTo('dl-down')).toHaveLength(0)
    // Its consent was never used: the next message goes out on it.
    expect(consentOf('dl-down')).toBe(1)
    await buy('dl-down')
    expect(sentTo('dl-down')).toHaveLength(1)
    expect(consentOf('dl-down')).toBe(0)
  })

  it('is not sent once the member has opted out of its purpose meanwhile', async () => {
    await subscribed('dl-changed-mind')
    cloud().outbox.failNext(-1, 1, 'dl-changed-mind')
    await buy('dl-changed-mind')
    expect(deliveryOf('dl-changed-mind').status).toBe('retry')
    dataOf(await as('dl-changed-mind').call('marketing', 'setOptOut', { purpose: 'pointsChange', optedOut: true }))

    expect((await tickAt(at(2))).deliveriesRetried).toBe(1)
    expect(sentTo('dl-changed-mind')).toHaveLength(0)
    expect(deliveryOf('dl-changed-mind')).toMatchObject({ status: 'optedOut', reason: '重试前会员已退订此类消息', nextAttemptAt: null, sentAt: null })
    expect(consentOf('dl-changed-mind')).toBe(1)
    expect((await tickAt(at(60))).deliveriesRetried).toBe(0)
    expect(sentTo('dl-changed-mind')).toHaveLength(0)
  })
})

describe('a permanent refusal', () => {
  it.each([
    [47003, '47003 模板字段不符合要求'],
    [40003, '40003 接收者 openid 无效'],
    [40037, '40037 模板 ID 无效'],
    [43107, '43107 订阅消息能力未开通'],
  ])('%i is kept as failed with its reason, never retried, and its consent kept', async (errCode, reason) => {
    const openid = `dl-refused-${errCode}`
    await subscribed(openid)
    cloud().outbox.failNext(errCode, 1, openid)
    await buy(openid)
    const failed = deliveryOf(openid)
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, errCode, reason, nextAttemptAt: null, sentAt: null })

    for (const minutes of [2, 24 * 60]) expect((await tickAt(at(minutes))).deliveriesRetried).toBe(0)
    expect(deliveryOf(openid)).toEqual(failed)
    expect(sentTo(openid)).toHaveLength(0)
    expect(consentOf(openid)).toBe(1)
  })
})

describe('the same message', () => {
  it('a repeated accrual (the same order number) sends its message once', async () => {
    await subscribed('dl-repeat', 3)
    const first = await buy('dl-repeat', 'R0001')
    const again = await buy('dl-repeat', 'R0001')
    const concurrently = await Promise.all([buy('dl-repeat', 'R0001'), buy('dl-repeat', 'R0001')])
    expect([first, again, ...concurrently].map((result) => result.duplicate)).toEqual([false, true, true, true])
    expect(sentTo('dl-repeat')).toHaveLength(1)
    expect(deliveriesTo('dl-repeat')).toEqual([expect.objectContaining({ _id: 'pointsChange:order:store-001:R0001:dl-repeat', status: 'sent', attempts: 1 })])
    expect(consentOf('dl-repeat')).toBe(2)
  })

  it('whose delivery is already claimed is not sent again, and the purchase still succeeds', async () => {
    await subscribed('dl-claimed', 2)
    const id = 'pointsChange:order:store-001:C0001:dl-claimed'
    const claimed = delivery(id, 'dl-claimed', { status: 'sent', attempts: 1, errCode: 0, sentAt: at(-1) })
    cloud().db.insertMany('deliveries', [claimed])
    expect(await buy('dl-claimed', 'C0001')).toMatchObject({ duplicate: false, pointsEarned: 10 })
    expect(sentTo('dl-claimed')).toHaveLength(0)
    expect(deliveriesTo('dl-claimed')).toEqual([claimed])
    expect(consentOf('dl-claimed')).toBe(2)
    // Another order is another message.
    await buy('dl-claimed', 'C0002')
    expect(sentTo('dl-claimed')).toHaveLength(1)
    expect(consentOf('dl-claimed')).toBe(1)
  })
})

describe('a send whose sender died', () => {
  it('is marked unknown by the timer after 10 minutes and never sent; a send still under way is left alone until then', async () => {
    await subscribed('dl-crashed', 2)
    const stale = delivery('pointsChange:order:store-001:S0001:dl-crashed', 'dl-crashed', { updatedAt: at(-11), createdAt: at(-11) })
    const recent = delivery('pointsChange:order:store-001:S0002:dl-crashed', 'dl-crashed', { updatedAt: at(-2), createdAt: at(-2) })
    cloud().db.insertMany('deliveries', [stale, recent])

    expect(await tick()).toMatchObject({ deliveriesRetried: 0, deliveriesResolved: 1 })
    const [first, second] = deliveriesTo('dl-crashed')
    expect(first).toMatchObject({ _id: stale._id, status: 'unknown', attempts: 1, reason: '发送中断，结果未知（不会重发）', sentAt: null })
    expect(second).toMatchObject({ _id: recent._id, status: 'sending' })

    expect(await tickAt(at(9))).toMatchObject({ deliveriesRetried: 0, deliveriesResolved: 1 })
    expect(deliveriesTo('dl-crashed').map((doc) => doc.status)).toEqual(['unknown', 'unknown'])
    expect(await tickAt(at(300))).toMatchObject({ deliveriesRetried: 0, deliveriesResolved: 0 })
    expect(deliveriesTo('dl-crashed').map((doc) => doc.status)).toEqual(['unknown', 'unknown'])
    expect(sentTo('dl-crashed')).toHaveLength(0)
    expect(consentOf('dl-crashed')).toBe(2)
    // Nor does the purchase it was about send it again.
    await buy('dl-crashed', 'S0001')
    expect(sentTo('dl-crashed')).toHaveLength(0)
  })
})

describe('a campaign message waiting for a retry', () => {
  it('waits through quiet hours (21:00–09:00 Beijing) while a member’s own message is retried; it goes at 09:00', async () => {
    const CAMPAIGN = SUBSCRIBE_TEMPLATES.campaignActivity
    seedMember(cloud(), 'dl-night')
    await acceptConsent(cloud(), 'dl-night', [POINTS, CAMPAIGN])
    const night = new Date('2026-12-10T22:00:00+08:00')
    const due = { status: 'retry' as const, nextAttemptAt: new Date(night.getTime() - MINUTE), createdAt: at(-5), updatedAt: at(-5) }
    const campaign = delivery('campaign:C-night:dl-night', 'dl-night', {
      ...due,
      purpose: 'campaignActivity',
      subject: 'C-night',
      templateId: CAMPAIGN,
      campaignId: 'C-night',
      data: { thing1: '冬日新品', thing2: '到店品鉴', thing3: '会员专享' },
    })
    const own = delivery('pointsChange:order:store-001:N0001:dl-night', 'dl-night', due)
    cloud().db.insertMany('deliveries', [campaign, own])

    expect(await tickAt(night)).toMatchObject({ deliveriesRetried: 1 })
    expect(deliveriesTo('dl-night').map((doc) => [doc.purpose, doc.status])).toEqual([
      ['campaignActivity', 'retry'],
      ['pointsChange', 'sent'],
    ])
    expect(await tickAt(new Date('2026-12-11T09:00:00+08:00'))).toMatchObject({ deliveriesRetried: 1 })
    expect(deliveriesTo('dl-night').map((doc) => doc.status)).toEqual(['sent', 'sent'])
    expect(sentTo('dl-night').map((message) => message.templateId)).toEqual([POINTS, CAMPAIGN])
  })
})

/** A delivery as deliver() claims it (status 'sending'), for claims made by a sender this test plays. */
function delivery(id: string, openid: string, overrides: Partial<DeliveryDoc>): DeliveryDoc {
  return {
    _id: id,
    purpose: 'pointsChange',
    subject: id.split(':').slice(1, -1).join(':'),
    openid,
    templateId: POINTS,
    data: { thing1: '消费 ¥10.00', character_string2: '+10', number3: '10', time4: '2026年12月10日 09:59' },
    page: 'points/pages/history/index',
    status: 'sending',
    attempts: 1,
    nextAttemptAt: null,
    reason: null,
    errCode: null,
    campaignId: null,
    createdAt: at(-1),
    updatedAt: at(-1),
    sentAt: null,
    openedAt: null,
    ...overrides,
  }
}
