/** EmulatedDatabase: the in-process stand-in for the WeChat cloud database. */
import { Doc, deepClone, parseEJSON } from './ejson'
import { IndexSpec } from './indexes'
import { Persister } from './persist'
import { matching } from './query'
import { Store, idKey, newId } from './store'
import { Caller, DbStats, HandlerContext, handleBody } from './tcb-handler'
import { TxnManager } from './transactions'

export interface DatabaseOptions {
  /** if set: load on start; every commit is journaled and fsynced before its answer; snapshots per collection (see persist.ts) */
  persistDir?: string
  /** fold the journal into snapshots once a segment reaches this many bytes (default 64 MiB) */
  compactAtBytes?: number
  /** clock for serverDate(); default () => new Date() */
  now?: () => Date
  /** declared indexes (unique ones are enforced; all are used for examined counting) */
  indexes?: IndexSpec[]
  /** refuse filters that no declared index prefix (nor `_id`) supports; default false */
  strictIndexes?: boolean
}

function emptyStats(): DbStats {
  return { roundTrips: 0, byAction: {}, examined: 0, returned: 0 }
}

export class EmulatedDatabase {
  private store: Store
  private txns: TxnManager
  private persister: Persister | null = null
  private ctx: HandlerContext

  constructor(opts: DatabaseOptions = {}) {
    const indexes = opts.indexes ?? []
    this.store = new Store(indexes)
    this.txns = new TxnManager(this.store)
    this.ctx = {
      store: this.store,
      txns: this.txns,
      indexes,
      strictIndexes: opts.strictIndexes ?? false,
      now: opts.now ?? (() => new Date()),
      stats: emptyStats(),
    }
    if (opts.persistDir) {
      this.persister = new Persister(opts.persistDir, this.store, { compactAtBytes: opts.compactAtBytes })
      this.persister.load()
    }
  }

  /** Answer one TCB POST body with the exact JSON the SDK expects (including error answers).
   *  With persistence, the answer waits until every commit so far is on disk: an acknowledged write
   *  survives a kill, and so does anything a read could have seen. */
  async handle(body: Record<string, unknown>, caller?: Caller): Promise<Record<string, unknown>> {
    const answer = await handleBody(this.ctx, body, caller)
    if (this.persister) await this.persister.sync()
    return answer
  }

  /** Resolves once every write so far (including direct ones like insertMany) is on disk. */
  flush(): Promise<void> {
    return this.persister ? this.persister.sync() : Promise.resolve()
  }

  /** Stops writing to disk at once, keeping only what is already there, as `kill -9` would (tests of recovery). */
  simulateCrash(): void {
    this.persister?.halt()
  }

  /** Journal and fsync counts since start (null without persistence). */
  persistStats() {
    return this.persister ? { ...this.persister.stats } : null
  }

  stats(): DbStats {
    const stats = this.ctx.stats
    return { ...stats, byAction: { ...stats.byAction } }
  }

  resetStats(): void {
    this.ctx.stats = emptyStats()
  }

  /** Seed documents directly (no round trip). Generates `_id` when absent; fails on duplicates. */
  insertMany(collection: string, docs: object[]): void {
    this.store.batch(() => {
      for (const document of docs) {
        const doc = parseEJSON(deepClone(document), this.ctx.now) as Doc
        if (doc._id === undefined || doc._id === null) doc._id = newId()
        this.store.insert(collection, doc)
      }
    })
  }

  /** Deep copies of the documents matching a MongoDB filter (no round trip, not counted). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests and the bench read the rows as their own document types
  find(collection: string, filter?: object): any[] {
    return matching(this.store.all(collection), filter as Doc | undefined).map(deepClone)
  }

  /** Test helper: delete the documents matching a MongoDB filter directly (no round trip). Answers how many. */
  removeMany(collection: string, filter?: object): number {
    const keys = matching(this.store.all(collection), filter as Doc | undefined).map((doc) => idKey(doc._id))
    this.store.batch(() => {
      for (const key of keys) this.store.remove(collection, key)
    })
    return keys.length
  }

  /** Names of the collections that exist. */
  collections(): string[] {
    return [...this.store.colls.keys()]
  }

  /** Drop everything (all collections, open transactions). */
  clear(): void {
    this.store.clear()
    this.txns.clear()
  }

  /** Waits for the journal and folds it into snapshots. */
  async close(): Promise<void> {
    if (this.persister) await this.persister.close()
  }

  /** Test helper: make the next `n` commitTransaction calls fail with DATABASE_TRANSACTION_CONFLICT. */
  setFault(fault: { conflictNextCommits: number }): void {
    this.txns.forcedConflicts = fault.conflictNextCommits
  }

  /** Number of transactions currently open. */
  openTransactions(): number {
    return this.txns.active
  }
}
