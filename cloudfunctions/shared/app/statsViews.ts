import type { ChurnMember, ChurnPage, InsightConsumption, InsightMembers, InsightOverview, InsightRange, Kpi, SeriesPoint } from '../contract/stats'
import type { SegmentFilter } from '../contract/marketingFields'
import { RFM_CLASSES, RFM_LABELS, RFM_STRATEGIES } from '../contract/marketingFields'
import { FREQUENCY_BUCKETS, RECENCY_BUCKETS, SPEND_BUCKETS, TRAILING_WINDOWS, averageOrderFen, repeatRate, type DaySnapshot, type TrailingWindow } from '../contract/statsFields'
import { TICKET_CATEGORY_LABELS, TICKET_STATUS_LABELS } from '../contract/ticketFields'
import { maskPhone } from '../contract/workspaceFields'
import { activeRules } from '../data/rules'
import { segmentsRepo, whereOf } from '../data/segments'
import { dayFactsRepo, statsRepo } from '../data/stats'
import { storesRepo } from '../data/stores'
import { shopDate } from '../domain/calendar'
import type { MemberDoc } from '../domain/member'
import { compileSegment } from '../domain/segments'
import { ALL_STORES, daysBefore, daysFrom, previousDay, type StoredDay } from '../domain/stats'
import { AppError } from '../runtime/errors'
import type { Database } from '../runtime/cloud'

interface RangeRead extends InsightRange {
  /** The range's days and the one before it (the previous period's trailing sums and levels). */
  docs: Map<string, StoredDay>
  before: StoredDay | null
  inRange: StoredDay[]
}

/** One store's days of the range and the day before it: one read, plus the store list. */
async function readRange(db: Database, input: { days: number; end?: string; store?: string }, now: Date): Promise<RangeRead> {
  const to = input.end ?? previousDay(shopDate(now))
  const from = daysBefore(to, input.days - 1)
  const store = input.store ?? ALL_STORES
  const [stores, docs] = await Promise.all([storesRepo(db).all(), statsRepo(db).range(store, previousDay(from), to)])
  if (input.store && !stores.some((each) => each._id === input.store)) throw new AppError('NOT_FOUND', '门店不存在')
  const byDay = new Map(docs.map((doc) => [doc.day, doc]))
  const inRange = docs.filter((doc) => doc.day >= from)
  return {
    from,
    to,
    days: input.days,
    store: input.store ?? null,
    stores: stores.map((each) => ({ id: each._id, name: each.name })),
    latestDay: inRange.length ? inRange[inRange.length - 1].day : null,
    docs: byDay,
    before: byDay.get(previousDay(from)) ?? null,
    inRange,
  }
}

function rangeOf(read: RangeRead): InsightRange {
  const { from, to, days, store, stores, latestDay } = read
  return { from, to, days, store, stores, latestDay }
}

function seriesOf(read: RangeRead): SeriesPoint[] {
  return daysFrom(read.from, read.to).map((day) => {
    const doc = read.docs.get(day)
    const flows = doc?.flows
    const salesFen = flows ? flows.salesFen - flows.refundsFen : 0
    return {
      day,
      members: doc ? doc.levels.members : null,
      newMembers: flows?.newMembers ?? 0,
      salesFen,
      orders: flows?.orders ?? 0,
      averageOrderFen: flows ? averageOrderFen({ orders: flows.orders, salesFen }) : null,
      returningBuyers: flows?.returningBuyers ?? 0,
      buyers: flows?.buyers ?? 0,
    }
  })
}

function sumOf(docs: StoredDay[], key: 'newMembers' | 'orders' | 'salesFen' | 'refundsFen' | 'buyers' | 'returningBuyers'): number {
  return docs.reduce((sum, doc) => sum + doc.flows[key], 0)
}

/** The latest snapshot within the range (the classification of the morning after its day). */
function latestSnapshot(docs: StoredDay[]): { day: string; snapshot: DaySnapshot } | null {
  for (let i = docs.length - 1; i >= 0; i--) if (docs[i].snapshot) return { day: docs[i].day, snapshot: docs[i].snapshot! }
  return null
}

/**
 * 概览: six figures with the previous period beside them. The previous period of 7, 30 or 90 days
 * is one document away (the trailing sums of the day before the range), so 90 days read 91
 * documents of the store and, under a store filter, the shop's last day for the liability.
 */
export async function overviewOf(db: Database, input: { days: number; end?: string; store?: string }, now: Date): Promise<InsightOverview> {
  const read = await readRange(db, input, now)
  const last = read.inRange[read.inRange.length - 1] ?? null
  const shopLast = read.store ? ((await statsRepo(db).range(ALL_STORES, read.to, read.to))[0] ?? null) : last
  const window = (TRAILING_WINDOWS as readonly number[]).includes(read.days) ? (`d${read.days as TrailingWindow}` as const) : null
  const previous = read.before && window ? read.before.trailing[window] : null
  const sales = sumOf(read.inRange, 'salesFen') - sumOf(read.inRange, 'refundsFen')
  const current = { buyers: sumOf(read.inRange, 'buyers'), returningBuyers: sumOf(read.inRange, 'returningBuyers') }
  const snapshot = latestSnapshot(read.inRange)
  const storeNote = read.store ? '全店' : null
  const kpis: Kpi[] = [
    { key: 'members', label: '会员总数', value: last?.levels.members ?? null, previous: read.before?.levels.members ?? null, unit: 'count', note: null },
    {
      key: 'active',
      label: '活跃会员',
      value: snapshot?.snapshot.active30 ?? null,
      previous: read.before?.snapshot?.active30 ?? null,
      unit: 'count',
      note: snapshot ? '近30天有消费' : '每日分类后更新',
    },
    { key: 'newMembers', label: '新会员', value: read.inRange.length ? sumOf(read.inRange, 'newMembers') : null, previous: previous?.newMembers ?? null, unit: 'count', note: null },
    { key: 'salesFen', label: '销售额', value: read.inRange.length ? sales : null, previous: previous ? previous.salesFen - previous.refundsFen : null, unit: 'fen', note: '已扣退款' },
    { key: 'repeatRate', label: '复购率', value: repeatRate(current), previous: previous ? repeatRate(previous) : null, unit: 'percent', note: '老会员到店占比' },
    {
      key: 'liabilityFen',
      label: '积分负债',
      value: shopLast?.levels.liabilityFen ?? null,
      previous: read.store ? null : (read.before?.levels.liabilityFen ?? null),
      unit: 'fen',
      note: storeNote ?? '按当前抵现比例',
    },
  ]
  return { ...rangeOf(read), kpis, series: seriesOf(read) }
}

export async function membersInsightOf(db: Database, input: { days: number; end?: string; store?: string }, now: Date): Promise<InsightMembers> {
  const [read, rules] = await Promise.all([readRange(db, input, now), activeRules(db, now)])
  const found = latestSnapshot(read.inRange)
  const snapshot = found?.snapshot
  return {
    ...rangeOf(read),
    snapshotDay: found?.day ?? null,
    tiers: rules.tiers.tiers.map((tier) => ({ tier: tier.id, name: tier.name, members: snapshot?.tiers[tier.id] ?? 0 })),
    rfm: RFM_CLASSES.map((rfm) => ({ rfm, label: RFM_LABELS[rfm], strategy: RFM_STRATEGIES[rfm], members: snapshot?.rfm[rfm] ?? 0 })),
    matrix: {
      rows: RECENCY_BUCKETS.map((bucket) => bucket.label),
      columns: FREQUENCY_BUCKETS.map((bucket) => bucket.label),
      counts: snapshot?.matrix ?? RECENCY_BUCKETS.map(() => FREQUENCY_BUCKETS.map(() => 0)),
    },
    series: seriesOf(read),
  }
}

export async function consumptionOf(db: Database, input: { days: number; end?: string; store?: string }, now: Date): Promise<InsightConsumption> {
  const read = await readRange(db, input, now)
  const found = latestSnapshot(read.inRange)
  const categories = new Map<string, number>()
  for (const doc of read.inRange) for (const [category, amount] of Object.entries(doc.flows.categories)) categories.set(category, (categories.get(category) ?? 0) + amount)
  const categorised = [...categories.values()].reduce((sum, amount) => sum + amount, 0)
  const orders = sumOf(read.inRange, 'orders')
  const salesFen = sumOf(read.inRange, 'salesFen') - sumOf(read.inRange, 'refundsFen')
  return {
    ...rangeOf(read),
    snapshotDay: found?.day ?? null,
    spend: SPEND_BUCKETS.map((bucket, index) => ({ label: bucket.label, members: found?.snapshot.spend[index] ?? 0 })),
    frequency: FREQUENCY_BUCKETS.map((bucket, index) => ({ label: bucket.label, members: found?.snapshot.frequency[index] ?? 0 })),
    categories: [...categories.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([category, amountFen]) => ({ category, amountFen, share: categorised > 0 ? Math.round((amountFen / categorised) * 1000) / 10 : 0 })),
    series: seriesOf(read),
    totals: { orders, salesFen, averageOrderFen: averageOrderFen({ orders, salesFen }) },
  }
}

const CHURN_PAGE = 20

/** The churn watch's members are exactly the segment's: silent `silentDays` and more, after at least the active class's purchases in 12 months. */
export function churnFilter(silentDays: number, activeMinPurchases: number): SegmentFilter {
  return { notPurchasedForDays: silentDays, purchasesMin: activeMinPurchases }
}

/** 流失预警: the segment's members, the most recently silent first, with their last complaint and its rating. */
export async function churnOf(db: Database, input: { silentDays: number; cursor?: string }, now: Date): Promise<ChurnPage> {
  const offset = input.cursor ? Number(/^o(\d{1,6})$/.exec(input.cursor)?.[1] ?? NaN) : 0
  if (!Number.isInteger(offset)) throw new AppError('INVALID_INPUT', '分页参数无效')
  const [thresholds, rules] = await Promise.all([segmentsRepo(db).rfmSettings(), activeRules(db, now)])
  const filter = churnFilter(input.silentDays, thresholds.activeMinPurchases)
  const where = whereOf(db, compileSegment(filter, now))
  const facts = dayFactsRepo(db)
  const page = await facts.churnMembers(where, offset, CHURN_PAGE + 1)
  const shown = page.slice(0, CHURN_PAGE)
  const tickets = shown.length ? await facts.latestTickets(shown.map((member) => member._id)) : []
  const lastTicket = new Map<string, (typeof tickets)[number]>()
  for (const ticket of tickets) if (!lastTicket.has(ticket.openid)) lastTicket.set(ticket.openid, ticket)
  const tierName = (tier: MemberDoc['tier']) => rules.tiers.tiers.find((each) => each.id === tier)?.name ?? tier
  const members: ChurnMember[] = shown.map((member) => {
    const ticket = lastTicket.get(member._id)
    const last = new Date(member.lastPurchaseAt ?? 0)
    return {
      cardNo: member.cardNo,
      name: member.profile.name,
      tier: member.tier,
      tierName: tierName(member.tier),
      spend12mFen: member.seg?.spend12mFen ?? 0,
      purchases12m: member.seg?.purchases12m ?? 0,
      lastPurchaseAt: last.toISOString(),
      silentDays: Math.floor((now.getTime() - last.getTime()) / 86_400_000),
      phone: maskPhone(member.profile.phone),
      lastTicket: ticket
        ? {
            id: ticket._id,
            categoryLabel: TICKET_CATEGORY_LABELS[ticket.category],
            statusLabel: TICKET_STATUS_LABELS[ticket.status],
            score: ticket.resolutions?.[ticket.resolutions.length - 1]?.rating?.score ?? null,
            at: new Date(ticket.createdAt).toISOString(),
          }
        : null,
    }
  })
  return {
    silentDays: input.silentDays,
    members,
    nextCursor: page.length > CHURN_PAGE ? `o${offset + CHURN_PAGE}` : null,
    segment: { name: `流失预警·沉默${input.silentDays}天`, filter },
  }
}
