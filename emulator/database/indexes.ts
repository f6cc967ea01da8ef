/** Declared indexes: which one a filter can use, and how many documents that makes the query examine. */
import { Query } from 'mingo'
import type { Doc } from './ejson'

export interface IndexSpec {
  collection: string
  name: string
  fields: Array<[field: string, dir: 1 | -1]>
  unique?: boolean
}

export function getPath(doc: unknown, path: string): unknown {
  let cur = doc
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur
}

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte'])
const EQ_OPS = new Set(['$eq', '$in'])

type Kind = 'eq' | 'range'

function condKind(cond: unknown): Kind | null {
  if (cond === null || typeof cond !== 'object' || cond instanceof Date) return 'eq'
  if (cond instanceof RegExp || Array.isArray(cond)) return cond instanceof RegExp ? null : 'eq'
  if ((cond as { _bsontype?: unknown })._bsontype) return 'eq'
  const keys = Object.keys(cond as object)
  if (keys.length === 0 || !keys.every((key) => key.startsWith('$'))) return 'eq' // embedded-document equality
  if (allFirst(cond) !== undefined) return 'eq'
  if (keys.every((key) => EQ_OPS.has(key))) return 'eq'
  if (keys.every((key) => EQ_OPS.has(key) || RANGE_OPS.has(key))) return 'range'
  return null
}

/**
 * `{ $all: [v, …] }` alone: MongoDB serves it from a (multikey) index on the field with the bounds of
 * one value, every document holding `v`; the other values are checked on the documents fetched.
 */
function allFirst(cond: unknown): { value: unknown } | undefined {
  const all = (cond as { $all?: unknown }).$all
  return Object.keys(cond as object).length === 1 && Array.isArray(all) && all.length > 0 ? { value: all[0] } : undefined
}

/** The part of a condition an index's bounds answer (what the index examines for it). */
function indexBound(cond: unknown): unknown {
  const first = cond !== null && typeof cond === 'object' ? allFirst(cond) : undefined
  return first ? first.value : cond
}

/** Top-level field conditions an index could serve (conjunctions only; `$and` is flattened). */
export function constraints(filter: Doc | undefined): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>()
  const visit = (filterDoc: Doc) => {
    for (const [key, value] of Object.entries(filterDoc)) {
      if (key === '$and' && Array.isArray(value)) value.forEach((item) => item && typeof item === 'object' && visit(item))
      else if (!key.startsWith('$')) {
        if (!out.has(key)) out.set(key, [])
        out.get(key)!.push(value)
      }
    }
  }
  if (filter) visit(filter)
  return out
}

export interface Plan {
  /** documents the query has to look at */
  examined: number
  /** index used ('_id_' for _id lookups), or null for a collection scan */
  index: string | null
}

function isEmpty(filter: Doc | undefined): boolean {
  return !filter || Object.keys(filter).length === 0
}

/** Choose the declared index (or `_id`) that makes the filter examine the fewest documents.
 *  `docsFor(index)` gives the documents to count an index's matches over (null: the `_id` index or
 *  a collection scan): the whole collection, or any subset holding every document the index's conditions match. */
export function plan(filter: Doc | undefined, indexes: IndexSpec[], docsFor: (index: IndexSpec | null) => Doc[], prefer: (index: IndexSpec | null) => boolean = () => false): Plan {
  const docs = docsFor(null)
  if (isEmpty(filter)) return { examined: docs.length, index: null }
  const cons = constraints(filter)
  const candidates: Array<{ name: string; sub: Doc; index: IndexSpec | null }> = []
  const idConds = cons.get('_id')
  if (idConds && idConds.every((cond) => condKind(cond) !== null)) candidates.push({ name: '_id_', sub: { $and: idConds.map((cond) => ({ _id: cond })) }, index: null })
  for (const ix of indexes) {
    const parts: Doc[] = []
    for (const [field] of ix.fields) {
      const cs = cons.get(field)
      if (!cs) break
      const kinds = cs.map(condKind)
      if (kinds.some((kind) => kind === null)) break
      for (const cond of cs) parts.push({ [field]: indexBound(cond) })
      if (kinds.some((kind) => kind === 'range')) break
    }
    if (parts.length) candidates.push({ name: ix.name, sub: { $and: parts }, index: ix })
  }
  if (!candidates.length) return { examined: docs.length, index: null }
  // Fewest documents wins; between equals, the index that also yields the requested order, as a planner weighing the sort would.
  let best: Plan | null = null
  let bestPreferred = false
  for (const candidate of candidates) {
    const query = new Query(candidate.sub)
    let count = 0
    for (const doc of docsFor(candidate.index)) if (query.test(doc)) count++
    if (!best || count < best.examined) {
      best = { examined: count, index: candidate.name }
      bestPreferred = false
    } else if (count === best.examined && !bestPreferred && prefer(candidate.index)) {
      // Asked only on a tie: a later equal takes the place when it is preferred (the first may be too; either serves).
      best = { examined: count, index: candidate.name }
      bestPreferred = true
    }
  }
  return best!
}

/** For strictIndexes: is there an index (or an `_id` condition) serving this non-empty filter? */
export function isSupported(filter: Doc | undefined, indexes: IndexSpec[]): boolean {
  if (isEmpty(filter)) return true
  const cons = constraints(filter)
  const usable = (field: string) => {
    const cs = cons.get(field)
    return !!cs && cs.every((cond) => condKind(cond) !== null)
  }
  if (usable('_id')) return true
  return indexes.some((ix) => ix.fields.length > 0 && usable(ix.fields[0][0]))
}
