import { startLocalCloud, type LocalCloud } from '../../local/cloud'
import { memberFixture } from '../../local/fixtures'
import type { EmulatedDatabase } from '../../emulator/database'
import type { Envelope } from '../../cloudfunctions/shared/contract/errors'
import type { TierId } from '../../cloudfunctions/shared/contract/enums'
import type { Campaign, Segment, SegmentCount, TickReport } from '../../cloudfunctions/shared/contract/marketing'
import { DEFAULT_RFM_THRESHOLDS, type RfmClass, type SegmentFilter } from '../../cloudfunctions/shared/contract/marketingFields'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import type { DeliveryDoc } from '../../cloudfunctions/shared/data/deliveries'
import { shopDate } from '../../cloudfunctions/shared/domain/calendar'
import type { CampaignDoc } from '../../cloudfunctions/shared/domain/campaign'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import { NEVER_PURCHASED } from '../../cloudfunctions/shared/domain/rfm'
import { compileSegment, matches } from '../../cloudfunctions/shared/domain/segments'
import { round } from '../jobChunks'
import type { BenchSection, Row } from '../types'
import { reported } from '../verdict'

/** Members in the store the live counts run over. */
const MEMBERS = Number(process.env.BENCH_CAMPAIGN_MEMBERS ?? 100_000)
/**
 * Members of the campaign's own store (its segment matches every one of them). Not 100,000: each
 * recipient is four emulator round trips in a row (claim, reservation, send, outcome), and on this
 * shared 2-core VM the emulator manages ≈ 40–130 sends a second (more senders do not help: the
 * round trips wait, the cores do not), so 100,000 would take 13–40 min; 40,000 takes 5–15.
 */
const CAMPAIGN_MEMBERS = Number(process.env.BENCH_CAMPAIGN_RECIPIENTS ?? 100_000)
/** The smaller second run, with a coupon (each recipient's coupon is its own transaction), in a cloud of its own. */
const COUPON_MEMBERS = Number(process.env.BENCH_CAMPAIGN_COUPON_MEMBERS ?? 1_000)
/** The share of the campaign's sends after which the marketing instance is killed mid-run. */
const CRASH_AT = 0.4
const COUNT_GOAL_MS = 2_000
const TIMEOUT_S = 60
/** The campaign's lease is 70 s, a stale claim is marked unknown after 10 min: the resumed run comes after both. */
const RESUME_AFTER_MS = 11 * 60_000
const MAX_TICKS = 200
/** After the kill, requests the dead instance had already sent still reach the emulator: let them land before the next tick. */
const DRAIN_MS = 1_000

/** 14:00 in Beijing: inside sending hours (09:00–21:00), after the daily RFM walk and the 10:00 coupon reminders. */
const NOW = new Date('2026-12-10T14:00:00+08:00')
const DAY = 24 * 3600_000
const MARKETER = 'bench-cp-marketer'
const TEMPLATE = SUBSCRIBE_TEMPLATES.campaignActivity
const COUPON_TEMPLATE = SUBSCRIBE_TEMPLATES.campaignCoupon

const data = <T>(envelope: unknown, what: string): T => {
  const answer = envelope as Envelope<T>
  if (!answer.ok) throw new Error(`${what}: ${answer.error.code} ${answer.error.message}`)
  return answer.data
}

/** A fixed sequence, so two runs build the same members. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296
    return state / 4294967296
  }
}

function pick<T>(mix: ReadonlyArray<readonly [T, number]>, random: () => number): T {
  let at = random() * 100
  for (const [value, weight] of mix) {
    at -= weight
    if (at < 0) return value
  }
  return mix[mix.length - 1][0]
}

const RFM_MIX: ReadonlyArray<readonly [RfmClass, number]> = [
  ['new', 10],
  ['active', 25],
  ['regular', 35],
  ['atRisk', 10],
  ['dormant', 20],
]
const TIER_MIX: ReadonlyArray<readonly [TierId, number]> = [
  ['regular', 50],
  ['silver', 30],
  ['gold', 15],
  ['diamond', 5],
]
const STORES = ['store-001', 'store-002', 'store-003', 'store-004', 'store-005']
const TAGS: string[][] = [['VIP'], ['咖啡'], ['亲子'], ['VIP', '咖啡']]
/** Month-days of a leap year, so every birthday (29 February too) occurs. */
const MONTH_DAYS = Array.from({ length: 366 }, (_, day) => new Date(Date.UTC(2000, 0, 1 + day)).toISOString().slice(5, 10))

const openidOf = (prefix: string, index: number) => `${prefix}${index.toString(36).padStart(8, '0')}`

/**
 * Members as the daily classification leaves them: an RFM class (10/25/35/10/20 %), the purchase
 * figures that class implies, a tier, a birthday, a store, a few tags, and one counted consent for
 * the campaign template (`templateId`).
 */
function membersOf(prefix: string, count: number, templateId: string, seed: number): MemberDoc[] {
  const random = seeded(seed)
  const ago = (minDays: number, maxDays: number) => new Date(NOW.getTime() - (minDays + random() * (maxDays - minDays)) * DAY)
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const members: MemberDoc[] = []
  for (let index = 0; index < count; index++) {
    const rfm = pick(RFM_MIX, random)
    const joinedAt = rfm === 'new' ? ago(0, 30) : ago(120, 1500)
    let lastPurchaseAt: Date
    let purchases12m: number
    if (rfm === 'new') {
      const bought = random() < 0.6
      lastPurchaseAt = bought ? new Date(joinedAt.getTime() + random() * (NOW.getTime() - joinedAt.getTime())) : NEVER_PURCHASED
      purchases12m = bought ? between(1, 2) : 0
    } else if (rfm === 'active') {
      lastPurchaseAt = ago(0, 30)
      purchases12m = between(4, 30)
    } else if (rfm === 'regular') {
      lastPurchaseAt = ago(0, 45)
      purchases12m = between(1, 6)
    } else if (rfm === 'atRisk') {
      lastPurchaseAt = ago(45, 90)
      purchases12m = between(1, 5)
    } else {
      lastPurchaseAt = ago(90, 900)
      purchases12m = NOW.getTime() - lastPurchaseAt.getTime() < 365 * DAY ? between(1, 3) : 0
    }
    const spend12mFen = purchases12m * between(2_000, 25_000)
    const monthDay = MONTH_DAYS[Math.floor(random() * MONTH_DAYS.length)]
    const year = 1965 + Math.floor(random() * 40)
    const tags = random() < 0.3 ? TAGS[Math.floor(random() * TAGS.length)] : []
    members.push(
      memberFixture(openidOf(prefix, index), joinedAt, {
        cardNo: `8${String(index).padStart(9, '0')}`,
        profile: { name: `会员${index}`, gender: 'unknown', birthday: `${monthDay === '02-29' ? 1988 : year}-${monthDay}`, birthdayMD: monthDay, avatarFileId: null, phone: null },
        tier: rfm === 'new' ? 'regular' : pick(TIER_MIX, random),
        source: { store: STORES[Math.floor(random() * STORES.length)], referrer: null, scene: null },
        tags: [...tags],
        lastActiveAt: lastPurchaseAt.getTime() > joinedAt.getTime() ? lastPurchaseAt : joinedAt,
        lastPurchaseAt,
        rfm,
        rfmAt: new Date(NOW.getTime() - 13 * 3600_000),
        seg: { spend12mFen, purchases12m },
        messaging: { consent: { [templateId]: 1 } },
      }),
    )
  }
  return members
}

/** The marketer, and today's RFM walk already done (the 01:00 timer run), so the ticks only send. */
function seedCommon(db: EmulatedDatabase): void {
  db.insertMany('staff', [{ _id: MARKETER, name: '营销小王', role: 'marketing', updatedAt: NOW, updatedBy: null }])
  db.insertMany('settings', [{ _id: 'rfm', ...DEFAULT_RFM_THRESHOLDS, computedAt: new Date(NOW.getTime() - 13 * 3600_000), walk: { day: shopDate(NOW), cursor: null, done: true } }])
}

function seedMembers(db: EmulatedDatabase, members: MemberDoc[]): void {
  const SLICE = 10_000
  for (let from = 0; from < members.length; from += SLICE) db.insertMany('members', members.slice(from, from + SLICE))
}

/**
 * Documents examined per kind of request (`members.getDocument`, `deliveries.modifyDocument`…): the
 * emulator does a request's whole planning and counting synchronously when `handle` is called, so
 * the difference taken around that call belongs to that request alone, however many are in flight.
 */
function examinedByKind(db: EmulatedDatabase): { byKind: Record<string, number>; restore: () => void } {
  const byKind: Record<string, number> = {}
  const original = db.handle
  db.handle = function (this: EmulatedDatabase, body, caller) {
    const before = db.stats().examined
    const answer = original.call(this, body, caller)
    const delta = db.stats().examined - before
    if (delta) {
      const key = `${String(body.collectionName)}.${String(body.action).replace(/^database\./, '')}`
      byKind[key] = (byKind[key] ?? 0) + delta
    }
    return answer
  }
  return { byKind, restore: () => void (db.handle = original) }
}

/** Successful sends of one template, per recipient, however many the outbox still keeps (it keeps the last 1,000). */
function sendsPerMember(cloud: LocalCloud, templateId: string, onSend?: (total: number) => void): { perMember: Map<string, number>; total: () => number; restore: () => void } {
  const perMember = new Map<string, number>()
  let total = 0
  const outbox = cloud.outbox
  const original = outbox.send
  outbox.send = function (this: typeof outbox, message) {
    const answer = original.call(this, message)
    if (answer.errCode === 0 && message.templateId === templateId) {
      perMember.set(message.touser, (perMember.get(message.touser) ?? 0) + 1)
      total++
      onSend?.(total)
    }
    return answer
  }
  return { perMember, total: () => total, restore: () => void (outbox.send = original) }
}

const marketer = (cloud: LocalCloud, action: string, payload: object) => cloud.call('marketing', { action, payload }, { openid: MARKETER })

/** The live count over 100,000 members, as the segment editor asks it: time, documents examined, members counted. */
async function liveCounts(cloud: LocalCloud, members: MemberDoc[]) {
  const filters: Array<{ label: string; filter: SegmentFilter }> = [
    { label: '{ rfm: [dormant] }', filter: { rfm: ['dormant'] } },
    { label: '{ rfm: [atRisk], spendMinFen: 10000 }', filter: { rfm: ['atRisk'], spendMinFen: 10_000 } },
    { label: '{ tiers: [gold], birthdayMonth: 3 }', filter: { tiers: ['gold'], birthdayMonth: 3 } },
  ]
  // Warm the instance: cold start and the marketer's role, as for every other timed call.
  data<SegmentCount>(await marketer(cloud, 'countSegment', { filter: { rfm: ['new'] } }), 'countSegment')
  const counted: Array<{ label: string; filter: SegmentFilter; ms: number; examined: number; members: number; expected: number }> = []
  for (const { label, filter } of filters) {
    const conditions = compileSegment(filter, NOW)
    const expected = members.filter((member) => matches(member as unknown as Record<string, unknown>, conditions)).length
    const examinedBefore = cloud.db.stats().examined
    const started = process.hrtime.bigint()
    const answer = data<SegmentCount>(await marketer(cloud, 'countSegment', { filter }), 'countSegment')
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    counted.push({ label, filter, ms, examined: cloud.db.stats().examined - examinedBefore, members: answer.members, expected })
  }
  const rows: Row[] = counted.map((count) => ({
    figure: `campaigns: live segment count ${count.label} over ${MEMBERS.toLocaleString('en')} members, ms (docs examined / members counted)`,
    value: `${Math.round(count.ms)} ms (${count.examined.toLocaleString('en')} / ${count.members.toLocaleString('en')})`,
    goal: `< ${COUNT_GOAL_MS / 1000} s, indexed`,
    // Indexed: the count looks at one index range, never the whole collection; and it counts right.
    met: count.ms < COUNT_GOAL_MS && count.examined < MEMBERS && count.members === count.expected,
  }))
  return {
    rows,
    results: {
      members: MEMBERS,
      counts: counted,
      note: 'each count is one calculateDocument over the index the planner picks (rfm_id, or whichever of tier_id and birthdayMD holds fewer documents for the gold/March filter); examined is the index range the emulator says a database reads; ms is one warm marketing.countSegment call, round trip included',
    },
  }
}

interface TickFigure {
  seconds: number
  /** Campaign sends the outbox took during the tick (for the killed one: until its in-flight requests had landed). */
  sends: number
  /** Recipients the tick's own report says it handled (none for the killed one: it never answered). */
  recipients: number
  examined: number
  status: string | null
  crashed: boolean
  note?: string
}

/** Drives `marketing.tick` server-side until the campaign is done; the instance is killed once, mid-run (see campaignRun). */
async function driveCampaign(cloud: LocalCloud, campaignId: string, sends: () => number, crash: { fired: boolean }) {
  const ticks: TickFigure[] = []
  let leaseTick: TickFigure | null = null
  const tick = async (): Promise<TickFigure & { sendsBefore: number }> => {
    const examinedBefore = cloud.db.stats().examined
    const sendsBefore = sends()
    const started = process.hrtime.bigint()
    let report: TickReport | null = null
    let crashed = false
    try {
      report = data<TickReport>(await cloud.call('marketing', { action: 'tick', payload: {} }, { openid: null }), 'tick')
    } catch (error) {
      if (!crash.fired || ticks.some((each) => each.crashed)) throw error
      crashed = true
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const mine = report?.campaigns.find((each) => each.id === campaignId)
    return { seconds, sendsBefore, sends: sends() - sendsBefore, recipients: mine?.recipients ?? 0, examined: cloud.db.stats().examined - examinedBefore, status: mine?.status ?? null, crashed }
  }
  const kept = ({ sendsBefore: _, ...figure }: TickFigure & { sendsBefore: number }): TickFigure => figure
  for (let run = 0; run < MAX_TICKS; run++) {
    const [campaign] = cloud.db.find('campaigns', { _id: campaignId }) as CampaignDoc[]
    if (campaign.status === 'done') break
    const figure = await tick()
    if (!figure.crashed) {
      ticks.push(kept(figure))
      continue
    }
    // What the dead instance had already asked for lands now; it belongs to the killed run, not to the next.
    await new Promise((resolve) => setTimeout(resolve, DRAIN_MS))
    ticks.push(kept({ ...figure, sends: sends() - figure.sendsBefore, note: 'killed mid-run' }))
    // At once, inside the dead run's lease: the campaign is left alone.
    leaseTick = { ...kept(await tick()), note: 'inside the lease' }
    ticks.push(leaseTick)
    // Past the lease (70 s) and past the stale-claim age (10 min), still in sending hours.
    cloud.setNow(new Date(cloud.now().getTime() + RESUME_AFTER_MS))
  }
  const [campaign] = cloud.db.find('campaigns', { _id: campaignId }) as CampaignDoc[]
  return { ticks, leaseTick, campaign }
}

/** The campaign to every member, built through the real actions and sent by the timer, killed once and resumed. */
async function campaignRun(cloud: LocalCloud, members: MemberDoc[]) {
  const segment = data<Segment>(await marketer(cloud, 'saveSegment', { name: '全部会员', filter: {} }), 'saveSegment')
  for (const member of members) cloud.outbox.grant(member._id, [TEMPLATE])
  const created = data<Campaign>(
    await marketer(cloud, 'createCampaign', {
      name: '冬季会员日',
      segmentId: segment.id,
      template: 'campaignActivity',
      texts: { title: '冬季会员日', body: '会员专享双倍积分', tip: '点击查看活动详情' },
      holdoutPercent: 10,
    }),
    'createCampaign',
  )
  const started = data<Campaign>(await marketer(cloud, 'startCampaign', { id: created.id }), 'startCampaign')
  if (started.status !== 'sending') throw new Error(`startCampaign: ${started.status}`)

  const crash = { armed: true, fired: false }
  const expectedSends = Math.round(segment.members * 0.9)
  const counter = sendsPerMember(cloud, TEMPLATE, (total) => {
    if (!crash.armed || total < CRASH_AT * expectedSends) return
    crash.armed = false
    crash.fired = true
    // Every marketing instance dies mid-run (a timeout's stand-in): its sends in flight never record their answer.
    setImmediate(() => cloud.runner.kill('marketing'))
  })
  const attribution = examinedByKind(cloud.db)
  let drive: Awaited<ReturnType<typeof driveCampaign>>
  let rerun: TickReport
  let rerunSends: number
  try {
    drive = await driveCampaign(cloud, created.id, counter.total, crash)
    const sendsBefore = counter.total()
    rerun = data<TickReport>(await cloud.call('marketing', { action: 'tick', payload: {} }, { openid: null }), 'tick')
    rerunSends = counter.total() - sendsBefore
  } finally {
    attribution.restore()
    counter.restore()
  }
  const { ticks, leaseTick, campaign } = drive
  const deliveries = cloud.db.find('deliveries', { campaignId: created.id }) as DeliveryDoc[]
  const byStatus: Record<string, number> = {}
  for (const delivery of deliveries) byStatus[delivery.status] = (byStatus[delivery.status] ?? 0) + 1
  const deliveredTo = new Set(deliveries.map((delivery) => delivery.openid))
  const unknown = deliveries.filter((delivery) => delivery.status === 'unknown')
  const unknownReached = unknown.filter((delivery) => counter.perMember.has(delivery.openid)).length
  const duplicates = [...counter.perMember.values()].filter((count) => count > 1).length
  const outboxSends = counter.total()
  const sentDeliveries = byStatus.sent ?? 0

  const recipients = segment.members
  const { byKind } = attribution
  const examined = Object.values(byKind).reduce((sum, n) => sum + n, 0)
  // Each member's own conditional writes by `_id` (the emulator counts the document a write looks at as
  // examined): the reservation on the member (or the holdout's touch) and the delivery's outcome.
  // The delivery's claim is an insert, which examines nothing.
  const memberWrites = (byKind['members.modifyDocument'] ?? 0) + (byKind['deliveries.modifyDocument'] ?? 0)
  // At the walk's end the campaign's deliveries are counted per status (recountIfShort): counts on
  // campaignId_status, each examining its status's deliveries as the emulator counts a range.
  const recount = byKind['deliveries.calculateDocument'] ?? 0
  const walk = examined - memberWrites - recount
  const wall = ticks.reduce((sum, each) => sum + each.seconds, 0)
  const maxChunk = Math.max(...ticks.map((each) => each.seconds))
  const crashedTick = ticks.find((each) => each.crashed)
  const sendsPerSecond = outboxSends / Math.max(wall, 1e-9)
  // What 100,000 would take at the rate measured here (the size; see CAMPAIGN_MEMBERS).
  const fullMinutes = (0.9 * MEMBERS) / Math.max(sendsPerSecond, 1e-9) / 60
  const label =
    recipients >= MEMBERS
      ? `${recipients.toLocaleString('en')} members`
      : `${recipients.toLocaleString('en')} members (not ${MEMBERS.toLocaleString('en')}: ≈ ${Math.round(fullMinutes)} min at this rate)`
  const rows: Row[] = [
    {
      figure: `campaigns: campaign to ${label} (segment {} = all, 活动通知, no coupon): recipients, each with one delivery`,
      value: `${deliveries.length.toLocaleString('en')} (${(campaign.counters.sent ?? 0).toLocaleString('en')} sent, ${(campaign.counters.heldOut ?? 0).toLocaleString('en')} held out)`,
      goal: `= ${recipients.toLocaleString('en')}`,
      met: campaign.status === 'done' && deliveries.length === recipients && deliveredTo.size === recipients && recipients === members.length,
    },
    reported('campaigns:   held out (10 % asked)', `${round((100 * (campaign.counters.heldOut ?? 0)) / Math.max(1, recipients), 2)} %`),
    {
      figure: 'campaigns:   docs examined per recipient, the walk (member pages, campaign and timer reads and writes)',
      value: `${round(walk / Math.max(1, recipients))} (${walk.toLocaleString('en')})`,
      goal: '≤ 1.2',
      met: walk / Math.max(1, recipients) <= 1.2,
    },
    reported(
      'campaigns:   docs examined per recipient, the recount after the crash (the deliveries counted per status, once, at the walk’s end)',
      `${round(recount / Math.max(1, recipients))} (${recount.toLocaleString('en')})`,
    ),
    reported(
      'campaigns:   docs examined per recipient, each member’s conditional writes (reservation or holdout touch; delivery outcome)',
      `${round(memberWrites / Math.max(1, recipients))} (${memberWrites.toLocaleString('en')})`,
    ),
    reported('campaigns:   docs examined per recipient, total (walk + recount + member writes)', `${round(examined / Math.max(1, recipients))} (${examined.toLocaleString('en')})`),
    reported(
      'campaigns:   sends per second through the emulator (outbox sends / wall time of the ticks)',
      `${Math.round(sendsPerSecond)} (${outboxSends.toLocaleString('en')} in ${round(wall, 1)} s)`,
    ),
    reported(`campaigns:   chunks (timer runs, 45 s budget; one killed mid-run, one inside its lease)`, String(ticks.length)),
    { figure: 'campaigns:   max chunk seconds', value: String(round(maxChunk, 2)), goal: `< ${TIMEOUT_S}`, met: maxChunk < TIMEOUT_S },
    {
      figure: 'campaigns:   duplicates after a forced crash and resume (members with two campaign messages)',
      value: String(duplicates),
      goal: '0',
      met: duplicates === 0 && crashedTick !== undefined && outboxSends === sentDeliveries + unknownReached,
    },
    reported('campaigns:   deliveries left unknown by the crash (in doubt, never resent)', `${unknown.length} (${unknownReached} of them reached the outbox)`),
    {
      figure: 'campaigns:   a tick inside the killed run’s lease sends',
      value: leaseTick ? `${leaseTick.sends} (${leaseTick.recipients} recipients)` : 'no crash',
      goal: '0',
      met: leaseTick !== null && leaseTick.sends === 0 && leaseTick.recipients === 0,
    },
    { figure: 'campaigns:   a tick after the campaign is done sends', value: String(rerunSends), goal: '0', met: rerunSends === 0 },
  ]
  const overHardLimit = maxChunk >= TIMEOUT_S ? `a campaign chunk took ${round(maxChunk, 1)} s, over the ${TIMEOUT_S} s timeout` : undefined
  return {
    rows,
    overHardLimit,
    results: {
      recipients,
      segment: { filter: segment.filter, members: segment.members },
      campaign: { id: campaign._id, status: campaign.status, counters: campaign.counters },
      deliveries: byStatus,
      outboxSends,
      sentDeliveries,
      unknown: unknown.length,
      unknownReachedOutbox: unknownReached,
      duplicates,
      examined,
      walkExamined: walk,
      memberWritesExamined: memberWrites,
      recountExamined: recount,
      examinedByKind: byKind,
      wallSeconds: wall,
      sendsPerSecond,
      fullSizeMinutesAtThisRate: fullMinutes,
      maxChunkSeconds: maxChunk,
      ticks,
      rerun: { sends: rerunSends, report: rerun },
      note:
        'segment {} compiles to removedAt: null alone: the walk reads the _id index from the cursor, and every member it looks at is a recipient (the five RFM classes listed instead add an $in every member passes, to the same walk). ' +
        'examined as the emulator counts it: reads, and the one document each conditional write by _id looks at; inserts (each delivery’s claim) examine none. ' +
        'walk = members.getDocument (100 a page, the killed page read again) + campaign document reads and writes (active, byId, lease, advance: a few per page) + the timer’s retry and stale-claim reads and its settings reads; ' +
        'recount = deliveries.calculateDocument: at the walk’s end recountIfShort counts the campaign’s deliveries in each of 9 statuses on campaignId_status, which the emulator counts as every delivery examined once (a database would count index keys, not documents); ' +
        'member writes = members.modifyDocument (reserveCampaignSend, 1 per send; recordTouch, 1 per held-out member) + deliveries.modifyDocument (the outcome, 1 per send; markUnknown after the crash). ' +
        `the crash: every marketing instance killed once ${Math.round(CRASH_AT * 100)} % of the sends in; a tick at once finds the lease held; the clock then moves ${RESUME_AFTER_MS / 60_000} min on (past the 70 s lease and the 10 min stale-claim age), the next tick marks the claims whose answer was lost unknown and the walk resumes from the cursor, its repeated page finding every claim taken. ` +
        'duplicates are counted on every successful outbox send, not on the outbox’s last 1,000',
    },
  }
}

/** The smaller run with a coupon (代金券 ¥10, 优惠到账通知), each recipient's coupon keyed to them in its own transaction. */
async function couponRun(functionsDir: string) {
  const members = membersOf('oCPNC', COUPON_MEMBERS, COUPON_TEMPLATE, 7)
  const cloud = await startLocalCloud({
    functionsDir,
    maxInstances: 1,
    timeoutScale: 1,
    seed: (db) => {
      seedCommon(db)
      seedMembers(db, members)
    },
  })
  cloud.setNow(NOW)
  try {
    for (const member of members) cloud.outbox.grant(member._id, [COUPON_TEMPLATE])
    const segment = data<Segment>(await marketer(cloud, 'saveSegment', { name: '全部会员', filter: {} }), 'saveSegment')
    const created = data<Campaign>(
      await marketer(cloud, 'createCampaign', {
        name: '冬季满减券',
        segmentId: segment.id,
        template: 'campaignCoupon',
        texts: { title: '冬季满减券', body: '会员专享', tip: '到店消费即可使用' },
        coupon: { title: '冬季满减券', kind: 'fixed', value: 1000, itemName: null, minSpendFen: 5000, validDays: 30 },
        holdoutPercent: 10,
      }),
      'createCampaign',
    )
    data<Campaign>(await marketer(cloud, 'startCampaign', { id: created.id }), 'startCampaign')
    const counter = sendsPerMember(cloud, COUPON_TEMPLATE)
    const ticks: Array<{ seconds: number; sends: number }> = []
    try {
      for (let run = 0; run < MAX_TICKS; run++) {
        const [campaign] = cloud.db.find('campaigns', { _id: created.id }) as CampaignDoc[]
        if (campaign.status === 'done') break
        const before = counter.total()
        const startedAt = process.hrtime.bigint()
        data<TickReport>(await cloud.call('marketing', { action: 'tick', payload: {} }, { openid: null }), 'tick')
        ticks.push({ seconds: Number(process.hrtime.bigint() - startedAt) / 1e9, sends: counter.total() - before })
      }
    } finally {
      counter.restore()
    }
    const [campaign] = cloud.db.find('campaigns', { _id: created.id }) as CampaignDoc[]
    const coupons = cloud.db.find('coupons', { source: 'campaign' }).length
    const wall = ticks.reduce((sum, each) => sum + each.seconds, 0)
    const maxChunk = Math.max(...ticks.map((each) => each.seconds))
    const duplicates = [...counter.perMember.values()].filter((count) => count > 1).length
    const rows: Row[] = [
      {
        figure: `campaigns: a smaller campaign with a coupon (${COUPON_MEMBERS.toLocaleString('en')} members, 优惠到账通知 + ¥10 代金券): coupons issued, one per non-held-out member`,
        value: `${coupons.toLocaleString('en')} (${campaign.counters.sent} sent, ${campaign.counters.heldOut} held out)`,
        goal: `= ${(COUPON_MEMBERS - campaign.counters.heldOut).toLocaleString('en')}`,
        met: campaign.status === 'done' && coupons === COUPON_MEMBERS - campaign.counters.heldOut && duplicates === 0,
      },
      reported(
        'campaigns:   with a coupon, sends per second (outbox sends / wall time of the ticks)',
        `${Math.round(counter.total() / Math.max(wall, 1e-9))} (${counter.total()} in ${round(wall, 1)} s, ${ticks.length} chunks, max ${round(maxChunk, 2)} s)`,
      ),
    ]
    return {
      rows,
      overHardLimit: maxChunk >= TIMEOUT_S ? `a coupon campaign chunk took ${round(maxChunk, 1)} s, over the ${TIMEOUT_S} s timeout` : undefined,
      results: { members: COUPON_MEMBERS, counters: campaign.counters, coupons, outboxSends: counter.total(), duplicates, wallSeconds: wall, maxChunkSeconds: maxChunk, ticks },
    }
  } finally {
    await cloud.close()
  }
}

/** Segments and campaigns: live counts over 100,000 members on the indexes, and a campaign through a crash in a store of its own. */
export const campaigns: BenchSection = {
  name: 'campaigns',
  async run({ functionsDir }) {
    const members = membersOf('oCAMP', MEMBERS, TEMPLATE, 100_000)
    const mix = Object.fromEntries(RFM_MIX.map(([rfm]) => [rfm, members.filter((member) => member.rfm === rfm).length]))
    let seedStarted = Date.now()
    const countCloud = await startLocalCloud({
      functionsDir,
      maxInstances: 1,
      seed: (db) => {
        seedCommon(db)
        seedMembers(db, members)
      },
    })
    const seedSeconds = (Date.now() - seedStarted) / 1000
    countCloud.setNow(NOW)
    let counts: Awaited<ReturnType<typeof liveCounts>>
    try {
      counts = await liveCounts(countCloud, members)
    } finally {
      await countCloud.close()
    }

    const recipients = members.length === CAMPAIGN_MEMBERS ? members : membersOf('oCAMP', CAMPAIGN_MEMBERS, TEMPLATE, 100_000)
    seedStarted = Date.now()
    // timeoutScale 1: a timer run over the function's 60 s is killed, as in WeChat cloud.
    const campaignCloud = await startLocalCloud({
      functionsDir,
      maxInstances: 1,
      timeoutScale: 1,
      seed: (db) => {
        seedCommon(db)
        seedMembers(db, recipients)
      },
    })
    const campaignSeedSeconds = (Date.now() - seedStarted) / 1000
    campaignCloud.setNow(NOW)
    let run: Awaited<ReturnType<typeof campaignRun>>
    try {
      run = await campaignRun(campaignCloud, recipients)
    } finally {
      await campaignCloud.close()
    }
    const coupon = COUPON_MEMBERS > 0 ? await couponRun(functionsDir) : null
    return {
      rows: [...counts.rows, ...run.rows, ...(coupon?.rows ?? [])],
      overHardLimit: run.overHardLimit ?? coupon?.overHardLimit,
      results: {
        measuredAt: new Date().toISOString(),
        members: MEMBERS,
        rfmMix: mix,
        seedSeconds,
        campaignMembers: CAMPAIGN_MEMBERS,
        campaignSeedSeconds,
        counts: counts.results,
        campaign: run.results,
        coupon: coupon?.results ?? null,
      },
    }
  },
}
