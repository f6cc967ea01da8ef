/** EJSON in/out for the TCB wire format (the SDK sends canonical EJSON strings, parses our answers with EJSON.parse). */
import { EJSON } from 'bson';

export type Doc = Record<string, any>;

const JS_FLAGS = new Set(['i', 'm', 's', 'u']);

function isPlainObject(v: unknown): v is Record<string, any> {
  if (v === null || typeof v !== 'object') return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/** Turn bson wrapper types into plain JS values mingo understands, and resolve `$tcb_server_date`. */
export function normalize(v: any, now: () => Date): any {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date || v instanceof RegExp) return v;
  if (Array.isArray(v)) return v.map((x) => normalize(x, now));
  const bsontype = (v as any)._bsontype;
  if (bsontype === 'BSONRegExp') {
    const flags = [...String(v.options || '')].filter((f) => JS_FLAGS.has(f)).join('');
    return new RegExp(v.pattern, flags);
  }
  if (bsontype === 'Int32' || bsontype === 'Double') return Number(v.value);
  if (bsontype === 'Long') return v.toNumber();
  if (bsontype) return v; // ObjectId, Decimal128, Binary…: kept as is
  if (!isPlainObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number((v.$tcb_server_date && v.$tcb_server_date.offset) || 0);
    return new Date(now().getTime() + offset);
  }
  const out: Record<string, any> = {};
  for (const k of keys) out[k] = normalize(v[k], now);
  return out;
}

/** Parse one EJSON string (or already-parsed value) from a request. */
export function parseEJSON(text: unknown, now: () => Date): any {
  if (text === undefined || text === null || text === '') return undefined;
  const raw = typeof text === 'string' ? EJSON.parse(text, { relaxed: true }) : text;
  return normalize(raw, now);
}

/** Serialize a stored document for an answer (`data.list` items are EJSON strings). */
export function toEJSON(v: unknown): string {
  return EJSON.stringify(v as any, { relaxed: true });
}

/** Canonical EJSON keeps int/double distinctions and dates; used for persistence. */
export function toCanonicalEJSON(v: unknown, space?: number): string {
  return EJSON.stringify(v as any, undefined, space, { relaxed: false });
}

export function fromCanonicalEJSON(text: string): any {
  return normalize(EJSON.parse(text, { relaxed: true }), () => new Date());
}

/** Deep clone that keeps Dates, RegExps and bson values. */
export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return new Date(v.getTime()) as any;
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as any;
  if (Array.isArray(v)) return v.map(deepClone) as any;
  if ((v as any)._bsontype) return v;
  const out: Record<string, any> = {};
  for (const k of Object.keys(v as any)) out[k] = deepClone((v as any)[k]);
  return out as T;
}

/** Structural equality good enough for "did this update change the document". */
export function deepEqual(a: unknown, b: unknown): boolean {
  return toCanonicalEJSON(a) === toCanonicalEJSON(b);
}
