import type { TierId } from '../contract/enums'
import { ledgerRepo } from '../data/ledger'
import { membersRepo } from '../data/members'
import type { Cursor } from '../data/paging'
import { refundsRepo } from '../data/refunds'
import { activeRules } from '../data/rules'
import { staffRepo } from '../data/staff'
import { storesRepo } from '../data/stores'
import { csvLine } from '../domain/csv'
import type { ExportDoc } from '../domain/exportJob'
import { ledgerCells, memberCells, orderCells, type ExportLookups } from '../domain/exportRows'
import { isOrderRow, type LedgerRow } from '../domain/ledger'
import type { Database } from '../runtime/cloud'

/** One page of an export's walk: its CSV lines, how many rows they hold, and where the walk goes on from. */
export interface ExportPage {
  text: string
  rows: number
  /** Documents read: fewer than asked for means the range is exhausted. */
  fetched: number
  last: Cursor | null
}

/** What every page of a chunk shares: store and tier names, read once per chunk. */
export interface ChunkLookups {
  storeNames: Map<string, string>
  tierNames: Record<TierId, string>
}

export async function chunkLookups(db: Database, now: Date): Promise<ChunkLookups> {
  const [stores, rules] = await Promise.all([storesRepo(db).all(), activeRules(db, now)])
  return {
    storeNames: new Map(stores.map((store) => [store._id, store.name])),
    tierNames: Object.fromEntries(rules.tiers.tiers.map((tier) => [tier.id, tier.name])) as Record<TierId, string>,
  }
}

const NO_NAMES: ReadonlyMap<string, never> = new Map<string, never>()

/** The next `limit` rows of the job's range after `after`, as CSV lines. */
export async function readExportPage(db: Database, job: ExportDoc, after: Cursor | null, limit: number, shared: ChunkLookups): Promise<ExportPage> {
  const base: ExportLookups = { ...shared, members: NO_NAMES, staffNames: NO_NAMES, refundedFen: NO_NAMES, fullPhone: job.fullPhone }
  if (job.kind === 'members') {
    const members = await membersRepo(db).joinedBetween(job.startAt, job.endAt, after, limit)
    const last = members[members.length - 1]
    return { text: members.map((member) => csvLine(memberCells(member, base))).join(''), rows: members.length, fetched: members.length, last: last ? { at: last.joinedAt, id: last._id } : null }
  }
  const rows = await ledgerRepo(db).createdBetween(job.kind === 'orders' ? 'earn' : null, job.startAt, job.endAt, after, limit)
  const last = rows[rows.length - 1]
  const cursor = last ? { at: last.createdAt, id: last._id } : null
  if (job.kind === 'ledger') {
    const lookups = await lineLookups(db, rows, base, false)
    return { text: rows.map((row) => csvLine(ledgerCells(row, lookups))).join(''), rows: rows.length, fetched: rows.length, last: cursor }
  }
  // The consumption records are the earn rows carrying an order; other earn rows (a birthday's points) are walked past.
  const orders = rows.filter(isOrderRow)
  const lookups = await lineLookups(db, orders, base, true)
  return { text: orders.map((row) => csvLine(orderCells(row, lookups))).join(''), rows: orders.length, fetched: rows.length, last: cursor }
}

/** The members, colleagues and refunds a page's lines name, each looked up in one round trip, side by side. */
async function lineLookups(db: Database, rows: LedgerRow[], base: ExportLookups, orders: boolean): Promise<ExportLookups> {
  const openids = new Set(rows.map((row) => row.openid))
  const staff = [...new Set(rows.map((row) => (orders ? row.order!.cashier : row.by)).filter((by) => by !== 'system' && !openids.has(by)))]
  const [members, staffNames, refundedFen] = await Promise.all([
    membersRepo(db).identitiesOf([...openids]),
    staffRepo(db).namesOf(staff),
    orders ? refundsRepo(db).refundedFenOf(rows.map((row) => row._id)) : Promise.resolve(new Map<string, number>()),
  ])
  return { ...base, members, staffNames, refundedFen }
}
