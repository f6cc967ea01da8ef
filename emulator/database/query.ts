/** Filters, ordering, paging and projection with MongoDB semantics (mingo, plus the MongoDB rules mingo gets wrong). */
import { Query } from 'mingo';
import { Doc, deepClone } from './ejson';
import { DbError, REQUEST_FAILED } from './errors';

export function compile(filter: Doc | undefined): Query {
  try {
    return new Query(filter ?? {});
  } catch (e) {
    throw new DbError(REQUEST_FAILED, `[InvalidParameter] bad query: ${(e as Error).message}`);
  }
}

export function matching(docs: Doc[], filter: Doc | undefined): Doc[] {
  if (!filter || Object.keys(filter).length === 0) return docs;
  const q = compile(filter);
  return docs.filter((d) => q.test(d));
}

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit?: number;
  projection?: Doc;
}

export function find(docs: Doc[], filter: Doc | undefined, opts: FindOptions): Doc[] {
  const projection = opts.projection && Object.keys(opts.projection).length ? opts.projection : undefined;
  try {
    const query = compile(filter);
    let list = matching(docs, filter);
    if (opts.order && Object.keys(opts.order).length) list = sortDocs(list, opts.order);
    const offset = opts.offset ?? 0;
    if (offset || opts.limit !== undefined) list = list.slice(offset, opts.limit !== undefined ? offset + opts.limit : undefined);
    return projection ? project(list, projection, query) : list;
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw new DbError(REQUEST_FAILED, `[InvalidParameter] ${(e as Error).message}`);
  }
}

function isSlice(v: unknown): v is { $slice: number | [number, number] } {
  return v !== null && typeof v === 'object' && '$slice' in (v as Doc);
}

function project(docs: Doc[], projection: Doc, query: Query): Doc[] {
  const specs = Object.values(projection);
  // MongoDB: a $slice without any inclusion keeps every other field (mingo treats it as an inclusion).
  if (specs.some(isSlice) && specs.every((v) => isSlice(v) || v === 0 || v === false)) return docs.map((d) => sliceOnly(d, projection));
  const out = query.find<Doc>(docs, projection).all();
  // MongoDB omits an $elemMatch-projected field when no element matches (mingo answers null).
  const elemMatched = Object.keys(projection).filter((k) => projection[k] && typeof projection[k] === 'object' && '$elemMatch' in projection[k]);
  for (const d of out) for (const k of elemMatched) if (d[k] === null || d[k] === undefined) delete d[k];
  return out;
}

function sliceOnly(doc: Doc, projection: Doc): Doc {
  const out = deepClone(doc);
  for (const [path, spec] of Object.entries(projection)) {
    const parts = path.split('.');
    const last = parts.pop()!;
    const parents = parts.reduce<unknown[]>((objs, part) => objs.flatMap((o) => (Array.isArray(o) ? o : [o])).map((o) => (o && typeof o === 'object' ? (o as Doc)[part] : undefined)), [out]);
    for (const parent of parents.flatMap((o) => (Array.isArray(o) ? o : [o]))) {
      if (!parent || typeof parent !== 'object') continue;
      const p = parent as Doc;
      if (!isSlice(spec)) delete p[last];
      else if (Array.isArray(p[last])) p[last] = slice(p[last], spec.$slice);
    }
  }
  return out;
}

function slice(arr: unknown[], arg: number | [number, number]): unknown[] {
  if (Array.isArray(arg)) {
    const [skip, limit] = arg;
    const start = skip < 0 ? Math.max(0, arr.length + skip) : skip;
    return arr.slice(start, start + limit);
  }
  return arg >= 0 ? arr.slice(0, arg) : arr.slice(Math.max(0, arr.length + arg));
}

const EMPTY_ARRAY = Symbol('empty array');

/**
 * Stable sort by MongoDB's rules: missing sorts as null; an array field sorts by its smallest element
 * ascending and its largest descending, an empty array before null; types in BSON order
 * (null < numbers < strings < objects < arrays < … < booleans < dates < regexes).
 */
export function sortDocs(docs: Doc[], order: Record<string, unknown>): Doc[] {
  const keys = Object.entries(order).map(([path, dir]) => ({ parts: path.split('.'), dir: dir === -1 || dir === 'desc' ? -1 : 1 }));
  const decorated = docs.map((doc) => ({ doc, values: keys.map((k) => sortValue(doc, k.parts, k.dir)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareValues(a.values[i], b.values[i]);
      if (c) return c * keys[i].dir;
    }
    return 0;
  });
  return decorated.map((d) => d.doc);
}

function leaves(v: unknown, parts: string[]): unknown[] {
  if (!parts.length) return Array.isArray(v) ? (v.length ? v : [EMPTY_ARRAY]) : [v];
  const [part, ...rest] = parts;
  if (Array.isArray(v)) {
    if (/^\d+$/.test(part)) return leaves(v[Number(part)], rest);
    return v.flatMap((el) => (isPlain(el) ? leaves(el[part] ?? null, rest) : []));
  }
  return isPlain(v) ? (v[part] === undefined ? [] : leaves(v[part], rest)) : [];
}

function sortValue(doc: Doc, parts: string[], dir: number): unknown {
  const found = leaves(doc, parts);
  const values = found.length > 1 ? found.filter((v) => v !== EMPTY_ARRAY) : found;
  if (!values.length) return null;
  return values.reduce((best, v) => (compareValues(v, best) * dir < 0 ? v : best));
}

function isPlain(v: unknown): v is Doc {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && !(v as Doc)._bsontype;
}

function rank(v: unknown): number {
  if (v === EMPTY_ARRAY) return 0;
  if (v === null || v === undefined) return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 5;
  if (typeof v === 'boolean') return 8;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  if ((v as Doc)._bsontype) return (v as Doc)._bsontype === 'ObjectId' ? 7 : 6;
  return 4;
}

/** BSON order of two values (sorting, $bucket boundaries). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 2: return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 3: return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case 8: return Number(a) - Number(b);
    case 9: return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case 5: return compareLists(a as unknown[], b as unknown[]);
    case 4: {
      const ea = Object.entries(a as Doc);
      const eb = Object.entries(b as Doc);
      for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
        const c = compareValues(ea[i][0], eb[i][0]) || compareValues(ea[i][1], eb[i][1]);
        if (c) return c;
      }
      return Math.sign(ea.length - eb.length);
    }
    case 0:
    case 1: return 0;
    default: return compareValues(String(a), String(b));
  }
}

function compareLists(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i], b[i]);
    if (c) return c;
  }
  return Math.sign(a.length - b.length);
}
