/**
 * The daily statistics through the emulator, on a shop built by the real till (accruals and refunds
 * through `points`, so every row carries what the till records) plus documents for what other
 * features would have written (signups, a closed ticket, campaign sends, a birthday row, an expiry):
 * each figure of a fixture day equals what is computed here directly from the documents; re-running
 * a day replaces it; a run cut off after a few rows and resumed gives the same figures; a backfill
 * over the range equals the days computed one by one; the morning's classification gives the day
 * its snapshot, whose RFM counts are the members' classes; the 数据 pages read the documents, refuse
 * long ranges and the till and service staff, and show no full phone number.
 */
import type { DayFlows } from '../../cloudfunctions/shared/contract/statsFields'
import { UNCATEGORISED } from '../../cloudfunctions/shared/contract/statsFields'
import { shopDate, shopDayEnd, shopDayStart } from '../../cloudfunctions/shared/domain/calendar'
import type { LedgerRow } from '../../cloudfunctions/shared/domain/ledger'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import type { StoredDay } from '../../cloudfunctions/shared/domain/stats'
import { compileSegment, matches } from '../../cloudfunctions/shared/domain/segments'
import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, seedMember, seedStaff } from '../support/members'

const { cloud, as } = useLocalCloud({ maxInstances: 4 })

const DAY = 24 * 60 * 60 * 1000
/** The fixture's days: 1–30 November 2026 (Beijing); the checks look at 18 November. */
const FIRST = new Date('2026-11-01T00:00:00+08:00')
const DAYS = 30
const FIXTURE_DAY = '2026-11-18'
const NOW = new Date('2026-12-01T09:00:00+08:00')
const STAFF = { 'st-owner': 'owner', 'st-admin': 'admin', 'st-marketing': 'marketing', 'st-cashier': 'cashier', 'st-service': 'service' } as const
const CASHIER = 'st-cashier'
const OWNER = 'st-owner'
const STORES = ['store-001', 'store-002']
const MEMBERS = 16

const atDay = (day: number, hour: number, minute = 0) => new Date(FIRST.getTime() + day * DAY + hour * 3_600_000 + minute * 60_000)
const stats = () => cloud().db.find('stats_daily', {}) as unknown as StoredDay[]
const docOf = (day: string, store: string) => stats().find((doc) => doc.day === day && doc.store === store)
const withoutTimes = (docs: StoredDay[]) => docs.map(({ computedAt: _computedAt, ...doc }) => doc).sort((a, b) => a._id.localeCompare(b._id))
const errorOf = (envelope: unknown) => (envelope as { ok: false; error: { code: string; fields?: unknown[] } }).error
const daily = async (payload: Record<string, unknown> = {}) => dataOf(await as(null).call('stats', 'daily', payload))

let orderSequence = 0
async function buy(openid: string, at: Date, amount: number, store: string, items?: Array<{ name: string; category: string; quantity: number; amount: number }>) {
  cloud().setNow(at)
  const orderNo = `S${String(++orderSequence).padStart(5, '0')}`
  dataOf(await as(CASHIER).call('points', 'accrue', { memberCode: memberCodeOf(cloud(), openid), storeId: store, orderNo, amount, ...(items ? { items } : {}) }))
  return orderNo
}

/** On the fixture day: a refund, a removed member, signups, a check-in, a ticket opened and one closed with a rating, campaign sends, a birthday gift and an expiry. */
async function fixtureDayExtras() {
  const fixtureStart = shopDayStart(FIXTURE_DAY)
  const at = (hour: number) => new Date(fixtureStart.getTime() + hour * 3_600_000)
  const refunded = await buy('st-m-2', at(11), 60, STORES[1])
  cloud().setNow(at(12))
  dataOf(await as(CASHIER).call('points', 'refund', { storeId: STORES[1], orderNo: refunded, refundId: 'R0001', amount: 25 }))
  // st-m-7 leaves that day: the shop removes them (their document as removeMember leaves it).
  const [leaving] = cloud().db.find('members', { _id: 'st-m-7' }) as MemberDoc[]
  cloud().db.removeMany('members', { _id: 'st-m-7' })
  cloud().db.insertMany('members', [{ ...leaving, removedAt: at(13) }])
  cloud().db.insertMany('signups', [
    { _id: 'act-1:st-m-3', activityId: 'act-1', openid: 'st-m-3', status: 'confirmed', signedUpAt: at(9), checkedInAt: at(16), checkedInStore: STORES[0] },
    { _id: 'act-1:st-m-4', activityId: 'act-1', openid: 'st-m-4', status: 'confirmed', signedUpAt: at(10), checkedInAt: null },
    { _id: 'act-1:st-m-5', activityId: 'act-1', openid: 'st-m-5', status: 'confirmed', signedUpAt: new Date(fixtureStart.getTime() - DAY), checkedInAt: at(16) },
  ])
  cloud().db.insertMany('tickets', [
    { _id: 'T20261118-0001', openid: 'st-m-1', category: 'service', status: 'new', createdAt: at(10), closedAt: null, breachedFirstResponse: false, breachedResolution: false, resolutions: [] },
    {
      _id: 'T20261110-0002',
      openid: 'st-m-1',
      category: 'product',
      status: 'closed',
      createdAt: new Date(fixtureStart.getTime() - 8 * DAY),
      closedAt: at(14),
      breachedFirstResponse: true,
      breachedResolution: false,
      resolutions: [{ n: 1, rating: { score: 4, comment: '', at: at(14) } }],
    },
  ])
  cloud().db.insertMany('deliveries', [
    { _id: 'campaign:C1:st-m-1', campaignId: 'C1', openid: 'st-m-1', status: 'sent', sentAt: at(10) },
    { _id: 'campaign:C1:st-m-2', campaignId: 'C1', openid: 'st-m-2', status: 'sent', sentAt: at(10) },
    { _id: 'tierChange:x:st-m-3', campaignId: null, openid: 'st-m-3', status: 'sent', sentAt: at(10) },
  ])
  cloud().db.insertMany('ledger', [
    { _id: 'birthday:st-m-6:2026', openid: 'st-m-6', kind: 'earn', delta: 50, balanceAfter: 0, reason: '生日礼', by: 'system', rulesVersion: 1, createdAt: at(1), expiresAt: null },
    { _id: 'expire:st-m-8:2026-11-18', openid: 'st-m-8', kind: 'expire', delta: -5, balanceAfter: 0, reason: '积分过期', by: 'system', rulesVersion: 1, createdAt: at(0.5), expiresAt: null },
  ])
}

beforeAll(async () => {
  cloud().setNow(atDay(0, 8))
  seedStaff(cloud(), STAFF)
  cloud().db.insertMany(
    'stores',
    STORES.map((id, index) => ({ _id: id, name: index === 0 ? '会员通旗舰店' : '会员通滨江店', address: '杭州', createdAt: FIRST })),
  )
  // Members join over the days, at both stores; one with a phone (the churn list masks it).
  for (let n = 0; n < MEMBERS; n++) {
    seedMember(cloud(), `st-m-${n}`, {
      joinedAt: atDay(n % 10, 9, n),
      source: { store: STORES[n % 2], referrer: null, scene: null },
      profile: { name: `统计会员${n}`, gender: 'unknown', birthday: '1990-01-01', birthdayMD: '01-01', avatarFileId: null, phone: n === 1 ? '13812349876' : null },
    })
  }
  // Purchases over the days: regulars every other day, some twice a day, a few with categorised lines.
  for (let day = 0; day < DAYS; day++) {
    for (let n = 0; n < MEMBERS; n++) {
      if (n % 10 > day) continue
      // st-m-7 is removed on the fixture day.
      if (n === 7 && shopDate(atDay(day, 12)) > FIXTURE_DAY) continue
      if ((n + day) % 3 === 0) await buy(`st-m-${n}`, atDay(day, 10, n), 20 + n * 3 + day, STORES[(n + day) % 2])
      if (n % 5 === 0 && day % 4 === 1)
        await buy(`st-m-${n}`, atDay(day, 15, n), 30, STORES[0], [
          { name: '拿铁', category: '咖啡', quantity: 1, amount: 22 },
          { name: '可颂', category: '烘焙', quantity: 1, amount: 8 },
        ])
    }
    if (shopDate(atDay(day, 12)) === FIXTURE_DAY) await fixtureDayExtras()
  }
  cloud().setNow(NOW)
}, 240_000)
afterAll(() => cloud().setNow(null))

/** The day's figures computed here from the documents, independently of the job. */
function expectedFlows(day: string, store: string | null): DayFlows {
  const start = shopDayStart(day).getTime()
  const end = shopDayEnd(day).getTime()
  const within = (at: unknown) => at !== null && at !== undefined && new Date(at as Date).getTime() >= start && new Date(at as Date).getTime() < end
  const rows = (cloud().db.find('ledger', {}) as unknown as LedgerRow[]).filter((row) => within(row.createdAt))
  const members = cloud().db.find('members', {}) as unknown as MemberDoc[]
  const ofStore = (id: string | null | undefined) => store === null || id === store
  const orders = rows.filter((row) => row.kind === 'earn' && row.order && ofStore(row.order.storeId))
  const firstOfDay = orders.filter((row) => {
    const earlier = (cloud().db.find('ledger', { openid: row.openid }) as unknown as LedgerRow[]).filter(
      (other) => other.kind === 'earn' && other.order && new Date(other.createdAt).getTime() < new Date(row.createdAt).getTime(),
    )
    return !earlier.some((other) => within(other.createdAt))
  })
  const boughtBefore = (row: LedgerRow) =>
    (cloud().db.find('ledger', { openid: row.openid }) as unknown as LedgerRow[]).some((other) => other.kind === 'earn' && other.order && new Date(other.createdAt).getTime() < start)
  const categories: Record<string, number> = {}
  for (const row of orders)
    for (const line of row.order!.items ?? [{ category: UNCATEGORISED, amountFen: row.order!.amountFen }]) categories[line.category] = (categories[line.category] ?? 0) + line.amountFen
  const signups = cloud().db.find('signups', {}) as unknown as Array<{ signedUpAt: Date; checkedInAt: Date | null; checkedInStore?: string }>
  const tickets = cloud().db.find('tickets', {}) as unknown as Array<{
    createdAt: Date
    closedAt: Date | null
    breachedFirstResponse: boolean
    breachedResolution: boolean
    resolutions: Array<{ rating: { score: number } | null }>
  }>
  const closed = tickets.filter((ticket) => within(ticket.closedAt))
  const shopOnly = (value: number) => (store === null ? value : 0)
  return {
    newMembers: members.filter((member) => within(member.joinedAt) && ofStore(member.source.store)).length,
    leftMembers: members.filter((member) => within(member.removedAt) && ofStore(member.source.store)).length,
    orders: orders.length,
    salesFen: orders.reduce((sum, row) => sum + row.order!.amountFen, 0),
    refundsFen: rows.filter((row) => row.kind === 'reverse' && ofStore(row._id.split(':')[1])).length * 2500,
    buyers: firstOfDay.length,
    returningBuyers: firstOfDay.filter(boughtBefore).length,
    pointsIssued: shopOnly(rows.filter((row) => row.delta > 0).reduce((sum, row) => sum + row.delta, 0)),
    pointsRedeemed: shopOnly(rows.filter((row) => row.kind === 'redeem').reduce((sum, row) => sum - row.delta, 0)),
    pointsExpired: shopOnly(rows.filter((row) => row.kind === 'expire').reduce((sum, row) => sum - row.delta, 0)),
    pointsNet: shopOnly(rows.reduce((sum, row) => sum + row.delta, 0)),
    signups: shopOnly(signups.filter((signup) => within(signup.signedUpAt)).length),
    checkIns: signups.filter((signup) => within(signup.checkedInAt) && ofStore(signup.checkedInStore)).length,
    ticketsOpened: shopOnly(tickets.filter((ticket) => within(ticket.createdAt)).length),
    ticketsClosed: shopOnly(closed.length),
    ticketsBreached: shopOnly(closed.filter((ticket) => ticket.breachedFirstResponse || ticket.breachedResolution).length),
    ratings: shopOnly(closed.filter((ticket) => ticket.resolutions.at(-1)?.rating).length),
    ratingSum: shopOnly(closed.reduce((sum, ticket) => sum + (ticket.resolutions.at(-1)?.rating?.score ?? 0), 0)),
    campaignSends: shopOnly((cloud().db.find('deliveries', {}) as unknown as Array<{ sentAt: Date; campaignId: string | null }>).filter((send) => within(send.sentAt) && send.campaignId).length),
    campaignConversions: 0,
    categories,
  }
}

describe('one day', () => {
  it('equals the figures computed from the documents, for the shop and each store', async () => {
    const report = await daily({ day: FIXTURE_DAY })
    expect(report.days).toEqual([{ day: FIXTURE_DAY, rows: expect.any(Number), done: true }])
    expect(docOf(FIXTURE_DAY, 'all')?.flows).toEqual(expectedFlows(FIXTURE_DAY, null))
    for (const store of STORES) expect(docOf(FIXTURE_DAY, store)?.flows).toEqual(expectedFlows(FIXTURE_DAY, store))
    // The fixture day has every kind of fact, so no figure is trivially zero.
    const shop = docOf(FIXTURE_DAY, 'all')!.flows
    for (const key of [
      'orders',
      'refundsFen',
      'buyers',
      'returningBuyers',
      'leftMembers',
      'signups',
      'checkIns',
      'ticketsOpened',
      'ticketsClosed',
      'ticketsBreached',
      'ratings',
      'campaignSends',
      'pointsExpired',
    ] as const)
      expect(shop[key]).toBeGreaterThan(0)
    expect(shop.categories['咖啡']).toBeGreaterThan(0)
  })

  it('starts its levels from the members and the ledger when no day comes before it', () => {
    const shop = docOf(FIXTURE_DAY, 'all')!
    const end = shopDayEnd(FIXTURE_DAY).getTime()
    const members = (cloud().db.find('members', {}) as unknown as MemberDoc[]).filter(
      (member) => new Date(member.joinedAt).getTime() < end && !(member.removedAt && new Date(member.removedAt).getTime() < end),
    )
    const outstanding = (cloud().db.find('ledger', {}) as unknown as LedgerRow[]).filter((row) => new Date(row.createdAt).getTime() < end).reduce((sum, row) => sum + row.delta, 0)
    expect(shop.levels).toEqual({ members: members.length, outstandingPoints: outstanding, liabilityFen: outstanding })
  })

  it('re-run, replaces the day instead of adding to it', async () => {
    const before = withoutTimes(stats())
    await daily({ day: FIXTURE_DAY })
    expect(withoutTimes(stats())).toEqual(before)
  })

  it('cut off after a few rows and resumed, gives the same figures', async () => {
    const whole = withoutTimes(stats())
    cloud().db.removeMany('stats_daily', {})
    const first = await daily({ day: FIXTURE_DAY, maxRows: 3 })
    expect(first.days).toEqual([{ day: FIXTURE_DAY, rows: 3, done: false }])
    expect(first.left).toBe(true)
    expect(stats()).toHaveLength(0)
    let runs = 1
    for (let report = first; report.left; runs++) report = await daily({ day: FIXTURE_DAY, maxRows: 3 })
    expect(runs).toBeGreaterThan(2)
    expect(withoutTimes(stats())).toEqual(whole)
  })

  it('refuses a malformed day and a backfill of more than 366 days, changing nothing', async () => {
    const before = withoutTimes(stats())
    expect(errorOf(await as(null).call('stats', 'daily', { day: '18/11/2026' }))).toMatchObject({ code: 'INVALID_INPUT' })
    expect(errorOf(await as(null).call('stats', 'daily', { day: '2026-02-30' }))).toMatchObject({ code: 'INVALID_INPUT', fields: [expect.objectContaining({ path: 'day' })] })
    expect(errorOf(await as(OWNER).call('stats', 'overview', { days: 7, end: '2026-11-31' }))).toMatchObject({ code: 'INVALID_INPUT', fields: [expect.objectContaining({ path: 'end' })] })
    expect(errorOf(await as(null).call('stats', 'backfill', { from: '2025-01-01', to: '2026-11-30' }))).toMatchObject({ code: 'INVALID_INPUT', fields: [expect.objectContaining({ path: 'to' })] })
    expect(withoutTimes(stats())).toEqual(before)
  })
})

describe('a backfill', () => {
  it('over 30 days equals the 30 days computed one by one, their levels chained day to day', async () => {
    cloud().db.removeMany('stats_daily', {})
    const days = Array.from({ length: DAYS }, (_, index) => shopDate(atDay(index, 12)))
    for (const day of days) await daily({ day })
    const oneByOne = withoutTimes(stats())
    expect(oneByOne).toHaveLength(DAYS * 3)
    cloud().db.removeMany('stats_daily', {})
    const report = dataOf(await as(null).call('stats', 'backfill', { from: days[0], to: days[DAYS - 1] }))
    expect(report.left).toBe(false)
    expect(withoutTimes(stats())).toEqual(oneByOne)
    // Each day's members are the day before's, plus who joined, less who left.
    for (let i = 1; i < DAYS; i++) {
      const [before, today] = [docOf(days[i - 1], 'all')!, docOf(days[i], 'all')!]
      expect(today.levels.members).toBe(before.levels.members + today.flows.newMembers - today.flows.leftMembers)
      expect(today.levels.outstandingPoints).toBe(before.levels.outstandingPoints! + today.flows.pointsNet)
    }
    // Cut off every 15 rows and resumed from its cursor, the backfill writes the same documents.
    cloud().db.removeMany('stats_daily', {})
    let runs = 0
    for (let left = true; left; runs++) left = dataOf(await as(null).call('stats', 'backfill', { from: days[0], to: days[DAYS - 1], maxRows: 15 })).left
    expect(runs).toBeGreaterThan(3)
    expect(withoutTimes(stats())).toEqual(oneByOne)
    const last = docOf(days[DAYS - 1], 'all')!
    expect(last.trailing.d7.orders).toBe(days.slice(-7).reduce((sum, day) => sum + docOf(day, 'all')!.flows.orders, 0))
  })
})

describe('the morning classification', () => {
  it('gives yesterday its snapshot, whose classes are the members’ own', async () => {
    // 1 December 01:10: the marketing timer classifies everyone, then the stats timer runs.
    cloud().setNow(new Date('2026-12-01T01:10:00+08:00'))
    dataOf(await as(null).call('marketing', 'tick', {}))
    cloud().setNow(new Date('2026-12-01T01:40:00+08:00'))
    await daily()
    const snapshot = docOf('2026-11-30', 'all')!.snapshot!
    const members = (cloud().db.find('members', {}) as unknown as MemberDoc[]).filter((member) => !member.removedAt)
    const classes = Object.fromEntries(['new', 'active', 'regular', 'atRisk', 'dormant'].map((rfm) => [rfm, members.filter((member) => member.rfm === rfm).length]))
    expect(snapshot.rfm).toEqual(classes)
    expect(Object.values(snapshot.tiers).reduce((a, b) => a + b, 0)).toBe(members.length)
    expect(snapshot.matrix.flat().reduce((a, b) => a + b, 0)).toBe(members.length)
    expect(docOf('2026-11-30', 'store-002')!.snapshot!.rfm).toEqual(
      Object.fromEntries(['new', 'active', 'regular', 'atRisk', 'dormant'].map((rfm) => [rfm, members.filter((member) => member.rfm === rfm && member.source.store === 'store-002').length])),
    )
    cloud().setNow(NOW)
  })
})

describe('the 数据 pages', () => {
  it('show the overview from the documents: the last day’s members, the range’s sales, the liability', async () => {
    const overview = dataOf(await as(OWNER).call('stats', 'overview', { days: 7, end: '2026-11-30' }))
    const days = Array.from({ length: 7 }, (_, index) => shopDate(atDay(DAYS - 7 + index, 12)))
    const docs = days.map((day) => docOf(day, 'all')!)
    const kpi = (key: string) => overview.kpis.find((each) => each.key === key)!
    expect(kpi('members').value).toBe(docs[6].levels.members)
    expect(kpi('salesFen').value).toBe(docs.reduce((sum, doc) => sum + doc.flows.salesFen - doc.flows.refundsFen, 0))
    expect(kpi('liabilityFen').value).toBe(docs[6].levels.liabilityFen)
    expect(kpi('newMembers').previous).toBe(docOf(shopDate(atDay(DAYS - 8, 12)), 'all')!.trailing.d7.newMembers)
    expect(overview.series.map((point) => point.day)).toEqual(days)
  })

  it('list the churn watch’s members exactly as the segment counts them, phones masked', async () => {
    const page = dataOf(await as('st-marketing').call('stats', 'churn', { silentDays: 7 }))
    const expected = (cloud().db.find('members', {}) as unknown as Array<MemberDoc & Record<string, unknown>>).filter((member) => matches(member, compileSegment(page.segment.filter, NOW)))
    expect(page.members.map((member) => member.cardNo).sort()).toEqual(expected.map((member) => member.cardNo).sort())
    expect(JSON.stringify(page)).not.toContain('13812349876')
  })

  it('open a campaign on the segment of exactly the tapped filter: a saved one, or one made once however often it is tapped', async () => {
    const marketer = as('st-marketing')
    const saved = dataOf(await marketer.call('marketing', 'saveSegment', { name: '沉睡会员唤醒', filter: { rfm: ['dormant'] } }))
    expect(dataOf(await marketer.call('marketing', 'segmentFor', { name: '沉睡会员', filter: { rfm: ['dormant'] } })).id).toBe(saved.id)
    const [first, second] = await Promise.all([
      marketer.call('marketing', 'segmentFor', { name: '流失预警', filter: { notPurchasedForDays: 7, purchasesMin: 2 } }),
      marketer.call('marketing', 'segmentFor', { name: '流失预警', filter: { purchasesMin: 2, notPurchasedForDays: 7 } }),
    ])
    expect(dataOf(first).id).toBe(dataOf(second).id)
    expect((cloud().db.find('segments', {}) as Array<{ name: string }>).filter((segment) => segment.name === '流失预警')).toHaveLength(1)
    expect(errorOf(await as(CASHIER).call('marketing', 'segmentFor', { name: '沉睡会员', filter: { rfm: ['dormant'] } }))).toMatchObject({ code: 'FORBIDDEN' })
  })

  it('refuse the cashier and the service desk, and a range over 366 days', async () => {
    for (const role of ['st-cashier', 'st-service']) expect(errorOf(await as(role).call('stats', 'overview', { days: 30 }))).toMatchObject({ code: 'FORBIDDEN' })
    expect(errorOf(await as(OWNER).call('stats', 'overview', { days: 367 }))).toMatchObject({ code: 'INVALID_INPUT', fields: [expect.objectContaining({ path: 'days' })] })
  })
})
