import { ledgerRepo } from '../data/ledger'
import { activeRules } from '../data/rules'
import { segmentsRepo } from '../data/segments'
import { dayFactsRepo, statsRepo, type StatsProgress } from '../data/stats'
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

/** Ledger rows read per round trip (the most a function's get returns). */
const PAGE = 1000

/** Stops a run taking more rows: the time budget, and for tests and benches a cap on rows, as a timeout would. */
export class RowBudget {
  private readonly startedAt = Date.now()
  rows = 0
  constructor(
    private readonly budgetMs: number,
    private readonly maxRows = Number.POSITIVE_INFINITY,
  ) {}
  canTakeMore(): boolean {
    return this.rows < this.maxRows && this.elapsedMs() < this.budgetMs
  }
  rowsLeft(): number {
    return this.maxRows - this.rows
  }
  elapsedMs(): number {
    return Date.now() - this.startedAt
  }
}

/**
 * One Beijing day's statistics for the whole shop and each store: the day's ledger rows walked in
 * (createdAt, `_id`) order from the cursor in `settings/stats` (figures so far kept beside it, so
 * a run cut off resumes where it stopped and counts nothing twice), then the day's members,
 * signups, tickets and campaign sends through their date indexes. The day's documents are
 * replaced, never added to, and the running levels and trailing sums of the days after it follow.
 */
export async function computeDay(db: Database, day: string, budget: RowBudget, now: Date, carry: 'forward' | 'self' = 'forward'): Promise<{ done: boolean; rows: number; rederived: number }> {
  const repo = statsRepo(db)
  const settings = await repo.settings()
  const start = shopDayStart(day)
  const end = shopDayEnd(day)
  let progress: StatsProgress = settings.progress?.day === day ? settings.progress : { day, cursor: null, rows: 0, flows: {} }
  const ledger = ledgerRepo(db)
  let walked = 0
  for (;;) {
    if (!budget.canTakeMore()) {
      await repo.saveSettings({ ...settings, progress })
      return { done: false, rows: walked, rederived: 0 }
    }
    const limit = Math.min(PAGE, budget.rowsLeft())
    const page = await ledger.createdBetween(null, start, end, progress.cursor && { at: new Date(progress.cursor.at), id: progress.cursor.id }, limit)
    const flows = progress.flows
    for (const row of page) addLedgerRow(flows, row)
    budget.rows += page.length
    walked += page.length
    const last = page[page.length - 1]
    progress = { day, cursor: last ? { at: new Date(last.createdAt), id: last._id } : progress.cursor, rows: progress.rows + page.length, flows }
    if (page.length < limit) break
  }

  const flows = progress.flows
  await addDayFacts(db, flows, start, end)
  const [stores, rules] = await Promise.all([storesRepo(db).all(), activeRules(db, now)])
  const storeIds = [ALL_STORES, ...stores.map((store) => store._id), ...Object.keys(flows)].filter((id, index, all) => all.indexOf(id) === index)
  const snapshotOf = await snapshotsFor(db, day, now)
  const kept = new Map((await Promise.all(storeIds.map((store) => repo.range(store, day, day)))).flat().map((doc) => [doc.store, doc.snapshot]))
  const docs: StoredDay[] = storeIds.map((store) => ({
    _id: statsDayId(day, store),
    day,
    store,
    flows: flows[store] ?? ZERO_FLOWS(),
    // Placeholders until rederive below carries the chain in.
    levels: { members: 0, outstandingPoints: null, liabilityFen: null },
    trailing: emptyTrailing(),
    snapshot: snapshotOf(store) ?? kept.get(store) ?? null,
    computedAt: now,
  }))
  let rederived = 0
  for (const doc of docs) rederived += await rederiveStore(db, doc, rules.points.pointsPerCashYuan, carry)
  await repo.saveSettings({ ...settings, progress: null })
  return { done: true, rows: walked, rederived }
}

async function addDayFacts(db: Database, flows: FlowsByStore, start: Date, end: Date): Promise<void> {
  const facts = dayFactsRepo(db)
  const [joined, removed, erased, signups, checkIns, opened, closed, sends] = await Promise.all([
    facts.joined(start, end),
    facts.removed(start, end),
    facts.erased(start, end),
    facts.signups(start, end),
    facts.checkIns(start, end),
    facts.ticketsOpened(start, end),
    facts.ticketsClosed(start, end),
    facts.campaignSends(start, end),
  ])
  for (const member of joined) addNewMember(flows, member.source?.store ?? null)
  for (const member of removed) addLeftMember(flows, member.source?.store ?? null)
  // An erased member the shop had removed before left on that earlier day.
  for (const member of erased) if (!member.removedAt) addLeftMember(flows, member.source?.store ?? null)
  for (let i = 0; i < signups; i++) addSignup(flows)
  for (const signup of checkIns) addCheckIn(flows, signup.checkedInStore)
  for (let i = 0; i < opened; i++) addTicketOpened(flows)
  for (const ticket of closed) addTicketClosed(flows, { ...ticket, score: ticket.resolutions?.[ticket.resolutions.length - 1]?.rating?.score ?? null })
  for (let i = 0; i < sends; i++) addCampaignSend(flows)
}

/**
 * Writes the day and carries its levels and trailing sums into the days after it (up to 90 of
 * them feel its trailing sums; every later one its levels): one read of the store's days from 90
 * before it, one write per document whose figures changed.
 */
async function rederiveStore(db: Database, doc: StoredDay, pointsPerCashYuan: number, carry: 'forward' | 'self'): Promise<number> {
  const repo = statsRepo(db)
  const latest = carry === 'forward' ? await repo.latest(doc.store) : null
  const to = latest && latest.day > doc.day ? latest.day : doc.day
  const around = (await repo.range(doc.store, daysBefore(doc.day, 90), to)).filter((each) => each.day !== doc.day)
  const days = [...around, doc].sort((a, b) => a.day.localeCompare(b.day))
  const facts = dayFactsRepo(db)
  const bootstraps = new Map<string, StoredDay['levels']>()
  const needed = days.filter((each) => each.day >= doc.day && !days.some((other) => other.day === previousDay(each.day)))
  for (const each of needed) {
    const levels = await facts.countedLevels(doc.store === ALL_STORES ? null : doc.store, shopDayEnd(each.day))
    bootstraps.set(each.day, { ...levels, liabilityFen: levels.outstandingPoints === null ? null : liabilityOf(levels.outstandingPoints, pointsPerCashYuan) })
  }
  const changed = rederive(days, doc.day, (day) => bootstraps.get(day)!, pointsPerCashYuan)
  const toSave = changed.some((each) => each.day === doc.day) ? changed : [...changed, days.find((each) => each.day === doc.day)!]
  await repo.save(toSave)
  return toSave.length - 1
}

/** The classification's snapshot for `day`: the walk that finished on the next morning, if it has. */
async function snapshotsFor(db: Database, day: string, now: Date): Promise<(store: string) => DaySnapshot | null> {
  const settings = await segmentsRepo(db).rfmSettings()
  const walk = settings.walk
  if (!walk || !walk.done || !walk.tally || walk.day !== nextDay(day)) return () => null
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
  const have = new Set((await statsRepo(db).range(ALL_STORES, from, yesterday)).map((doc) => doc.day))
  const settings = await statsRepo(db).settings()
  const due: string[] = []
  for (let day = from; day <= yesterday; day = nextDay(day)) if (!have.has(day) || settings.progress?.day === day) due.push(day)
  return due
}

/** Yesterday's documents without a snapshot, once this morning's classification has finished: given it. */
export async function attachSnapshot(db: Database, now: Date): Promise<boolean> {
  const day = previousDay(shopDate(now))
  const snapshotOf = await snapshotsFor(db, day, now)
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

/** After a backfill (each day carried only from the one before it): the days after `day` follow it. */
export async function carryForward(db: Database, day: string, now: Date): Promise<number> {
  const repo = statsRepo(db)
  const [stores, rules] = await Promise.all([storesRepo(db).all(), activeRules(db, now)])
  let rederived = 0
  for (const store of [ALL_STORES, ...stores.map((each) => each._id)]) {
    const latest = await repo.latest(store)
    if (!latest || latest.day <= day) continue
    const days = await repo.range(store, daysBefore(day, 90), latest.day)
    const changed = rederive(days, nextDay(day), () => ({ members: 0, outstandingPoints: null, liabilityFen: null }), rules.points.pointsPerCashYuan)
    await repo.save(changed)
    rederived += changed.length
  }
  return rederived
}
