/** EJSON in/out for the TCB wire format (the SDK sends canonical EJSON strings, parses our answers with EJSON.parse). */
import { EJSON } from 'bson'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a stored document is untyped EJSON data; every field is read as the SDK sent it
export type Doc = Record<string, any>

const JS_FLAGS = new Set(['i', 'm', 's', 'u'])

function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Turn bson wrapper types into plain JS values mingo understands, and resolve `$tcb_server_date`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any EJSON value in, the same shape out (bson wrappers unwrapped)
export function normalize(value: any, now: () => Date): any {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date || value instanceof RegExp) return value
  if (Array.isArray(value)) return value.map((item) => normalize(item, now))
  const bsontype = value._bsontype
  if (bsontype === 'BSONRegExp') {
    const flags = [...String(value.options || '')].filter((flag) => JS_FLAGS.has(flag)).join('')
    return new RegExp(value.pattern, flags)
  }
  if (bsontype === 'Int32' || bsontype === 'Double') return Number(value.value)
  if (bsontype === 'Long') return value.toNumber()
  if (bsontype) return value // ObjectId, Decimal128, Binary…: kept as is
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number((value.$tcb_server_date && value.$tcb_server_date.offset) || 0)
    return new Date(now().getTime() + offset)
  }
  const out: Record<string, unknown> = {}
  for (const key of keys) out[key] = normalize(value[key], now)
  return out
}

/** Parse one EJSON string (or already-parsed value) from a request. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a request's EJSON: a filter, a document, an update, whatever the SDK sent
export function parseEJSON(text: unknown, now: () => Date): any {
  if (text === undefined || text === null || text === '') return undefined
  const raw = typeof text === 'string' ? EJSON.parse(text, { relaxed: true }) : text
  return normalize(raw, now)
}

/** Serialize a stored document for an answer (`data.list` items are EJSON strings). */
export function toEJSON(value: unknown): string {
  return EJSON.stringify(value, { relaxed: true })
}

/** Canonical EJSON keeps int/double distinctions and dates; used for persistence. */
export function toCanonicalEJSON(value: unknown, space?: number): string {
  return EJSON.stringify(value, undefined, space, { relaxed: false })
}

export function fromCanonicalEJSON(text: string): unknown {
  return normalize(EJSON.parse(text, { relaxed: true }), () => new Date())
}

/** Deep clone that keeps Dates, RegExps and bson values. */
export function deepClone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as T
  if (Array.isArray(value)) return value.map(deepClone) as T
  if ((value as { _bsontype?: unknown })._bsontype) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) out[key] = deepClone((value as Record<string, unknown>)[key])
  return out as T
}

/** Structural equality good enough for "did this update change the document". */
export function deepEqual(left: unknown, right: unknown): boolean {
  return toCanonicalEJSON(left) === toCanonicalEJSON(right)
}
