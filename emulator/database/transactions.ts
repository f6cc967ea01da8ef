/** Transactions: snapshot reads, buffered single-document writes, first-committer-wins at commit.
 *
 *  - `startTransaction` takes a snapshot (the store's commit sequence number).
 *  - Reads see the snapshot plus the transaction's own buffered writes.
 *  - Writes are buffered and applied atomically at commit. Commit fails with
 *    DATABASE_TRANSACTION_CONFLICT if any document the transaction wrote was changed (or created or
 *    removed) by anyone else since the snapshot (write-write conflict detection, like MongoDB/WeChat).
 *    Conflicts are only ever reported by commit: that is the one place the SDK's runTransaction can see
 *    the error code and retry (see README).
 *  - Transactions left open expire 30 s after they started.
 */
import { randomBytes } from 'node:crypto'
import type { Doc } from './ejson'
import { DbError, REQUEST_FAILED, TRANSACTION_CONFLICT } from './errors'
import { Store, idKey } from './store'

export const TRANSACTION_TTL_MS = 30_000

interface Write {
  coll: string
  key: string
  doc: Doc | undefined
  insert: boolean
}

export class Txn {
  writes = new Map<string, Write>()
  constructor(
    public id: string,
    public snapshot: number,
    public startedAt: number,
  ) {}
}

export class TxnManager {
  private txns = new Map<string, Txn>()
  /** set by tests to force the next N commits to fail with a conflict */
  forcedConflicts = 0

  constructor(
    private store: Store,
    private clock: () => number = Date.now,
  ) {
    store.keepHistory = () => this.txns.size > 0
  }

  get active(): number {
    return this.txns.size
  }

  start(): Txn {
    this.sweep()
    const txn = new Txn(randomBytes(12).toString('hex'), this.store.seq, this.clock())
    this.txns.set(txn.id, txn)
    return txn
  }

  get(id: unknown): Txn {
    this.sweep()
    const txn = typeof id === 'string' ? this.txns.get(id) : undefined
    if (!txn) throw new DbError(REQUEST_FAILED, `[ResourceNotFound] transaction ${String(id)} not found, already finished or expired`)
    return txn
  }

  read(txn: Txn, coll: string, id: unknown): Doc | undefined {
    const key = idKey(id)
    const pendingWrite = txn.writes.get(coll + '\u0000' + key)
    if (pendingWrite) return pendingWrite.doc
    return this.store.readAt(coll, key, txn.snapshot)
  }

  write(txn: Txn, coll: string, id: unknown, doc: Doc | undefined, insert = false): void {
    const key = idKey(id)
    const writeKey = coll + '\u0000' + key
    const prev = txn.writes.get(writeKey)
    txn.writes.set(writeKey, { coll, key, doc, insert: insert || (prev?.insert ?? false) })
  }

  commit(id: unknown): void {
    const txn = this.get(id)
    this.txns.delete(txn.id)
    try {
      if (this.forcedConflicts > 0) {
        this.forcedConflicts--
        throw conflict(txn)
      }
      for (const pendingWrite of txn.writes.values()) if (this.store.version(pendingWrite.coll, pendingWrite.key) > txn.snapshot) throw conflict(txn)
      this.store.batch(() => {
        for (const pendingWrite of txn.writes.values()) {
          if (pendingWrite.doc === undefined) this.store.remove(pendingWrite.coll, pendingWrite.key)
          else if (pendingWrite.insert && !this.store.get(pendingWrite.coll, pendingWrite.key)) this.store.insert(pendingWrite.coll, pendingWrite.doc)
          else this.store.put(pendingWrite.coll, pendingWrite.doc)
        }
      })
    } finally {
      this.trimHistory()
    }
  }

  abort(id: unknown): void {
    if (typeof id === 'string') this.txns.delete(id)
    this.trimHistory()
  }

  /** Old versions are kept only as far back as the oldest open snapshot. */
  private trimHistory(): void {
    if (!this.txns.size) return this.store.dropHistory()
    let oldest = Infinity
    for (const txn of this.txns.values()) oldest = Math.min(oldest, txn.snapshot)
    this.store.pruneHistory(oldest)
  }

  clear(): void {
    this.txns.clear()
    this.store.dropHistory()
  }

  private sweep(): void {
    const now = this.clock()
    let expired = false
    for (const [id, txn] of this.txns) {
      if (now - txn.startedAt > TRANSACTION_TTL_MS) {
        this.txns.delete(id)
        expired = true
      }
    }
    if (expired || !this.txns.size) this.trimHistory()
  }
}

function conflict(txn: Txn): DbError {
  return new DbError(TRANSACTION_CONFLICT, `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe last transaction still executing, transactionId: ${txn.id}`)
}
