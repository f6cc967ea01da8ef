/**
 * A campaign with a coupon sent by the marketing timer through the emulator to a segment of 250
 * members (three pages of the walk), every one of whom accepted both campaign templates twice, so
 * a second send would be delivered and seen. Whether the run is killed mid-page, cut short by its
 * budget, paused, resumed or cancelled, each member is messaged at most once and given the coupon at
 * most once; the holdout is the same members however often the walk is repeated and they get
 * nothing; the frequency cap holds across campaigns; quiet hours hold the sending until 09:00; and
 * purchases within 7 days count for the recipients or the holdout. 2 December 2026, Beijing.
 */
import { DEFAULT_RFM_THRESHOLDS } from '../../cloudfunctions/shared/contract/marketingFields'
import type { TickReport } from '../../cloudfunctions/shared/contract/marketing'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import type { DeliveryDoc } from '../../cloudfunctions/shared/data/deliveries'
import { isHeldOut, type CampaignDoc } from '../../cloudfunctions/shared/domain/campaign'
import type { CouponDoc } from '../../cloudfunctions/shared/domain/coupons'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import { acceptConsent } from '../support/consent'
import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, seedMember, seedStaff } from '../support/members'
import { settled, waitFor } from '../support/wait'

const { cloud, as } = useLocalCloud({ maxInstances: 4 })

/** An instant named by Beijing wall-clock text. */
const beijing = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`)
const NOW = beijing('2026-12-02 10:00')
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const COUPON_TEMPLATE = SUBSCRIBE_TEMPLATES.campaignCoupon
const ACTIVITY_TEMPLATE = SUBSCRIBE_TEMPLATES.campaignActivity
const MARKETING = 'reach-marketing'
const CASHIER = 'reach-cashier'
const SIZE = 250
const MEMBERS = Array.from({ length: SIZE }, (_, index) => `reach-${String(index).padStart(3, '0')}`)
/** Members outside the segment (no 试点 tag), sorted among its members. */
const OUTSIDERS = ['reach-050x', 'reach-199x']
/** The sender's concurrency: at most this many sends are in flight when an instance dies. */
const SENDERS = 10

const COUPON = { title: '老会员回访礼', kind: 'fixed', value: 1000, itemName: null, minSpendFen: 5000, validDays: 14 } as const
const COUPON_TEXTS = { title: '老会员回访礼', body: '送您一张10元代金券', tip: '到店出示会员码即可使用' }
const ACTIVITY_TEXTS = { title: '周末会员日', body: '本周六全场第二杯半价', tip: '点击查看活动详情' }

const tick = async (payload: { maxRecipients?: number } = {}): Promise<TickReport> => dataOf(await as(null).call('marketing', 'tick', payload))
const campaignDoc = (id: string) => cloud().db.find('campaigns', { _id: id })[0] as unknown as CampaignDoc
const results = async (id: string) => dataOf(await as(MARKETING).call('marketing', 'campaign', { id })).results
const deliveriesOf = (id: string) => cloud().db.find('deliveries', { campaignId: id }) as unknown as DeliveryDoc[]
const deliveryOf = (id: string, openid: string) => cloud().db.find('deliveries', { _id: `campaign:${id}:${openid}` })[0] as unknown as DeliveryDoc | undefined
const withStatus = (id: string, status: string) =>
  deliveriesOf(id)
    .filter((delivery) => delivery.status === status)
    .map((delivery) => delivery.openid)
    .sort()
/** Campaign messages in WeChat's outbox, each member's count: for one campaign, or for all of them. */
function messagesPerMember(id?: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const message of cloud().outbox.sent) {
    if (message.templateId !== COUPON_TEMPLATE && message.templateId !== ACTIVITY_TEMPLATE) continue
    if (id && !message.page?.includes(`campaign=${id}`)) continue
    counts.set(message.touser, (counts.get(message.touser) ?? 0) + 1)
  }
  return counts
}
const couponsOf = (id: string) => (cloud().db.find('coupons', {}) as unknown as CouponDoc[]).filter((coupon) => coupon._id.startsWith(`campaign:${id}:`))
const heldOutBy = (id: string, percent = 10) => MEMBERS.filter((openid) => isHeldOut(id, openid, percent))
const member = (openid: string) => cloud().db.find('members', { _id: openid })[0] as unknown as MemberDoc

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let index = 0; index < items.length; index += size) await Promise.all(items.slice(index, index + size).map(work))
}

/** A segment of the 试点 members, a campaign to it, started (sending from the next timer run). */
async function startedCampaign(options: { coupon?: boolean; cap?: { messages: number; days: number }; name?: string } = {}): Promise<string> {
  const { coupon = true, cap, name = '回访礼券' } = options
  const segment = dataOf(await as(MARKETING).call('marketing', 'saveSegment', { name: '试点会员', filter: { tags: ['试点'] } }))
  expect(segment.members).toBe(SIZE)
  const draft = dataOf(
    await as(MARKETING).call('marketing', 'createCampaign', {
      name,
      segmentId: segment.id,
      template: coupon ? 'campaignCoupon' : 'campaignActivity',
      texts: coupon ? COUPON_TEXTS : ACTIVITY_TEXTS,
      coupon: coupon ? COUPON : null,
      holdoutPercent: 10,
      ...(cap ? { cap } : {}),
    }),
  )
  expect(dataOf(await as(MARKETING).call('marketing', 'startCampaign', { id: draft.id })).status).toBe('sending')
  return draft.id
}

/** Timer runs until the campaign is done (each run reported), at most `limit` of them. */
async function ticksUntilDone(id: string, payload: { maxRecipients?: number } = {}, limit = 20): Promise<TickReport[]> {
  const reports: TickReport[] = []
  while (campaignDoc(id).status !== 'done') {
    if (reports.length >= limit) throw new Error(`campaign ${id} not done after ${limit} runs`)
    reports.push(await tick(payload))
  }
  return reports
}

/** What every finished coupon campaign must show: at most one message and one coupon each, none for the holdout or outsiders. */
function expectOncePerMember(id: string): void {
  const messages = messagesPerMember(id)
  expect([...messages.values()].every((count) => count === 1)).toBe(true)
  const heldOut = heldOutBy(id)
  for (const openid of [...heldOut, ...OUTSIDERS]) expect(messages.has(openid)).toBe(false)
  // One coupon, under its key, for every member not held out; no campaign coupon under any other key.
  const coupons = couponsOf(id)
  expect(coupons.map((each) => [each._id, each.openid]).sort()).toEqual(MEMBERS.filter((openid) => !heldOut.includes(openid)).map((openid) => [`campaign:${id}:${openid}`, openid]))
  expect(cloud().db.find('coupons', { source: 'campaign' })).toHaveLength(coupons.length)
  // One delivery per member of the segment, none for anyone else.
  expect(
    deliveriesOf(id)
      .map((delivery) => delivery.openid)
      .sort(),
  ).toEqual(MEMBERS)
  expect(withStatus(id, 'heldOut')).toEqual(heldOut)
}

/** The members as their consent reports left them, and what WeChat holds for each: put back before every test. */
let consented: MemberDoc[] = []
const ACCEPTED = [COUPON_TEMPLATE, ACTIVITY_TEMPLATE, COUPON_TEMPLATE, ACTIVITY_TEMPLATE]

beforeAll(async () => {
  cloud().setNow(NOW)
  for (const openid of MEMBERS) seedMember(cloud(), openid, { tags: ['试点'] })
  for (const openid of OUTSIDERS) seedMember(cloud(), openid)
  // Two acceptances of each campaign template: a second send would go through and be counted.
  await inBatches([...MEMBERS, ...OUTSIDERS], 8, (openid) => acceptConsent(cloud(), openid, ACCEPTED))
  consented = cloud().db.find('members', {}) as MemberDoc[]
  expect(consented.every((each) => each.messaging?.consent?.[COUPON_TEMPLATE] === 2 && each.messaging.consent[ACTIVITY_TEMPLATE] === 2)).toBe(true)
})

beforeEach(() => {
  cloud().db.clear()
  cloud().outbox.clear()
  cloud().setNow(NOW)
  cloud().reinvocations.length = 0
  seedStaff(cloud(), { [MARKETING]: 'marketing', [CASHIER]: 'cashier' })
  // Today's classification has run (it is not what these runs are about).
  cloud().db.insertMany('settings', [{ _id: 'rfm', ...DEFAULT_RFM_THRESHOLDS, computedAt: NOW, walk: { day: '2026-12-02', cursor: null, done: true } }])
  cloud().db.insertMany('members', consented)
  for (const each of consented) cloud().outbox.grant(each._id, ACCEPTED)
})
afterAll(() => cloud().setNow(null))

describe('a run that dies or is cut short, and the holdout', () => {
  it('killed mid-page: the next runs finish it, nobody is messaged or given the coupon twice, the sends in flight are recorded unknown', async () => {
    const id = await startedCampaign()
    const running = as(null).call('marketing', 'tick', {})
    await waitFor(() => deliveriesOf(id).length >= 60, 20_000)
    cloud().runner.kill('marketing')
    await expect(running).rejects.toMatchObject({ errCode: -504002 })
    // Writes already on the wire when the instance died still land; then nothing more does.
    const claimed = await settled(() => deliveriesOf(id).length)
    const sentBeforeRestart = await settled(() => cloud().outbox.sent.length)
    const trips = await settled(() => cloud().db.stats().roundTrips)
    // The killed instance is gone, not running on unseen: no request reaches the database or WeChat any more.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect([deliveriesOf(id).length, cloud().outbox.sent.length, cloud().db.stats().roundTrips]).toEqual([claimed, sentBeforeRestart, trips])
    expect(cloud().runner.instances('marketing')).toEqual([])
    expect(claimed).toBeLessThan(SIZE)
    const inFlight = withStatus(id, 'sending')
    expect(inFlight.length).toBeLessThanOrEqual(SENDERS)

    // At once, the dead run's lease keeps the next run away.
    expect((await tick()).campaigns).toEqual([{ id, recipients: 0, sent: 0, status: 'sending', waitingUntil: null }])
    expect(deliveriesOf(id)).toHaveLength(claimed)
    // Eleven minutes on the lease has lapsed and the claims in flight are stale: marked unknown, never sent again.
    cloud().setNow(new Date(NOW.getTime() + 11 * MINUTE))
    const reports = await ticksUntilDone(id)
    expect(reports[0].deliveriesResolved).toBe(inFlight.length)
    expect(withStatus(id, 'unknown')).toEqual(inFlight)

    expectOncePerMember(id)
    const messages = messagesPerMember(id)
    const heldOut = heldOutBy(id)
    for (const openid of MEMBERS) {
      if (heldOut.includes(openid)) continue
      // Messaged exactly once, or recorded unknown (an unknown one may or may not have reached WeChat).
      if (inFlight.includes(openid)) expect(messages.get(openid) ?? 0).toBeLessThanOrEqual(1)
      else expect([openid, deliveryOf(id, openid)?.status, messages.get(openid)]).toEqual([openid, 'sent', 1])
    }
    const figures = await results(id)
    expect(figures).toMatchObject({ targeted: SIZE, heldOut: heldOut.length, sent: SIZE - heldOut.length - inFlight.length, failed: inFlight.length, pending: 0 })
  })

  it('cut by maxRecipients run after run: everyone exactly once, the holdout the one the preview announced, and the figures add up', async () => {
    const id = await startedCampaign()
    const heldOut = heldOutBy(id)
    // About a tenth, by the FNV hash of campaign and member.
    expect(heldOut.length).toBeGreaterThanOrEqual(5)
    expect(heldOut.length).toBeLessThanOrEqual(50)
    expect(dataOf(await as(MARKETING).call('marketing', 'previewCampaign', { id }))).toMatchObject({ recipients: SIZE, heldOut: heldOut.length, willSend: SIZE - heldOut.length, estimated: false })

    const reports = await ticksUntilDone(id, { maxRecipients: 37 })
    // 250 members 37 at a time: seven runs, the last finding the walk's end with budget to spare.
    expect(reports.map((report) => [report.campaigns[0].recipients, report.campaigns[0].status, report.left])).toEqual([...Array.from({ length: 6 }, () => [37, 'sending', true]), [28, 'done', false]])
    // Each run cut short asked for the next at once.
    expect(cloud().reinvocations.filter((each) => each.fn === 'marketing' && (each.event as { action: string }).action === 'tick')).toHaveLength(1 + 6)
    expectOncePerMember(id)
    for (const openid of MEMBERS) if (!heldOut.includes(openid)) expect(messagesPerMember(id).get(openid)).toBe(1)
    expect(await results(id)).toMatchObject({ targeted: SIZE, sent: SIZE - heldOut.length, heldOut: heldOut.length, noConsent: 0, capped: 0, optedOut: 0, failed: 0, pending: 0 })
    // Each recipient used one consent of the coupon template and none of the other; the held out used none,
    // and are marked held out, so their purchases are the comparison.
    expect(member(MEMBERS.find((openid) => !heldOut.includes(openid))!).messaging?.consent).toEqual({ [COUPON_TEMPLATE]: 1, [ACTIVITY_TEMPLATE]: 2 })
    for (const openid of heldOut) {
      expect(member(openid).messaging?.consent).toEqual({ [COUPON_TEMPLATE]: 2, [ACTIVITY_TEMPLATE]: 2 })
      expect(member(openid).messaging?.touches).toEqual([expect.objectContaining({ campaign: id, held: true })])
    }
  })
})

describe('pause, resume and cancel', () => {
  it('a paused campaign sends nothing on later runs; resumed, it finishes where it stopped', async () => {
    const id = await startedCampaign()
    expect((await tick({ maxRecipients: 100 })).campaigns[0]).toMatchObject({ recipients: 100, status: 'sending' })
    const messagedBefore = cloud().outbox.sent.length
    expect(dataOf(await as(MARKETING).call('marketing', 'pauseCampaign', { id })).status).toBe('paused')
    for (let run = 0; run < 3; run++) expect((await tick()).campaigns).toEqual([])
    cloud().setNow(new Date(NOW.getTime() + 30 * MINUTE))
    expect((await tick()).campaigns).toEqual([])
    expect(cloud().outbox.sent).toHaveLength(messagedBefore)
    expect(deliveriesOf(id)).toHaveLength(100)
    expect(couponsOf(id).length).toBe(MEMBERS.slice(0, 100).filter((openid) => !isHeldOut(id, openid, 10)).length)

    expect(dataOf(await as(MARKETING).call('marketing', 'resumeCampaign', { id })).status).toBe('sending')
    const reports = await ticksUntilDone(id)
    expect(reports.map((report) => report.campaigns[0].recipients)).toEqual([150])
    expectOncePerMember(id)
    expect(await results(id)).toMatchObject({ targeted: SIZE, sent: SIZE - heldOutBy(id).length, failed: 0, pending: 0 })
  })

  it('paused while a run is sending: the run stops at the end of its page, and its figures and cursor stay', async () => {
    const id = await startedCampaign()
    const running = tick()
    await waitFor(() => deliveriesOf(id).length >= 10, 20_000)
    dataOf(await as(MARKETING).call('marketing', 'pauseCampaign', { id }))
    const report = await running
    const reached = deliveriesOf(id).length
    expect(report.campaigns[0]).toMatchObject({ status: 'paused', recipients: reached })
    // Pages are 100 members: the run finished the one it was in and took no other.
    expect([100, 200]).toContain(reached)
    // The pause did not put back the counters or the cursor the run moved meanwhile.
    const walked = MEMBERS.slice(0, reached)
    expect(await results(id)).toMatchObject({
      targeted: reached,
      heldOut: walked.filter((openid) => isHeldOut(id, openid, 10)).length,
      sent: walked.filter((openid) => !isHeldOut(id, openid, 10)).length,
    })
    expect(campaignDoc(id).cursor).toBe(walked[walked.length - 1])
    expect((await tick()).campaigns).toEqual([])
    expect(deliveriesOf(id)).toHaveLength(reached)
  })

  it('a cancelled campaign stops for good: no more sends, no more coupons, and it cannot be resumed', async () => {
    const id = await startedCampaign()
    await tick({ maxRecipients: 100 })
    const messaged = cloud().outbox.sent.length
    const coupons = couponsOf(id).length
    const cancelled = dataOf(await as(MARKETING).call('marketing', 'cancelCampaign', { id }))
    expect(cancelled).toMatchObject({ status: 'cancelled', finishedAt: expect.any(String) })
    expect(await as(MARKETING).call('marketing', 'resumeCampaign', { id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await as(MARKETING).call('marketing', 'startCampaign', { id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    cloud().setNow(new Date(NOW.getTime() + 2 * DAY))
    for (let run = 0; run < 2; run++) expect((await tick()).campaigns).toEqual([])
    expect(cloud().outbox.sent).toHaveLength(messaged)
    expect(couponsOf(id)).toHaveLength(coupons)
    expect(deliveriesOf(id)).toHaveLength(100)
    expect(campaignDoc(id).status).toBe('cancelled')
  })
})

describe('the frequency cap', () => {
  it('at 1 message in 7 days: a second campaign the same day reaches nobody the first reached (capped); a week later a third may', async () => {
    const cap = { messages: 1, days: 7 }
    const first = await startedCampaign({ cap, coupon: false, name: '第一次' })
    await ticksUntilDone(first)
    const reachedByFirst = withStatus(first, 'sent')
    expect(reachedByFirst).toHaveLength(SIZE - heldOutBy(first).length)

    cloud().setNow(beijing('2026-12-02 16:00'))
    const second = await startedCampaign({ cap, coupon: false, name: '第二次' })
    await ticksUntilDone(second)
    const reachedBySecond = withStatus(second, 'sent')
    expect(reachedBySecond.filter((openid) => reachedByFirst.includes(openid))).toEqual([])
    // The first campaign's recipients are capped unless the second holds them out; its holdout is free to hear of the second.
    expect(withStatus(second, 'capped')).toEqual(reachedByFirst.filter((openid) => !isHeldOut(second, openid, 10)))
    expect(reachedBySecond).toEqual(heldOutBy(first).filter((openid) => !isHeldOut(second, openid, 10)))
    expect([...messagesPerMember().values()].every((count) => count === 1)).toBe(true)
    expect(await results(second)).toMatchObject({ capped: withStatus(second, 'capped').length, sent: reachedBySecond.length, noConsent: 0 })

    // Seven days and two hours on, the first campaign's sends have left the window, the second's have not.
    cloud().setNow(beijing('2026-12-09 12:00'))
    const third = await startedCampaign({ cap, coupon: false, name: '第三次' })
    await ticksUntilDone(third)
    expect(withStatus(third, 'sent')).toEqual(MEMBERS.filter((openid) => !isHeldOut(third, openid, 10) && !reachedBySecond.includes(openid)))
    expect(withStatus(third, 'capped')).toEqual(reachedBySecond.filter((openid) => !isHeldOut(third, openid, 10)))
  })
})

describe('quiet hours', () => {
  it('at 22:00 a run sends nothing and waits until 09:00 the next day; at 09:05 it sends', async () => {
    cloud().setNow(beijing('2026-12-02 22:00'))
    const id = await startedCampaign()
    const morning = beijing('2026-12-03 09:00').toISOString()
    expect((await tick()).campaigns).toEqual([{ id, recipients: 0, sent: 0, status: 'sending', waitingUntil: morning }])
    expect(dataOf(await as(MARKETING).call('marketing', 'campaign', { id })).waitingUntil).toBe(morning)
    cloud().setNow(beijing('2026-12-03 08:55'))
    expect((await tick()).campaigns).toEqual([{ id, recipients: 0, sent: 0, status: 'sending', waitingUntil: morning }])
    expect(cloud().outbox.sent).toEqual([])
    expect(deliveriesOf(id)).toEqual([])
    expect(couponsOf(id)).toEqual([])

    cloud().setNow(beijing('2026-12-03 09:05'))
    const walked = MEMBERS.slice(0, 100)
    const sent = walked.filter((openid) => !isHeldOut(id, openid, 10))
    expect((await tick({ maxRecipients: 100 })).campaigns).toEqual([{ id, recipients: 100, sent: sent.length, status: 'sending', waitingUntil: null }])
    expect([...messagesPerMember(id).keys()].sort()).toEqual(sent)
    expect(dataOf(await as(MARKETING).call('marketing', 'campaign', { id })).waitingUntil).toBeNull()
  })
})

describe('conversion', () => {
  it('counts purchases within 7 days for the recipients or the holdout, and the lift between them per member', async () => {
    const id = await startedCampaign({ coupon: false, name: '会员日' })
    await ticksUntilDone(id)
    const heldOut = heldOutBy(id)
    const [first, second] = withStatus(id, 'sent')
    const [held] = heldOut
    const sale = async (openid: string, orderNo: string, amount: number) =>
      dataOf(await as(CASHIER).call('points', 'accrue', { memberCode: memberCodeOf(cloud(), openid), storeId: 'store-001', orderNo, amount }))

    cloud().setNow(beijing('2026-12-04 15:00'))
    await sale(first, 'CV001', 100)
    await sale(second, 'CV002', 50)
    await sale(held, 'CV003', 30)
    // Not in the segment: counted for no campaign.
    await sale(OUTSIDERS[0], 'CV004', 80)
    // Within the window on its last day, and just past it.
    cloud().setNow(new Date(NOW.getTime() + 7 * DAY - 5 * MINUTE))
    await sale(second, 'CV005', 20)
    cloud().setNow(new Date(NOW.getTime() + 7 * DAY + 5 * MINUTE))
    await sale(first, 'CV006', 60)
    await sale(held, 'CV007', 60)

    const figures = await results(id)
    const recipients = { members: SIZE - heldOut.length, purchases: 3, spendFen: 17_000 }
    const holdout = { members: heldOut.length, purchases: 1, spendFen: 3_000 }
    expect(figures.conversion).toEqual({
      recipients,
      holdout,
      lift: {
        purchasesPerMember: Math.round((recipients.purchases / recipients.members - holdout.purchases / holdout.members) * 10_000) / 10_000,
        spendPerMemberFen: Math.round(recipients.spendFen / recipients.members - holdout.spendFen / holdout.members),
      },
    })
  })
})
