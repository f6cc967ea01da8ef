/** Collections of documents with per-document versions (for transaction conflict detection),
 *  version history while transactions are open (for snapshot reads), and unique-index maintenance. */
import { randomBytes } from 'node:crypto';
import { EJSON } from 'bson';
import { Doc, deepClone } from './ejson';
import { duplicateKey } from './errors';
import type { IndexSpec } from './indexes';
import { getPath } from './indexes';

export function idKey(id: unknown): string {
  return typeof id === 'string' ? 's:' + id : 'j:' + EJSON.stringify(id as any, { relaxed: false });
}

/** 32 lowercase hex chars, like WeChat cloud's generated `_id`s. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

interface Version { seq: number; doc: Doc | undefined }

/** The key under which a value is bucketed: equal values (as a filter's equality compares them) share it. */
export function valueKey(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string': return 's:' + v;
    case 'number': return 'n:' + (Object.is(v, -0) ? 0 : v);
    case 'boolean': return 'b:' + v;
    default:
      if (v instanceof Date) return 'd:' + v.getTime();
      return 'j:' + EJSON.stringify(v as any, { relaxed: false });
  }
}

/** Every value a dotted path reaches, arrays flattened at each level; an array leaf yields itself and,
 *  recursively, its elements. Nothing reached: [undefined] (missing matches null). It may yield more than
 *  an equality would match (a bucket is only a candidate set, the query still tests each document), never less. */
export function valuesAt(doc: unknown, parts: string[]): unknown[] {
  if (!parts.length) return Array.isArray(doc) ? [doc, ...doc.flatMap((el) => valuesAt(el, []))] : [doc];
  if (Array.isArray(doc)) {
    const out = doc.flatMap((el) => (el !== null && typeof el === 'object' ? valuesAt(el, parts) : []));
    return out.length ? out : [undefined];
  }
  if (doc === null || typeof doc !== 'object' || doc instanceof Date) return [undefined];
  return valuesAt((doc as Doc)[parts[0]], parts.slice(1));
}

export class Collection {
  docs = new Map<string, Doc>();
  /** Equality buckets on the first field of every declared index: field -> value key -> doc keys.
   *  A filter with an equality on such a field looks only at its bucket, so a query's cost follows
   *  what it matches, not the collection's size. */
  buckets = new Map<string, Map<string, Set<string>>>();
  versions = new Map<string, number>();
  history = new Map<string, Version[]>();
  /** unique index name -> tuple key -> doc key */
  unique = new Map<string, Map<string, string>>();
  /** string `_id` keys in `_id` order, rebuilt lazily after an insert or removal: the `_id` index. */
  idOrder: string[] | null = null;
  constructor(public name: string, public uniqueIndexes: IndexSpec[], bucketFields: string[] = []) {
    for (const ix of uniqueIndexes) this.unique.set(ix.name, new Map());
    for (const field of bucketFields) this.buckets.set(field, new Map());
  }
}

/** One atomic commit as the store applied it: each written document's post-image (undefined: removed). */
export type CommitRecord = Array<{ collection: string; key: string; doc: Doc | undefined }> | 'clear';

interface UndoEntry { coll: Collection; key: string; doc: Doc | undefined; version: number | undefined; historyLen: number | undefined }

export class Store {
  seq = 0;
  colls = new Map<string, Collection>();
  /** set by the transaction manager: keep old versions while any transaction is open */
  keepHistory: () => boolean = () => false;
  /** Called once per atomic commit (a batch, or a write outside one), synchronously and in commit order. */
  onCommit: (record: CommitRecord) => void = () => {};
  private undo: UndoEntry[] | null = null;
  private committing: Exclude<CommitRecord, 'clear'> = [];

  constructor(private indexes: IndexSpec[] = []) {}

  coll(name: string): Collection {
    let c = this.colls.get(name);
    if (!c) {
      const declared = this.indexes.filter((i) => i.collection === name);
      const bucketFields = [...new Set(declared.map((i) => i.fields[0]?.[0]).filter((f): f is string => !!f && f !== '_id' && !/(^|\.)\d+(\.|$)/.test(f)))];
      c = new Collection(name, declared.filter((i) => i.unique), bucketFields);
      this.colls.set(name, c);
    }
    return c;
  }

  has(name: string): boolean {
    return this.colls.has(name);
  }

  /** internal references: callers must not mutate */
  all(name: string): Doc[] {
    const c = this.colls.get(name);
    return c ? [...c.docs.values()] : [];
  }

  /** Keys of the string `_id`s in ascending `_id` order (what walking the `_id` index yields). */
  idOrder(name: string): string[] {
    const c = this.colls.get(name);
    if (!c) return [];
    if (!c.idOrder) c.idOrder = [...c.docs.keys()].filter((key) => key.startsWith('s:')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return c.idOrder;
  }

  /** Documents whose `field` (the first field of a declared index) equals one of `values`; null when the field has no bucket. */
  bucket(name: string, field: string, values: unknown[]): Doc[] | null {
    const c = this.colls.get(name);
    if (!c) return [];
    const buckets = c.buckets.get(field);
    if (!buckets) return null;
    const keys = new Set<string>();
    for (const v of values) for (const key of buckets.get(valueKey(v)) ?? []) keys.add(key);
    return [...keys].map((key) => c.docs.get(key)!);
  }

  size(name: string): number {
    return this.colls.get(name)?.docs.size ?? 0;
  }

  get(name: string, key: string): Doc | undefined {
    return this.colls.get(name)?.docs.get(key);
  }

  version(name: string, key: string): number {
    return this.colls.get(name)?.versions.get(key) ?? 0;
  }

  /** The document as it was committed at `snapshot` (a value of `seq`). */
  readAt(name: string, key: string, snapshot: number): Doc | undefined {
    const c = this.colls.get(name);
    if (!c) return undefined;
    if ((c.versions.get(key) ?? 0) <= snapshot) return c.docs.get(key);
    const h = c.history.get(key);
    if (!h) return undefined;
    for (let i = h.length - 1; i >= 0; i--) if (h[i].seq <= snapshot) return h[i].doc;
    return undefined;
  }

  /** Insert or replace (doc must carry `_id`). Enforces unique indexes. */
  put(name: string, doc: Doc): void {
    const c = this.coll(name);
    const key = idKey(doc._id);
    const stored = deepClone(doc);
    const tuples = this.uniqueTuples(c, stored);
    for (const [ix, t] of tuples) {
      const holder = c.unique.get(ix)!.get(t);
      if (holder !== undefined && holder !== key) throw duplicateKey(name, ix, t);
    }
    this.write(c, key, stored);
  }

  /** Insert only: fails with E11000 on an existing `_id`. */
  insert(name: string, doc: Doc): void {
    const c = this.coll(name);
    if (c.docs.has(idKey(doc._id))) throw duplicateKey(name, '_id_', `{ _id: ${EJSON.stringify(doc._id as any)} }`);
    this.put(name, doc);
  }

  remove(name: string, key: string): boolean {
    const c = this.colls.get(name);
    if (!c || !c.docs.has(key)) return false;
    this.write(c, key, undefined);
    return true;
  }

  /** Run several writes atomically: if fn throws, every write it made is undone. */
  batch<T>(fn: () => T): T {
    if (this.undo) return fn();
    this.undo = [];
    this.committing = [];
    try {
      const r = fn();
      this.undo = null;
      this.emitCommit();
      return r;
    } catch (e) {
      const undo = this.undo ?? [];
      this.undo = null;
      this.committing = [];
      for (let i = undo.length - 1; i >= 0; i--) {
        const u = undo[i];
        this.rawSet(u.coll, u.key, u.doc);
        if (u.version === undefined) u.coll.versions.delete(u.key);
        else u.coll.versions.set(u.key, u.version);
        if (u.historyLen === undefined) u.coll.history.delete(u.key);
        else u.coll.history.get(u.key)!.length = u.historyLen;
      }
      throw e;
    }
  }

  clear(): void {
    this.colls.clear();
    this.onCommit('clear');
  }

  /** Drops the versions no open transaction can read any more: per document, the newest version at or
   *  before `oldest` (the oldest open snapshot) and everything after it stay. Without this, a store that
   *  always has some transaction open (any steady load) would keep every version it ever wrote. */
  pruneHistory(oldest: number): void {
    for (const c of this.colls.values()) {
      for (const [key, h] of c.history) {
        let keepFrom = 0;
        for (let i = h.length - 1; i >= 0; i--) {
          if (h[i].seq <= oldest) {
            keepFrom = i;
            break;
          }
        }
        if (keepFrom > 0) h.splice(0, keepFrom);
        // Only the current version is left and every snapshot sees it: readAt needs no history.
        if (h.length === 1 && h[0].seq <= oldest) c.history.delete(key);
      }
    }
  }

  dropHistory(): void {
    for (const c of this.colls.values()) c.history.clear();
  }

  private write(c: Collection, key: string, doc: Doc | undefined): void {
    const prev = c.docs.get(key);
    const prevVersion = c.versions.get(key);
    const h = c.history.get(key);
    if (this.undo) this.undo.push({ coll: c, key, doc: prev, version: prevVersion, historyLen: h?.length });
    const seq = ++this.seq;
    if (this.keepHistory()) {
      let hist = h;
      if (!hist) {
        hist = [{ seq: prevVersion ?? 0, doc: prev }];
        c.history.set(key, hist);
      }
      hist.push({ seq, doc });
    }
    this.rawSet(c, key, doc);
    c.versions.set(key, seq);
    this.committing.push({ collection: c.name, key, doc });
    if (!this.undo) this.emitCommit();
  }

  private emitCommit(): void {
    const record = this.committing;
    this.committing = [];
    if (record.length) this.onCommit(record);
  }

  private rawSet(c: Collection, key: string, doc: Doc | undefined): void {
    const prev = c.docs.get(key);
    if (prev) for (const [ix, t] of this.uniqueTuples(c, prev)) if (c.unique.get(ix)!.get(t) === key) c.unique.get(ix)!.delete(t);
    if (Boolean(prev) !== Boolean(doc)) c.idOrder = null;
    for (const [field, buckets] of c.buckets) {
      const parts = field.split('.');
      const before = prev ? new Set(valuesAt(prev, parts).map(valueKey)) : new Set<string>();
      const after = doc ? new Set(valuesAt(doc, parts).map(valueKey)) : new Set<string>();
      for (const v of before) {
        if (after.has(v)) continue;
        const bucket = buckets.get(v);
        bucket?.delete(key);
        if (bucket && !bucket.size) buckets.delete(v);
      }
      for (const v of after) {
        if (before.has(v)) continue;
        let bucket = buckets.get(v);
        if (!bucket) buckets.set(v, (bucket = new Set()));
        bucket.add(key);
      }
    }
    if (doc) {
      c.docs.set(key, doc);
      for (const [ix, t] of this.uniqueTuples(c, doc)) c.unique.get(ix)!.set(t, key);
    } else c.docs.delete(key);
  }

  private uniqueTuples(c: Collection, doc: Doc): Array<[string, string]> {
    return c.uniqueIndexes.map((ix) => [
      ix.name,
      EJSON.stringify(Object.fromEntries(ix.fields.map(([f]) => [f, getPath(doc, f) ?? null])) as any, { relaxed: false }),
    ]);
  }
}
