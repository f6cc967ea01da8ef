import { TIER_IDS, type TierId } from '../contract/enums'
import { RFM_CLASSES, type RfmClass } from '../contract/marketingFields'
import {
  FREQUENCY_BUCKETS,
  RECENCY_BUCKETS,
  SPEND_BUCKETS,
  TRAILED_FLOWS,
  TRAILING_WINDOWS,
  UNCATEGORISED,
  ZERO_FLOWS,
  frequencyBucket,
  recencyBucket,
  spendBucket,
  type DayFlows,
  type DayLevels,
  type DaySnapshot,
  type Trailing,
} from '../contract/statsFields'
import { shopDayStart, shopTime } from './calendar'
import type { LedgerRow } from './ledger'
import { NEVER_PURCHASED } from './rfm'

/**
 * The daily statistics as pure rules: a day's rows in, per-store figures out; the running levels and
 * trailing sums of a store's days in order; the members' snapshot tallied as the classification
 * walks them. The app layer reads the day (app/statsDay) and writes what these return.
 */

/** The whole shop's documents carry this store. */
export const ALL_STORES = 'all'
const DAY_MS = 24 * 60 * 60 * 1000

export type FlowsByStore = Record<string, DayFlows>

function flowsFor(acc: FlowsByStore, store: string): DayFlows {
  return (acc[store] ??= ZERO_FLOWS())
}

/** Adds `fn` to the shop's figures and, when the fact has a store, to that store's. */
function both(acc: FlowsByStore, store: string | null | undefined, fn: (flows: DayFlows) => void): void {
  fn(flowsFor(acc, ALL_STORES))
  if (store) fn(flowsFor(acc, store))
}

/** What an order took: the amount paid after a checkout's discounts, or the amount the till recorded. */
export function spendOf(order: NonNullable<LedgerRow['order']>): number {
  return order.checkout?.paidFen ?? order.amountFen
}

/**
 * One ledger row into the day's figures. Points are shop-wide (the whole shop only); an order's
 * consumption counts at its store too; a refund's amount at the refunded order's store.
 */
export function addLedgerRow(acc: FlowsByStore, row: LedgerRow): void {
  const shop = flowsFor(acc, ALL_STORES)
  shop.pointsNet += row.delta
  const checkout = row.order?.checkout
  if (row.kind === 'expire') shop.pointsExpired += -row.delta
  // A checkout's one row nets what it earned against what it spent: its facts keep the two apart.
  else if (row.kind === 'earn' && checkout) {
    shop.pointsIssued += checkout.pointsEarned
    shop.pointsRedeemed += checkout.pointsUsed
  } else if (row.delta > 0) shop.pointsIssued += row.delta
  else if (row.kind === 'redeem') shop.pointsRedeemed += -row.delta
  if (row.kind === 'earn' && row.order) {
    const order = row.order
    const spend = spendOf(order)
    const visit = order.visit
    both(acc, order.storeId, (flows) => {
      flows.orders += 1
      flows.salesFen += spend
      // Rows from before visits were recorded count as a buyer's visit of unknown history.
      if (!visit || visit.firstToday) flows.buyers += 1
      if (visit?.firstToday && visit.returning) flows.returningBuyers += 1
      if (visit?.campaigns.length) flows.campaignConversions += 1
      addCategories(flows.categories, order.items, spend)
    })
  }
  if (row.kind === 'reverse' && row.refund) {
    const refundFen = row.refund.amountFen
    both(acc, row.refund.storeId, (flows) => {
      flows.refundsFen += refundFen
    })
  }
}

/** The lines' amounts by category, scaled to what was paid (a checkout's discounts spread over its lines). */
function addCategories(categories: Record<string, number>, items: NonNullable<LedgerRow['order']>['items'], spend: number): void {
  const lines = items?.length ? items : [{ category: UNCATEGORISED, amountFen: spend }]
  const listed = lines.reduce((sum, line) => sum + line.amountFen, 0)
  let given = 0
  lines.forEach((line, index) => {
    // The last line takes the rounding, so the categories always add up to the sales.
    const share = index === lines.length - 1 ? spend - given : listed > 0 ? Math.round((line.amountFen * spend) / listed) : 0
    given += share
    categories[line.category || UNCATEGORISED] = (categories[line.category || UNCATEGORISED] ?? 0) + share
  })
}

export function addNewMember(acc: FlowsByStore, store: string | null): void {
  both(acc, store, (flows) => flows.newMembers++)
}
export function addLeftMember(acc: FlowsByStore, store: string | null): void {
  both(acc, store, (flows) => flows.leftMembers++)
}
export function addSignup(acc: FlowsByStore): void {
  flowsFor(acc, ALL_STORES).signups++
}
export function addCheckIn(acc: FlowsByStore, store: string | null | undefined): void {
  both(acc, store, (flows) => flows.checkIns++)
}
export function addTicketOpened(acc: FlowsByStore): void {
  flowsFor(acc, ALL_STORES).ticketsOpened++
}
/** A ticket closed that day: breached if it missed either promised time; its latest rating counts once. */
export function addTicketClosed(acc: FlowsByStore, ticket: { breachedFirstResponse: boolean; breachedResolution: boolean; score: number | null }): void {
  const shop = flowsFor(acc, ALL_STORES)
  shop.ticketsClosed++
  if (ticket.breachedFirstResponse || ticket.breachedResolution) shop.ticketsBreached++
  if (ticket.score !== null) {
    shop.ratings++
    shop.ratingSum += ticket.score
  }
}
export function addCampaignSend(acc: FlowsByStore): void {
  flowsFor(acc, ALL_STORES).campaignSends++
}

/** Merges a chunk's figures into those carried from earlier chunks (the cursor document keeps them between runs). */
export function mergeFlows(into: FlowsByStore, from: FlowsByStore): FlowsByStore {
  for (const [store, flows] of Object.entries(from)) {
    const target = flowsFor(into, store)
    for (const key of Object.keys(flows) as Array<keyof DayFlows>) {
      if (key === 'categories') for (const [category, amount] of Object.entries(flows.categories)) target.categories[category] = (target.categories[category] ?? 0) + amount
      else target[key] += flows[key]
    }
  }
  return into
}

// ——— Days in order: running levels and trailing sums ———

export interface StoredDay {
  _id: string
  day: string
  store: string
  flows: DayFlows
  levels: DayLevels
  trailing: Trailing
  snapshot: DaySnapshot | null
  computedAt: Date
}

export const statsDayId = (day: string, store: string) => `${day}:${store}`

export function previousDay(day: string): string {
  return daysBefore(day, 1)
}
export function nextDay(day: string): string {
  return daysBefore(day, -1)
}
/** Days from `from` to `to`, both included. */
export function daysFrom(from: string, to: string): string[] {
  const days: string[] = []
  for (let day = from; day <= to; day = nextDay(day)) days.push(day)
  return days
}
/** The shop date `n` days before `day`. */
export function daysBefore(day: string, n: number): string {
  return shopTime(shopDayStart(day)).subtract(n, 'day').format('YYYY-MM-DD')
}

/** Levels carried from the day before and moved by this day's flows. */
export function levelsAfter(before: DayLevels, flows: DayFlows, store: string, pointsPerCashYuan: number): DayLevels {
  const members = before.members + flows.newMembers - flows.leftMembers
  if (store !== ALL_STORES) return { members, outstandingPoints: null, liabilityFen: null }
  const outstandingPoints = (before.outstandingPoints ?? 0) + flows.pointsNet
  return { members, outstandingPoints, liabilityFen: liabilityOf(outstandingPoints, pointsPerCashYuan) }
}

/** What the outstanding points would take off at the till at the current rate, in fen. */
export function liabilityOf(points: number, pointsPerCashYuan: number): number {
  return Math.round((points * 100) / pointsPerCashYuan)
}

/**
 * One store's days, oldest first, with their levels and trailing sums recomputed from `from` on:
 * each day's levels come from the day before it (a missing day before breaks the chain and the
 * counted `bootstrap` is used), each trailing window sums the flows of the days within it.
 * Answers the documents whose figures changed.
 */
export function rederive(days: StoredDay[], from: string, bootstrap: (day: string) => DayLevels, pointsPerCashYuan: number): StoredDay[] {
  const changed: StoredDay[] = []
  const byDay = new Map(days.map((doc) => [doc.day, doc]))
  for (const doc of days) {
    if (doc.day < from) continue
    const before = byDay.get(previousDay(doc.day))
    const levels = before ? levelsAfter(before.levels, doc.flows, doc.store, pointsPerCashYuan) : bootstrap(doc.day)
    const trailing = trailingOf(doc.day, byDay)
    if (JSON.stringify(levels) !== JSON.stringify(doc.levels) || JSON.stringify(trailing) !== JSON.stringify(doc.trailing)) {
      const next = { ...doc, levels, trailing }
      byDay.set(doc.day, next)
      changed.push(next)
    }
  }
  return changed
}

export function trailingOf(day: string, byDay: Map<string, Pick<StoredDay, 'flows'>>): Trailing {
  const trailing = {} as Trailing
  for (const window of TRAILING_WINDOWS) {
    const sums = Object.fromEntries(TRAILED_FLOWS.map((key) => [key, 0])) as Trailing[`d${typeof window}`]
    for (let back = 0, at = day; back < window; back++, at = previousDay(at)) {
      const flows = byDay.get(at)?.flows
      if (flows) for (const key of TRAILED_FLOWS) sums[key] += flows[key]
    }
    trailing[`d${window}`] = sums
  }
  return trailing
}

export function emptyTrailing(): Trailing {
  return Object.fromEntries(TRAILING_WINDOWS.map((window) => [`d${window}`, Object.fromEntries(TRAILED_FLOWS.map((key) => [key, 0]))])) as Trailing
}

// ——— The members' snapshot, tallied by the daily classification ———

export type SnapshotTally = Record<string, Omit<DaySnapshot, 'takenAt'>>

export function emptySnapshot(): Omit<DaySnapshot, 'takenAt'> {
  return {
    tiers: Object.fromEntries(TIER_IDS.map((tier) => [tier, 0])) as Record<TierId, number>,
    rfm: Object.fromEntries(RFM_CLASSES.map((rfm) => [rfm, 0])) as Record<RfmClass, number>,
    active30: 0,
    dormant90: 0,
    matrix: RECENCY_BUCKETS.map(() => FREQUENCY_BUCKETS.map(() => 0)),
    spend: SPEND_BUCKETS.map(() => 0),
    frequency: FREQUENCY_BUCKETS.map(() => 0),
  }
}

export interface TalliedMember {
  tier: TierId
  store: string | null
  rfm: RfmClass | null
  joinedAt: Date
  lastPurchaseAt: Date | null
  spend12mFen: number
  purchases12m: number
}

/** One member (not removed, not erased) into the shop's snapshot and their home store's. */
export function tallyMember(tally: SnapshotTally, member: TalliedMember, now: Date): void {
  const last = member.lastPurchaseAt && new Date(member.lastPurchaseAt).getTime() > NEVER_PURCHASED.getTime() ? new Date(member.lastPurchaseAt) : null
  const silentFrom = last ?? new Date(member.joinedAt)
  const days = (now.getTime() - silentFrom.getTime()) / DAY_MS
  for (const store of member.store ? [ALL_STORES, member.store] : [ALL_STORES]) {
    const snapshot = (tally[store] ??= emptySnapshot())
    snapshot.tiers[member.tier] = (snapshot.tiers[member.tier] ?? 0) + 1
    if (member.rfm) snapshot.rfm[member.rfm] += 1
    if (last && days <= 30) snapshot.active30 += 1
    if (days > 90) snapshot.dormant90 += 1
    snapshot.matrix[recencyBucket(last, now)][frequencyBucket(member.purchases12m)] += 1
    snapshot.spend[spendBucket(member.spend12mFen)] += 1
    snapshot.frequency[frequencyBucket(member.purchases12m)] += 1
  }
}
