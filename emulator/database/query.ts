/** Filters, ordering, paging and projection with MongoDB semantics (mingo, plus the MongoDB rules mingo gets wrong). */
import { Query } from 'mingo'
import { Doc, deepClone } from './ejson'
import { DbError, REQUEST_FAILED } from './errors'

export function compile(filter: Doc | undefined): Query {
  try {
    return new Query(filter ?? {})
  } catch (error) {
    throw new DbError(REQUEST_FAILED, `[InvalidParameter] bad query: ${(error as Error).message}`)
  }
}

export function matching(docs: Doc[], filter: Doc | undefined): Doc[] {
  if (!filter || Object.keys(filter).length === 0) return docs
  const query = compile(filter)
  return docs.filter((doc) => query.test(doc))
}

export interface FindOptions {
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Doc
}

export function find(docs: Doc[], filter: Doc | undefined, opts: FindOptions): Doc[] {
  const projection = opts.projection && Object.keys(opts.projection).length ? opts.projection : undefined
  try {
    const query = compile(filter)
    let list = matching(docs, filter)
    if (opts.order && Object.keys(opts.order).length) list = sortDocs(list, opts.order)
    const offset = opts.offset ?? 0
    if (offset || opts.limit !== undefined) list = list.slice(offset, opts.limit !== undefined ? offset + opts.limit : undefined)
    return projection ? project(list, projection, query) : list
  } catch (error) {
    if (error instanceof DbError) throw error
    throw new DbError(REQUEST_FAILED, `[InvalidParameter] ${(error as Error).message}`)
  }
}

function isSlice(value: unknown): value is { $slice: number | [number, number] } {
  return value !== null && typeof value === 'object' && '$slice' in (value as Doc)
}

function project(docs: Doc[], projection: Doc, query: Query): Doc[] {
  const specs = Object.values(projection)
  // MongoDB: a $slice without any inclusion keeps every other field (mingo treats it as an inclusion).
  if (specs.some(isSlice) && specs.every((value) => isSlice(value) || value === 0 || value === false)) return docs.map((doc) => sliceOnly(doc, projection))
  const out = query.find<Doc>(docs, projection).all()
  // MongoDB omits an $elemMatch-projected field when no element matches (mingo answers null).
  const elemMatched = Object.keys(projection).filter((key) => projection[key] && typeof projection[key] === 'object' && '$elemMatch' in projection[key])
  for (const doc of out) for (const key of elemMatched) if (doc[key] === null || doc[key] === undefined) delete doc[key]
  return out
}

function sliceOnly(doc: Doc, projection: Doc): Doc {
  const out = deepClone(doc)
  for (const [path, spec] of Object.entries(projection)) {
    const parts = path.split('.')
    const last = parts.pop()!
    const parents = parts.reduce<unknown[]>(
      (objs, part) => objs.flatMap((obj) => (Array.isArray(obj) ? obj : [obj])).map((obj) => (obj && typeof obj === 'object' ? (obj as Doc)[part] : undefined)),
      [out],
    )
    for (const parent of parents.flatMap((obj) => (Array.isArray(obj) ? obj : [obj]))) {
      if (!parent || typeof parent !== 'object') continue
      const parentDoc = parent as Doc
      if (!isSlice(spec)) delete parentDoc[last]
      else if (Array.isArray(parentDoc[last])) parentDoc[last] = slice(parentDoc[last], spec.$slice)
    }
  }
  return out
}

function slice(arr: unknown[], arg: number | [number, number]): unknown[] {
  if (Array.isArray(arg)) {
    const [skip, limit] = arg
    const start = skip < 0 ? Math.max(0, arr.length + skip) : skip
    return arr.slice(start, start + limit)
  }
  return arg >= 0 ? arr.slice(0, arg) : arr.slice(Math.max(0, arr.length + arg))
}

const EMPTY_ARRAY = Symbol('empty array')

/**
 * Stable sort by MongoDB's rules: missing sorts as null; an array field sorts by its smallest element
 * ascending and its largest descending, an empty array before null; types in BSON order
 * (null < numbers < strings < objects < arrays < … < booleans < dates < regexes).
 */
export function sortDocs(docs: Doc[], order: Record<string, unknown>): Doc[] {
  const keys = Object.entries(order).map(([path, dir]) => ({ parts: path.split('.'), dir: dir === -1 || dir === 'desc' ? -1 : 1 }))
  const decorated = docs.map((doc) => ({ doc, values: keys.map((sortKey) => sortValue(doc, sortKey.parts, sortKey.dir)) }))
  decorated.sort((left, right) => {
    for (let i = 0; i < keys.length; i++) {
      const cmp = compareValues(left.values[i], right.values[i])
      if (cmp) return cmp * keys[i].dir
    }
    return 0
  })
  return decorated.map((entry) => entry.doc)
}

function leaves(value: unknown, parts: string[]): unknown[] {
  if (!parts.length) return Array.isArray(value) ? (value.length ? value : [EMPTY_ARRAY]) : [value]
  const [part, ...rest] = parts
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part)) return leaves(value[Number(part)], rest)
    return value.flatMap((el) => (isPlain(el) ? leaves(el[part] ?? null, rest) : []))
  }
  return isPlain(value) ? (value[part] === undefined ? [] : leaves(value[part], rest)) : []
}

function sortValue(doc: Doc, parts: string[], dir: number): unknown {
  const found = leaves(doc, parts)
  const values = found.length > 1 ? found.filter((value) => value !== EMPTY_ARRAY) : found
  if (!values.length) return null
  return values.reduce((best, value) => (compareValues(value, best) * dir < 0 ? value : best))
}

function isPlain(value: unknown): value is Doc {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof RegExp) && !(value as Doc)._bsontype
}

function rank(value: unknown): number {
  if (value === EMPTY_ARRAY) return 0
  if (value === null || value === undefined) return 1
  if (typeof value === 'number') return 2
  if (typeof value === 'string') return 3
  if (Array.isArray(value)) return 5
  if (typeof value === 'boolean') return 8
  if (value instanceof Date) return 9
  if (value instanceof RegExp) return 11
  if ((value as Doc)._bsontype) return (value as Doc)._bsontype === 'ObjectId' ? 7 : 6
  return 4
}

/** BSON order of two values (sorting, $bucket boundaries). */
export function compareValues(left: unknown, right: unknown): number {
  const ra = rank(left)
  const rb = rank(right)
  if (ra !== rb) return ra < rb ? -1 : 1
  switch (ra) {
    case 2:
      return (left as number) < (right as number) ? -1 : (left as number) > (right as number) ? 1 : 0
    case 3:
      return (left as string) < (right as string) ? -1 : (left as string) > (right as string) ? 1 : 0
    case 8:
      return Number(left) - Number(right)
    case 9:
      return Math.sign((left as Date).getTime() - (right as Date).getTime())
    case 5:
      return compareLists(left as unknown[], right as unknown[])
    case 4: {
      const ea = Object.entries(left as Doc)
      const eb = Object.entries(right as Doc)
      for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
        const cmp = compareValues(ea[i][0], eb[i][0]) || compareValues(ea[i][1], eb[i][1])
        if (cmp) return cmp
      }
      return Math.sign(ea.length - eb.length)
    }
    case 0:
    case 1:
      return 0
    default:
      return compareValues(String(left), String(right))
  }
}

function compareLists(left: unknown[], right: unknown[]): number {
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const cmp = compareValues(left[i], right[i])
    if (cmp) return cmp
  }
  return Math.sign(left.length - right.length)
}
