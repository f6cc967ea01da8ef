import { ledgerRepo } from '../data/ledger'
import { activeRules } from '../data/rules'
import { segmentsRepo } from '../data/segments'
import { dayFactsRepo, progressId, statsRepo, type StatsProgress } from '../data/stats'
import { storesRepo } from '../data/stores'
import type { DaySnapshot } from '../contract/statsFields'
import { ZERO_FLOWS } from '../contract/statsFields'
import { shopDate, shopDayEnd, shopDayStart } from '../domain/calendar'
import {
  ALL_STORES,
  addCampaignSend,
  addCheckIn,
  addLedgerRow,
  addLeftMember,
  addNewMember,
  addSignup,
  addTicketClosed,
  addTicketOpened,
  daysBefore,
  daysFrom,
  emptyTrailing,
  liabilityOf,
  nextDay,
  previousDay,
  rederive,
  statsDayId,
  type FlowsByStore,
  type StoredDay,
} from '../domain/stats'
import type { Database } from '../runtime/cloud'
import type { Budget } from './jobChunks'

/** Ledger rows read per round trip (the most a function's get returns). */
const PAGE = 1000

export interface RangeOutcome {
  done: boolean
  rows: number
  /** Documents written: the range's, and those after it whose running figures moved (`carried`). */
  written: number
  carried: number
}

/**
 * The statistics of every Beijing day in `[from, to]`, for the whole shop and each store: one walk
 * of the range's ledger rows in (createdAt, `_id`) order from a cursor kept in its own settings
 * document (with the figures of the day being summed, so a run cut off resumes where it stopped
 * and counts nothing twice), plus the range's members, signups, tickets and sends through their
 * (date, `_id`) indexes. Each day's documents are replaced, never added to; then the running
 * levels and trailing sums are carried through the range and the days after it, and each
 * document is written once.
 */
export async function computeRange(db: Database, from: string, to: string, budget: Budget, now: Date): Promise<RangeOutcome> {
  const repo = statsRepo(db)
  const saved = await repo.progress(from, to)
  let progress: StatsProgress = saved ?? { _id: progressId(from, to), from, to, day: from, cursor: null, flows: {} }
  const end = shopDayEnd(to)
  const [stores, rules, facts, snapshotOf] = await Promise.all([storesRepo(db).all(), activeRules(db, now), factsByDay(db, shopDayStart(progress.day), end), snapshotsFor(db, now)])
  const storeIds = [ALL_STORES, ...stores.map((store) => store._id)]
  // Each store's stored days around the range, read once: the snapshots the range keeps and the chain carry() continues.
  const stored = new Map(await Promise.all(storeIds.map(async (store) => [store, await storedAround(db, store, from, to)] as const)))
  const kept = new Map([...stored.values()].flat().map((doc) => [doc._id, doc.snapshot]))
  const finished: StoredDay[] = []
  const finish = (day: string, flows: FlowsByStore) => {
    addFacts(flows, facts.get(day))
    const ids = [...storeIds, ...Object.keys(flows).filter((store) => !storeIds.includes(store))]
    for (const store of ids)
      finished.push({
        _id: statsDayId(day, store),
        day,
        store,
        flows: flows[store] ?? ZERO_FLOWS(),
        // Placeholders until the chain below carries the levels in.
        levels: { members: 0, outstandingPoints: null, liabilityFen: null },
        trailing: emptyTrailing(),
        snapshot: (day === previousDay(shopDate(now)) ? snapshotOf(store) : null) ?? kept.get(statsDayId(day, store)) ?? null,
        computedAt: now,
      })
  }

  const ledger = ledgerRepo(db)
  let rows = 0
  for (;;) {
    if (!budget.canTakeMore()) {
      // What is finished is written as it stands; the chain is carried when the range is done.
      await repo.save(finished)
      await repo.saveProgress(progress)
      return { done: false, rows, written: finished.length, carried: 0 }
    }
    const limit = Math.min(PAGE, budget.membersLeft())
    const page = await ledger.createdBetween(null, shopDayStart(progress.day), end, progress.cursor && { at: new Date(progress.cursor.at), id: progress.cursor.id }, limit)
    let { day, flows } = progress
    for (const row of page) {
      const rowDay = shopDate(new Date(row.createdAt))
      for (; day < rowDay; day = nextDay(day), flows = {}) finish(day, flows)
      addLedgerRow(flows, row)
    }
    budget.taken += page.length
    rows += page.length
    const last = page[page.length - 1]
    progress = { ...progress, day, flows, cursor: last ? { at: new Date(last.createdAt), id: last._id } : progress.cursor }
    if (page.length < limit) break
  }
  for (let { day, flows } = progress; day <= to; day = nextDay(day), flows = {}) finish(day, flows)

  const written = await carry(db, finished, stored, from, rules.points.pointsPerCashYuan)
  if (saved) await repo.clearProgress(from, to)
  return { done: true, rows, written, carried: Math.max(0, written - finished.length) }
}

type DayFacts = Awaited<ReturnType<typeof readFacts>>
async function readFacts(db: Database, start: Date, end: Date) {
  const facts = dayFactsRepo(db)
  const [joined, removed, erased, signups, checkIns, opened, closed, sends] = await Promise.all([
    facts.joined(start, end),
    facts.removed(start, end),
    facts.erased(start, end),
    facts.signups(start, end),
    facts.checkIns(start, end),
    facts.ticketsOpened(start, end),
    facts.ticketsClosed(start, end),
    facts.sends(start, end),
  ])
  return { joined, removed, erased, signups, checkIns, opened, closed, sends }
}

/** The range's facts read once, each put on its Beijing day. */
async function factsByDay(db: Database, start: Date, end: Date): Promise<Map<string, DayFacts>> {
  const all = await readFacts(db, start, end)
  const byDay = new Map<string, DayFacts>()
  const on = (at: unknown) => {
    const day = shopDate(new Date(at as Date))
    let facts = byDay.get(day)
    if (!facts) byDay.set(day, (facts = { joined: [], removed: [], erased: [], signups: [], checkIns: [], opened: [], closed: [], sends: [] }))
    return facts
  }
  for (const member of all.joined) on((member as { joinedAt?: Date }).joinedAt).joined.push(member)
  for (const member of all.removed) on((member as { removedAt?: Date }).removedAt).removed.push(member)
  for (const member of all.erased) on((member as { erasedAt?: Date }).erasedAt).erased.push(member)
  for (const signup of all.signups) on(signup.signedUpAt).signups.push(signup)
  for (const signup of all.checkIns) on(signup.checkedInAt).checkIns.push(signup)
  for (const ticket of all.opened) on(ticket.createdAt).opened.push(ticket)
  for (const ticket of all.closed) on(ticket.closedAt).closed.push(ticket)
  for (const send of all.sends) on(send.sentAt).sends.push(send)
  return byDay
}

function addFacts(flows: FlowsByStore, facts: DayFacts | undefined): void {
  if (!facts) return
  for (const member of facts.joined) addNewMember(flows, member.source?.store ?? null)
  for (const member of facts.removed) addLeftMember(flows, member.source?.store ?? null)
  // An erased member the shop had removed before left on that earlier day.
  for (const member of facts.erased) if (!member.removedAt) addLeftMember(flows, member.source?.store ?? null)
  for (let i = 0; i < facts.signups.length; i++) addSignup(flows)
  for (const signup of facts.checkIns) addCheckIn(flows, signup.checkedInStore)
  for (let i = 0; i < facts.opened.length; i++) addTicketOpened(flows)
  for (const ticket of facts.closed) addTicketClosed(flows, { ...ticket, score: ticket.resolutions?.[ticket.resolutions.length - 1]?.rating?.score ?? null })
  for (const send of facts.sends) if (send.campaignId) addCampaignSend(flows)
}

/**
 * Carries the running levels and trailing sums through each store's days from `from` on (the
 * range just computed, `finished`, over what is stored): one read per store of its days from 90
 * before `from` to its latest, and one write per document of the range or whose figures moved.
 * A store whose chain starts in the range (no day before it) counts its levels from the members
 * and the ledger.
 */
async function carry(db: Database, finished: StoredDay[], storedByStore: Map<string, StoredDay[]>, from: string, pointsPerCashYuan: number): Promise<number> {
  const repo = statsRepo(db)
  const facts = dayFactsRepo(db)
  const toWrite = new Map<string, StoredDay>()
  const stores = [...new Set(finished.map((doc) => doc.store))]
  for (const store of stores) {
    const mine = finished.filter((doc) => doc.store === store)
    // A store only the day's orders name (not in the store list) is read here.
    const stored = storedByStore.get(store) ?? (await storedAround(db, store, from, mine[mine.length - 1].day))
    const fresh = new Map(mine.map((doc) => [doc.day, doc]))
    const days = [...stored.filter((doc) => !fresh.has(doc.day)), ...mine].sort((a, b) => a.day.localeCompare(b.day))
    const present = new Set(days.map((doc) => doc.day))
    const bootstraps = new Map<string, StoredDay['levels']>()
    for (const doc of days)
      if (doc.day >= from && !present.has(previousDay(doc.day))) {
        const levels = await facts.countedLevels(store === ALL_STORES ? null : store, shopDayEnd(doc.day))
        bootstraps.set(doc.day, { ...levels, liabilityFen: levels.outstandingPoints === null ? null : liabilityOf(levels.outstandingPoints, pointsPerCashYuan) })
      }
    for (const doc of mine) toWrite.set(doc._id, doc)
    for (const doc of rederive(days, from, (day) => bootstraps.get(day)!, pointsPerCashYuan)) toWrite.set(doc._id, doc)
  }
  await repo.save([...toWrite.values()])
  return toWrite.size
}

/** One store's stored days from 90 before `from` (the trailing windows' reach) to its latest, or `to` when that is later. */
async function storedAround(db: Database, store: string, from: string, to: string): Promise<StoredDay[]> {
  const repo = statsRepo(db)
  const latest = await repo.latest(store)
  return repo.range(store, daysBefore(from, 90), latest && latest.day > to ? latest.day : to)
}

/** The classification's snapshot for yesterday: the walk that finished this morning, if it has. */
async function snapshotsFor(db: Database, now: Date): Promise<(store: string) => DaySnapshot | null> {
  const settings = await segmentsRepo(db).rfmSettings()
  const walk = settings.walk
  if (!walk || !walk.done || !walk.tally || walk.day !== shopDate(now)) return () => null
  const takenAt = new Date(settings.computedAt ?? now).toISOString()
  return (store) => {
    const tally = walk.tally?.[store]
    return tally ? { takenAt, ...tally } : null
  }
}

/** Yesterday, and days before it the timer missed (up to a week), oldest first. */
export async function dueDays(db: Database, now: Date): Promise<string[]> {
  const yesterday = previousDay(shopDate(now))
  const from = daysBefore(yesterday, 6)
  const repo = statsRepo(db)
  // A day cut off mid-walk has no document yet (they are written when its walk ends), so it is due too.
  const have = new Set((await repo.range(ALL_STORES, from, yesterday)).map((doc) => doc.day))
  return daysFrom(from, yesterday).filter((day) => !have.has(day))
}

/** Yesterday's documents without a snapshot, once this morning's classification has finished: given it. */
export async function attachSnapshot(db: Database, now: Date): Promise<boolean> {
  const day = previousDay(shopDate(now))
  const snapshotOf = await snapshotsFor(db, now)
  const repo = statsRepo(db)
  const [shop] = await repo.range(ALL_STORES, day, day)
  if (!shop || shop.snapshot || !snapshotOf(ALL_STORES)) return false
  const stores = await storesRepo(db).all()
  const ids = [ALL_STORES, ...stores.map((store) => store._id)]
  await repo.setSnapshot(
    ids.map((store) => statsDayId(day, store)),
    ids.map((store) => snapshotOf(store)),
  )
  return true
}
