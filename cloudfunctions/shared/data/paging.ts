import type { Database } from '../runtime/cloud'
import { rowsOf } from './results'

/**
 * Cursor paging on an indexed time field with `_id` breaking ties: the cursor is opaque to the
 * client (base64url of the last row's time and id), and a page is fetched from the cursor's own
 * time so the query stays a plain range on its index.
 */

/** The most rows one query returns on the server. */
const MAX_FETCH = 1000

/**
 * A page from a cursor whose query starts at the cursor's own time (`gte`/`lte` keeps it on its
 * index): the rows sharing that time that were already shown come back first and are dropped. When
 * they fill the fetch, it is fetched again with room for them, so ties at a page's edge (activities
 * starting the same minute) never cut the next page short and end the paging early.
 */
export async function pastTies<T>(fetch: (limit: number) => Promise<T[]>, shown: (row: T) => boolean, wanted: number, room: number): Promise<T[]> {
  for (let extra = room; ; extra = extra * 4 + 20) {
    const fetched = Math.min(wanted + extra, MAX_FETCH)
    const rows = await fetch(fetched)
    const kept = rows.filter((row) => !shown(row))
    if (kept.length >= wanted || rows.length < fetched || fetched === MAX_FETCH) return kept.slice(0, wanted)
  }
}

export interface Cursor {
  at: Date
  id: string
}

export function encodeCursor(at: Date | string, id: string): string {
  return Buffer.from(JSON.stringify([new Date(at).getTime(), id])).toString('base64url')
}

/** Null for no cursor or one this server never handed out. */
export function decodeCursor(cursor: string | undefined): Cursor | null | 'invalid' {
  if (!cursor) return null
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number, string]
    if (typeof at !== 'number' || typeof id !== 'string') return 'invalid'
    return { at: new Date(at), id }
  } catch {
    return 'invalid'
  }
}

/**
 * Every document whose `field` falls within `[start, end)`, in (date, `_id`) order so a (date,
 * `_id`) index answers it, a page at a time from the last one read: the rest of its instant (by
 * `_id`), then the instants after it. Each document is examined once however many there are.
 */
export async function allWithin<T extends { _id: string }>(
  db: Database,
  collection: ReturnType<Database['collection']>,
  field: string,
  start: Date,
  end: Date,
  fields: Record<string, true>,
): Promise<T[]> {
  const _ = db.command
  const projection = { _id: true, [field]: true, ...fields }
  const page = (where: Record<string, unknown>) => rowsOf<T>(collection.where(where).orderBy(field, 'asc').orderBy('_id', 'asc').limit(MAX_FETCH).field(projection))
  const found: T[] = await page({ [field]: _.and([_.gte(start), _.lt(end)]) })
  for (let last = found.length === MAX_FETCH ? found[found.length - 1] : null; last;) {
    const at = (last as Record<string, unknown>)[field] as Date
    const [ties, later] = await Promise.all([page({ [field]: at, _id: _.gt(last._id) }), page({ [field]: _.and([_.gt(at), _.lt(end)]) })])
    const next = [...ties, ...later].slice(0, MAX_FETCH)
    found.push(...next)
    last = next.length === MAX_FETCH ? next[next.length - 1] : null
  }
  return found
}
