/** Query planning: which declared index (or the `_id` index) answers a filter, and how many
 *  documents that makes the query examine, as a database walking that index would count them.
 *  The TCB handler (tcb-handler.ts) dispatches requests; this decides how each one reads. */
import type { Doc } from './ejson'
import { toEJSON } from './ejson'
import { DbError, REQUEST_FAILED } from './errors'
import { constraints, IndexSpec, isSupported, plan, type Plan } from './indexes'
import { compile } from './query'
import { idKey, valueKey, type Store } from './store'

export interface PlanContext {
  store: Store
  indexes: IndexSpec[]
  strictIndexes: boolean
  stats: { examined: number }
}

/** Examined/returned accounting plus the strictIndexes check for a filter on a collection. */
export function scan(ctx: PlanContext, coll: string, filter: Doc | undefined, page?: { order: Doc | undefined; stopAfter: number }): Doc[] {
  const indexes = ctx.indexes.filter((i) => i.collection === coll)
  if (ctx.strictIndexes && !isSupported(filter, indexes)) {
    throw new DbError(REQUEST_FAILED, `[emulator strictIndexes] no declared index on ${coll} supports filter ${toEJSON(filter)}`)
  }
  // An `_id` equality (beside any other conditions, as a conditional update's `{ _id, rev }` has) is a
  // point lookup on the `_id` index: only the documents it names are looked at.
  const ids = isConjunction(filter) ? idEquality(filter) : null
  if (ids) {
    const docs = ids.map((id) => ctx.store.get(coll, idKey(id))).filter((doc): doc is Doc => doc !== undefined && doc !== null)
    ctx.stats.examined += docs.length
    return docs
  }
  // Each index is judged over the documents its own leading equality reaches (every document its
  // conditions match is among them), so counts equal a whole-collection evaluation at a fraction of the cost.
  const candidatesOf = bucketsFor(ctx.store, coll, filter)
  const chosen = plan(
    filter,
    indexes,
    (index) => candidatesOf(index) ?? ctx.store.all(coll),
    (index) => page !== undefined && index !== null && covers(index, filter) && yieldsOrder(index, filter, page.order),
  )
  ctx.stats.examined += page ? examinedForPage(chosen, filter, indexes, page) : chosen.examined
  // What the query then filters: the smallest bucket any index offers (every match is in each of them).
  let smallest: Doc[] | null = null
  for (const index of indexes) {
    const bucket = candidatesOf(index)
    if (bucket && (!smallest || bucket.length < smallest.length)) smallest = bucket
  }
  return smallest ?? ctx.store.all(coll)
}

/** The ids a top-level `_id: v`, `_id: { $eq: v }` or `_id: { $in: [...] }` of strings or numbers names, or null. */
function idEquality(filter: Doc | undefined): Array<string | number> | null {
  const condition = filter?._id
  const isId = (value: unknown): value is string | number => typeof value === 'string' || typeof value === 'number'
  if (isId(condition)) return [condition]
  if (!condition || typeof condition !== 'object' || Array.isArray(condition) || condition instanceof RegExp) return null
  const ops = Object.keys(condition as Doc)
  if (ops.length !== 1) return null
  if (ops[0] === '$eq' && isId((condition as Doc).$eq)) return [(condition as Doc).$eq]
  if (ops[0] === '$in' && Array.isArray((condition as Doc).$in) && (condition as Doc).$in.every(isId)) return [...new Set((condition as Doc).$in as Array<string | number>)]
  return null
}

/** Equality values a filter fixes on a field (`f: v`, `f: { $eq: v }`, `f: { $in: [...] }`, also inside a top-level `$and`), or null. */
function equalityValues(filter: Doc | undefined, field: string): unknown[] | null {
  const conditions = constraints(filter).get(field)
  if (!conditions) return null
  let values: unknown[] | null = null
  for (const condition of conditions) {
    const these = plainEquality(condition)
    if (!these) continue
    values = values ? values.filter((value) => these.some((other) => valueKey(other) === valueKey(value))) : these
  }
  return values
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object' || value instanceof Date
}

function plainEquality(condition: unknown): unknown[] | null {
  if (isScalar(condition)) return [condition]
  if (condition instanceof RegExp || Array.isArray(condition)) return null
  const ops = Object.keys(condition as Doc)
  if (ops.length === 1 && ops[0] === '$eq' && isScalar((condition as Doc).$eq)) return [(condition as Doc).$eq]
  if (ops.length === 1 && ops[0] === '$in' && Array.isArray((condition as Doc).$in) && (condition as Doc).$in.every((value: unknown) => isScalar(value) && !(value instanceof RegExp)))
    return (condition as Doc).$in
  return null
}

/** Per index: the documents its leading field's equality bucket holds (memoised per field), or null. */
function bucketsFor(store: Store, coll: string, filter: Doc | undefined): (index: IndexSpec | null) => Doc[] | null {
  const memo = new Map<string, Doc[] | null>()
  return (index) => {
    const field = index?.fields[0]?.[0]
    if (!field || field === '_id') return null
    if (!memo.has(field)) {
      const values = equalityValues(filter, field)
      memo.set(field, values ? store.bucket(coll, field, values) : null)
    }
    return memo.get(field)!
  }
}

/**
 * A database walking an index stops once the page is full when the index answers the whole filter
 * and yields the requested order (or no order is asked): then it examines at most offset + limit.
 * Otherwise every document in the index range is looked at.
 */
function examinedForPage(chosen: Plan, filter: Doc | undefined, indexes: IndexSpec[], page: { order: Doc | undefined; stopAfter: number }): number {
  const index = indexes.find((candidate) => candidate.name === chosen.index)
  if (!index) return chosen.examined
  return covers(index, filter) && yieldsOrder(index, filter, page.order) ? Math.min(chosen.examined, page.stopAfter) : chosen.examined
}

/** The index answers the whole filter; conditions inside a top-level $and count as the filter's own (a cursor's bound beside the query's). */
function covers(index: IndexSpec, filter: Doc | undefined): boolean {
  const indexFields = new Set(index.fields.map(([field]) => field))
  return isConjunction(filter) && [...constraints(filter).keys()].every((field) => indexFields.has(field))
}

/** Field conditions joined by `$and` only: an `$or` (a history cursor's tie-break) is never answered by the index alone. */
function isConjunction(filter: Doc | undefined): boolean {
  return Object.entries(filter ?? {}).every(([key, value]) => (key === '$and' ? Array.isArray(value) && value.every((part) => isConjunction(part as Doc)) : !key.startsWith('$')))
}

/** Walking the index gives the requested order: the first order key decides; later keys only break ties. */
function yieldsOrder(index: IndexSpec, filter: Doc | undefined, order: Doc | undefined): boolean {
  const first = Object.keys(order ?? {})[0]
  return first === undefined || index.fields[0][0] === first || (filterFixes(filter, index.fields[0][0]) && index.fields[1]?.[0] === first)
}

/** An equality on the field: the index's next field then gives the order. */
function filterFixes(filter: Doc | undefined, field: string): boolean {
  return (constraints(filter).get(field) ?? []).some((condition) => typeof condition !== 'object' || condition === null || condition instanceof Date)
}

/**
 * A query ordered by `_id` alone reads the `_id` index in order: from the lower bound of any `_id`
 * range, testing each document, stopping once the page is full. Examined = documents walked, as a
 * database would count them. Only when every `_id` is a string (WeChat's are); otherwise, or for
 * any other order, the general path below answers.
 */
export function walkIdIndex(ctx: PlanContext, coll: string, filter: Doc | undefined, order: Doc | undefined, offset: number, limit: number): Doc[] | null {
  const keys = order ? Object.keys(order) : []
  if (keys.length !== 1 || keys[0] !== '_id' || ctx.strictIndexes) return null
  const ids = ctx.store.idOrder(coll)
  if (ids.length !== ctx.store.size(coll)) return null
  const descending = order!._id === -1 || order!._id === 'desc'
  const { lower: bound, upper } = idBounds(filter)
  const query = compile(filter)
  let index = 0
  if (!descending && bound !== undefined) {
    let low = 0
    let high = ids.length
    while (low < high) {
      const middle = (low + high) >> 1
      const key = 's:' + bound.value
      if (ids[middle] < key || (bound.exclusive && ids[middle] === key)) low = middle + 1
      else high = middle
    }
    index = low
  }
  const matched: Doc[] = []
  let skipped = 0
  let examined = 0
  const pastUpper = (key: string) => !descending && upper !== undefined && (key > 's:' + upper.value || (upper.exclusive && key === 's:' + upper.value))
  for (let i = index; i < ids.length && matched.length < limit; i++) {
    const key = descending ? ids[ids.length - 1 - i] : ids[i]
    if (pastUpper(key)) break
    const doc = ctx.store.get(coll, key)!
    examined++
    if (!query.test(doc)) continue
    if (skipped < offset) {
      skipped++
      continue
    }
    matched.push(doc)
  }
  ctx.stats.examined += examined
  return matched
}

/** The `_id` range a filter allows, from `_id: { $gt | $gte | $lt | $lte: string }` at the top or inside a top-level `$and`. */
function idBounds(filter: Doc | undefined): { lower?: { value: string; exclusive: boolean }; upper?: { value: string; exclusive: boolean } } {
  const conditions: Doc[] = []
  if (filter?._id && typeof filter._id === 'object') conditions.push(filter._id as Doc)
  if (Array.isArray(filter?.$and)) for (const part of filter!.$and as Doc[]) if (part?._id && typeof part._id === 'object') conditions.push(part._id as Doc)
  const bounds: ReturnType<typeof idBounds> = {}
  for (const condition of conditions) {
    if (typeof condition.$gt === 'string') bounds.lower = { value: condition.$gt, exclusive: true }
    if (typeof condition.$gte === 'string') bounds.lower = { value: condition.$gte, exclusive: false }
    if (typeof condition.$lt === 'string') bounds.upper = { value: condition.$lt, exclusive: true }
    if (typeof condition.$lte === 'string') bounds.upper = { value: condition.$lte, exclusive: false }
  }
  return bounds
}
