/** Collections of documents with per-document versions (for transaction conflict detection),
 *  version history while transactions are open (for snapshot reads), and unique-index maintenance. */
import { randomBytes } from 'node:crypto'
import { EJSON } from 'bson'
import { Doc, deepClone } from './ejson'
import { duplicateKey } from './errors'
import type { IndexSpec } from './indexes'
import { getPath } from './indexes'

export function idKey(id: unknown): string {
  return typeof id === 'string' ? 's:' + id : 'j:' + EJSON.stringify(id, { relaxed: false })
}

/** 32 lowercase hex chars, like WeChat cloud's generated `_id`s. */
export function newId(): string {
  return randomBytes(16).toString('hex')
}

interface Version {
  seq: number
  doc: Doc | undefined
}

/** The key under which a value is bucketed: equal values (as a filter's equality compares them) share it. */
export function valueKey(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  switch (typeof value) {
    case 'string':
      return 's:' + value
    case 'number':
      return 'n:' + (Object.is(value, -0) ? 0 : value)
    case 'boolean':
      return 'b:' + value
    default:
      if (value instanceof Date) return 'd:' + value.getTime()
      return 'j:' + EJSON.stringify(value, { relaxed: false })
  }
}

/** Every value a dotted path reaches, arrays flattened at each level; an array leaf yields itself and,
 *  recursively, its elements. Nothing reached: [undefined] (missing matches null). It may yield more than
 *  an equality would match (a bucket is only a candidate set, the query still tests each document), never less. */
export function valuesAt(doc: unknown, parts: string[]): unknown[] {
  if (!parts.length) return Array.isArray(doc) ? [doc, ...doc.flatMap((el) => valuesAt(el, []))] : [doc]
  if (Array.isArray(doc)) {
    const out = doc.flatMap((el) => (el !== null && typeof el === 'object' ? valuesAt(el, parts) : []))
    return out.length ? out : [undefined]
  }
  if (doc === null || typeof doc !== 'object' || doc instanceof Date) return [undefined]
  return valuesAt((doc as Doc)[parts[0]], parts.slice(1))
}

export class Collection {
  docs = new Map<string, Doc>()
  /** Equality buckets on the first field of every declared index: field -> value key -> doc keys.
   *  A filter with an equality on such a field looks only at its bucket, so a query's cost follows
   *  what it matches, not the collection's size. */
  buckets = new Map<string, Map<string, Set<string>>>()
  versions = new Map<string, number>()
  history = new Map<string, Version[]>()
  /** unique index name -> tuple key -> doc key */
  unique = new Map<string, Map<string, string>>()
  /** string `_id` keys in `_id` order, rebuilt lazily after an insert or removal: the `_id` index. */
  idOrder: string[] | null = null
  constructor(
    public name: string,
    public uniqueIndexes: IndexSpec[],
    bucketFields: string[] = [],
  ) {
    for (const ix of uniqueIndexes) this.unique.set(ix.name, new Map())
    for (const field of bucketFields) this.buckets.set(field, new Map())
  }
}

/** One atomic commit as the store applied it: each written document's post-image (undefined: removed). */
export type CommitRecord = Array<{ collection: string; key: string; doc: Doc | undefined }> | 'clear'

interface UndoEntry {
  coll: Collection
  key: string
  doc: Doc | undefined
  version: number | undefined
  historyLen: number | undefined
}

export class Store {
  seq = 0
  colls = new Map<string, Collection>()
  /** set by the transaction manager: keep old versions while any transaction is open */
  keepHistory: () => boolean = () => false
  /** Called once per atomic commit (a batch, or a write outside one), synchronously and in commit order. */
  onCommit: (record: CommitRecord) => void = () => {}
  private undo: UndoEntry[] | null = null
  private committing: Exclude<CommitRecord, 'clear'> = []

  constructor(private indexes: IndexSpec[] = []) {}

  coll(name: string): Collection {
    let coll = this.colls.get(name)
    if (!coll) {
      const declared = this.indexes.filter((i) => i.collection === name)
      const bucketFields = [...new Set(declared.map((i) => i.fields[0]?.[0]).filter((field): field is string => !!field && field !== '_id' && !/(^|\.)\d+(\.|$)/.test(field)))]
      coll = new Collection(
        name,
        declared.filter((i) => i.unique),
        bucketFields,
      )
      this.colls.set(name, coll)
    }
    return coll
  }

  has(name: string): boolean {
    return this.colls.has(name)
  }

  /** internal references: callers must not mutate */
  all(name: string): Doc[] {
    const coll = this.colls.get(name)
    return coll ? [...coll.docs.values()] : []
  }

  /** Keys of the string `_id`s in ascending `_id` order (what walking the `_id` index yields). */
  idOrder(name: string): string[] {
    const coll = this.colls.get(name)
    if (!coll) return []
    if (!coll.idOrder) coll.idOrder = [...coll.docs.keys()].filter((key) => key.startsWith('s:')).sort((left, right) => (left < right ? -1 : left > right ? 1 : 0))
    return coll.idOrder
  }

  /** Documents whose `field` (the first field of a declared index) equals one of `values`; null when the field has no bucket. */
  bucket(name: string, field: string, values: unknown[]): Doc[] | null {
    const coll = this.colls.get(name)
    if (!coll) return []
    const buckets = coll.buckets.get(field)
    if (!buckets) return null
    const keys = new Set<string>()
    for (const value of values) for (const key of buckets.get(valueKey(value)) ?? []) keys.add(key)
    return [...keys].map((key) => coll.docs.get(key)!)
  }

  size(name: string): number {
    return this.colls.get(name)?.docs.size ?? 0
  }

  get(name: string, key: string): Doc | undefined {
    return this.colls.get(name)?.docs.get(key)
  }

  version(name: string, key: string): number {
    return this.colls.get(name)?.versions.get(key) ?? 0
  }

  /** The document as it was committed at `snapshot` (a value of `seq`). */
  readAt(name: string, key: string, snapshot: number): Doc | undefined {
    const coll = this.colls.get(name)
    if (!coll) return undefined
    if ((coll.versions.get(key) ?? 0) <= snapshot) return coll.docs.get(key)
    const history = coll.history.get(key)
    if (!history) return undefined
    for (let i = history.length - 1; i >= 0; i--) if (history[i].seq <= snapshot) return history[i].doc
    return undefined
  }

  /** Insert or replace (doc must carry `_id`). Enforces unique indexes. */
  put(name: string, doc: Doc): void {
    const coll = this.coll(name)
    const key = idKey(doc._id)
    const stored = deepClone(doc)
    const tuples = this.uniqueTuples(coll, stored)
    for (const [ix, tuple] of tuples) {
      const holder = coll.unique.get(ix)!.get(tuple)
      if (holder !== undefined && holder !== key) throw duplicateKey(name, ix, tuple)
    }
    this.write(coll, key, stored)
  }

  /** Insert only: fails with E11000 on an existing `_id`. */
  insert(name: string, doc: Doc): void {
    const coll = this.coll(name)
    if (coll.docs.has(idKey(doc._id))) throw duplicateKey(name, '_id_', `{ _id: ${EJSON.stringify(doc._id)} }`)
    this.put(name, doc)
  }

  remove(name: string, key: string): boolean {
    const coll = this.colls.get(name)
    if (!coll || !coll.docs.has(key)) return false
    this.write(coll, key, undefined)
    return true
  }

  /** Run several writes atomically: if fn throws, every write it made is undone. */
  batch<T>(fn: () => T): T {
    if (this.undo) return fn()
    this.undo = []
    this.committing = []
    try {
      const result = fn()
      this.undo = null
      this.emitCommit()
      return result
    } catch (error) {
      const undo = this.undo ?? []
      this.undo = null
      this.committing = []
      for (let i = undo.length - 1; i >= 0; i--) {
        const entry = undo[i]
        this.rawSet(entry.coll, entry.key, entry.doc)
        if (entry.version === undefined) entry.coll.versions.delete(entry.key)
        else entry.coll.versions.set(entry.key, entry.version)
        if (entry.historyLen === undefined) entry.coll.history.delete(entry.key)
        else entry.coll.history.get(entry.key)!.length = entry.historyLen
      }
      throw error
    }
  }

  clear(): void {
    this.colls.clear()
    this.onCommit('clear')
  }

  /** Drops the versions no open transaction can read any more: per document, the newest version at or
   *  before `oldest` (the oldest open snapshot) and everything after it stay. Without this, a store that
   *  always has some transaction open (any steady load) would keep every version it ever wrote. */
  pruneHistory(oldest: number): void {
    for (const coll of this.colls.values()) {
      for (const [key, history] of coll.history) {
        let keepFrom = 0
        for (let i = history.length - 1; i >= 0; i--) {
          if (history[i].seq <= oldest) {
            keepFrom = i
            break
          }
        }
        if (keepFrom > 0) history.splice(0, keepFrom)
        // Only the current version is left and every snapshot sees it: readAt needs no history.
        if (history.length === 1 && history[0].seq <= oldest) coll.history.delete(key)
      }
    }
  }

  dropHistory(): void {
    for (const coll of this.colls.values()) coll.history.clear()
  }

  private write(coll: Collection, key: string, doc: Doc | undefined): void {
    const prev = coll.docs.get(key)
    const prevVersion = coll.versions.get(key)
    const history = coll.history.get(key)
    if (this.undo) this.undo.push({ coll: coll, key, doc: prev, version: prevVersion, historyLen: history?.length })
    const seq = ++this.seq
    if (this.keepHistory()) {
      let hist = history
      if (!hist) {
        hist = [{ seq: prevVersion ?? 0, doc: prev }]
        coll.history.set(key, hist)
      }
      hist.push({ seq, doc })
    }
    this.rawSet(coll, key, doc)
    coll.versions.set(key, seq)
    this.committing.push({ collection: coll.name, key, doc })
    if (!this.undo) this.emitCommit()
  }

  private emitCommit(): void {
    const record = this.committing
    this.committing = []
    if (record.length) this.onCommit(record)
  }

  private rawSet(coll: Collection, key: string, doc: Doc | undefined): void {
    const prev = coll.docs.get(key)
    if (prev) for (const [ix, tuple] of this.uniqueTuples(coll, prev)) if (coll.unique.get(ix)!.get(tuple) === key) coll.unique.get(ix)!.delete(tuple)
    if (Boolean(prev) !== Boolean(doc)) coll.idOrder = null
    for (const [field, buckets] of coll.buckets) {
      const parts = field.split('.')
      const before = prev ? new Set(valuesAt(prev, parts).map(valueKey)) : new Set<string>()
      const after = doc ? new Set(valuesAt(doc, parts).map(valueKey)) : new Set<string>()
      for (const value of before) {
        if (after.has(value)) continue
        const bucket = buckets.get(value)
        bucket?.delete(key)
        if (bucket && !bucket.size) buckets.delete(value)
      }
      for (const bucketKey of after) {
        if (before.has(bucketKey)) continue
        let bucket = buckets.get(bucketKey)
        if (!bucket) buckets.set(bucketKey, (bucket = new Set()))
        bucket.add(key)
      }
    }
    if (doc) {
      coll.docs.set(key, doc)
      for (const [ix, tuple] of this.uniqueTuples(coll, doc)) coll.unique.get(ix)!.set(tuple, key)
    } else coll.docs.delete(key)
  }

  private uniqueTuples(coll: Collection, doc: Doc): Array<[string, string]> {
    return coll.uniqueIndexes.map((ix) => [ix.name, EJSON.stringify(Object.fromEntries(ix.fields.map(([field]) => [field, getPath(doc, field) ?? null])), { relaxed: false })])
  }
}
