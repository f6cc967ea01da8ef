/**
 * What `npm start` gives 数据: the demo shop seeded, then seedStats (this morning's classification
 * and the stats backfill over the 365 days up to yesterday), as the start script runs them. The
 * figures are the seeded documents' own: every day of the year for the shop and each store, the
 * orders and sales the ledger holds, the members who had joined, the categories of the order lines,
 * and yesterday's snapshot of the classes the members carry.
 */
import { dataOf, useLocalCloud } from '../support/localCloud'
import { seedIfEmpty, seedStats, type SeededStats } from '../../scripts/seed'
import { shopDate, shopDayEnd, shopDayStart } from '../../cloudfunctions/shared/domain/calendar'
import type { StoredDay } from '../../cloudfunctions/shared/domain/stats'
import type { LedgerRow } from '../../cloudfunctions/shared/domain/ledger'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import { RFM_CLASSES } from '../../cloudfunctions/shared/contract/marketingFields'

const { cloud, as } = useLocalCloud()
let report: SeededStats
const days = () => cloud().db.find('stats_daily', {}) as StoredDay[]
const of = (store: string) =>
  days()
    .filter((doc) => doc.store === store)
    .sort((a, b) => a.day.localeCompare(b.day))

beforeAll(async () => {
  cloud().db.clear()
  // 10:00 Beijing time today: after the 01:00 classification, as most starts are.
  cloud().setNow(new Date(`${shopDate(new Date())}T10:00:00+08:00`))
  expect(seedIfEmpty(cloud().db, cloud().now())).toBe(true)
  report = await seedStats(cloud())
}, 600_000)

afterAll(() => cloud().setNow(null))

describe('the demo statistics', () => {
  it('cover every day of the 365 up to yesterday, for the shop and each store, with this morning’s classification', () => {
    expect(report).toMatchObject({ to: shopDate(new Date(cloud().now().getTime() - 86_400_000)), classified: true })
    for (const store of ['all', 'store-001', 'store-002']) {
      const docs = of(store)
      expect(docs).toHaveLength(365)
      expect([docs[0].day, docs[364].day]).toEqual([report.from, report.to])
    }
  })

  it('count the orders and sales of the ledger, day by day and over the year, split between the stores', () => {
    const orders = (cloud().db.find('ledger', { kind: 'earn' }) as LedgerRow[]).filter((row) => row.order)
    const within = (day: string) => orders.filter((row) => new Date(row.createdAt) >= shopDayStart(day) && new Date(row.createdAt) < shopDayEnd(day))
    const all = of('all')
    expect(all.reduce((sum, doc) => sum + doc.flows.orders, 0)).toBe(
      orders.filter((row) => new Date(row.createdAt) >= shopDayStart(report.from) && new Date(row.createdAt) < shopDayEnd(report.to)).length,
    )
    for (const doc of all.filter((_, index) => index % 30 === 0 || index === 364)) {
      expect(doc.flows.orders).toBe(within(doc.day).length)
      expect(doc.flows.salesFen).toBe(within(doc.day).reduce((sum, row) => sum + row.order!.amountFen, 0))
    }
    const yearOf = (store: string) => of(store).reduce((sum, doc) => sum + doc.flows.salesFen, 0)
    expect(yearOf('store-001') + yearOf('store-002')).toBe(yearOf('all'))
    expect(yearOf('store-002')).toBeGreaterThan(0)
    // The shop grew: the last quarter sold more than the first.
    expect(all.slice(-90).reduce((sum, doc) => sum + doc.flows.salesFen, 0)).toBeGreaterThan(2 * all.slice(0, 90).reduce((sum, doc) => sum + doc.flows.salesFen, 0))
  })

  it('sell coffee most, in the categories the order lines carry', () => {
    const categories: Record<string, number> = {}
    for (const doc of of('all')) for (const [category, fen] of Object.entries(doc.flows.categories)) categories[category] = (categories[category] ?? 0) + fen
    const ranked = Object.entries(categories).sort((a, b) => b[1] - a[1])
    expect(ranked[0][0]).toBe('咖啡')
    expect(ranked.map(([category]) => category).sort()).toEqual(['咖啡', '周边', '烘焙', '茶饮', '轻食'].sort())
  })

  it('end yesterday on every member, with the snapshot of the classes they carry', () => {
    const members = cloud().db.find('members', {}) as MemberDoc[]
    const yesterday = of('all')[364]
    expect(yesterday.levels.members).toBe(members.length)
    expect(yesterday.snapshot).not.toBeNull()
    expect(yesterday.snapshot!.rfm).toEqual(Object.fromEntries(RFM_CLASSES.map((rfm) => [rfm, members.filter((member) => member.rfm === rfm).length])))
    expect(of('store-002')[364].snapshot!.rfm.dormant).toBe(members.filter((member) => member.rfm === 'dormant' && member.source.store === 'store-002').length)
  })

  it('open 数据 for the owner on the last 30 days, every day with sales', async () => {
    const overview = dataOf(await as('demo-owner').call('stats', 'overview', { days: 30 }))
    expect(overview).toMatchObject({ latestDay: report.to, to: report.to, days: 30 })
    expect(overview.kpis.find((kpi) => kpi.key === 'members')?.value).toBe((cloud().db.find('members', {}) as MemberDoc[]).length)
    expect(overview.series).toHaveLength(30)
    for (const point of overview.series) expect(point.salesFen).toBeGreaterThan(0)
    const members = dataOf(await as('demo-owner').call('stats', 'members', { days: 30 }))
    expect(members.snapshotDay).toBe(report.to)
  })
})
