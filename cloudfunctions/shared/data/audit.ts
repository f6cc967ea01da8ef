import type { Database } from '../runtime/cloud'
import type { AuditEntry } from '../runtime/router'
import { pastTies, type Cursor } from './paging'
import { rowsOf } from './results'

/** An entry as stored: the router's entry, and the staff member's name as it was when they acted. */
export interface AuditDoc extends AuditEntry {
  _id: string
  actorName?: string | null
}

/** The viewer's filters; each equality leads one of the audit indexes (actor, member, fn+action), time bounds the rest. */
export interface AuditFilter {
  actor?: string
  fn?: string
  action?: string
  member?: string
  /** Inclusive. */
  from?: Date
  /** Exclusive. */
  until?: Date
}

export function auditRepo(db: Database) {
  const collection = db.collection('audit')
  const _ = db.command
  return {
    async append(entry: AuditEntry & { actorName?: string | null }): Promise<void> {
      await db.collection('audit').add({ data: { ...entry, payload: entry.payload ?? null } })
    },
    /** Newest first from the cursor, `limit` entries (one more tells the viewer there is a next page). */
    async page(filter: AuditFilter, after: Cursor | null, limit: number): Promise<AuditDoc[]> {
      const equalities: Record<string, unknown> = {}
      if (filter.actor) equalities.actor = filter.actor
      if (filter.member) equalities.member = filter.member
      if (filter.fn) equalities.fn = filter.fn
      if (filter.action) equalities.action = filter.action
      // Each bound its own condition inside a top-level and: a range on `at` the index walks.
      const bounds = [filter.from && { at: _.gte(filter.from) }, filter.until && { at: _.lt(filter.until) }, after && { at: _.lte(after.at) }].filter((bound): bound is { at: never } => Boolean(bound))
      const where = bounds.length ? _.and([equalities, ...bounds]) : equalities
      const shown = (row: AuditDoc) => after !== null && new Date(row.at).getTime() === after.at.getTime() && row._id >= after.id
      return pastTies((fetched) => rowsOf<AuditDoc>(collection.where(where).orderBy('at', 'desc').orderBy('_id', 'desc').limit(fetched)), shown, limit, after ? 5 : 0)
    },
  }
}
