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
import { randomBytes } from 'node:crypto';
import type { Doc } from './ejson';
import { DbError, REQUEST_FAILED, TRANSACTION_CONFLICT } from './errors';
import { Store, idKey } from './store';

export const TRANSACTION_TTL_MS = 30_000;

interface Write { coll: string; key: string; doc: Doc | undefined; insert: boolean }

export class Txn {
  writes = new Map<string, Write>();
  constructor(public id: string, public snapshot: number, public startedAt: number) {}
}

export class TxnManager {
  private txns = new Map<string, Txn>();
  /** set by tests to force the next N commits to fail with a conflict */
  forcedConflicts = 0;

  constructor(private store: Store, private clock: () => number = Date.now) {
    store.keepHistory = () => this.txns.size > 0;
  }

  get active(): number {
    return this.txns.size;
  }

  start(): Txn {
    this.sweep();
    const t = new Txn(randomBytes(12).toString('hex'), this.store.seq, this.clock());
    this.txns.set(t.id, t);
    return t;
  }

  get(id: unknown): Txn {
    this.sweep();
    const t = typeof id === 'string' ? this.txns.get(id) : undefined;
    if (!t) throw new DbError(REQUEST_FAILED, `[ResourceNotFound] transaction ${String(id)} not found, already finished or expired`);
    return t;
  }

  read(t: Txn, coll: string, id: unknown): Doc | undefined {
    const key = idKey(id);
    const w = t.writes.get(coll + '\u0000' + key);
    if (w) return w.doc;
    return this.store.readAt(coll, key, t.snapshot);
  }

  write(t: Txn, coll: string, id: unknown, doc: Doc | undefined, insert = false): void {
    const key = idKey(id);
    const k = coll + '\u0000' + key;
    const prev = t.writes.get(k);
    t.writes.set(k, { coll, key, doc, insert: insert || (prev?.insert ?? false) });
  }

  commit(id: unknown): void {
    const t = this.get(id);
    this.txns.delete(t.id);
    try {
      if (this.forcedConflicts > 0) {
        this.forcedConflicts--;
        throw conflict(t);
      }
      for (const w of t.writes.values()) if (this.store.version(w.coll, w.key) > t.snapshot) throw conflict(t);
      this.store.batch(() => {
        for (const w of t.writes.values()) {
          if (w.doc === undefined) this.store.remove(w.coll, w.key);
          else if (w.insert && !this.store.get(w.coll, w.key)) this.store.insert(w.coll, w.doc);
          else this.store.put(w.coll, w.doc);
        }
      });
    } finally {
      this.trimHistory();
    }
  }

  abort(id: unknown): void {
    if (typeof id === 'string') this.txns.delete(id);
    this.trimHistory();
  }

  /** Old versions are kept only as far back as the oldest open snapshot. */
  private trimHistory(): void {
    if (!this.txns.size) return this.store.dropHistory();
    let oldest = Infinity;
    for (const t of this.txns.values()) oldest = Math.min(oldest, t.snapshot);
    this.store.pruneHistory(oldest);
  }

  clear(): void {
    this.txns.clear();
    this.store.dropHistory();
  }

  private sweep(): void {
    const now = this.clock();
    let expired = false;
    for (const [id, t] of this.txns) {
      if (now - t.startedAt > TRANSACTION_TTL_MS) {
        this.txns.delete(id);
        expired = true;
      }
    }
    if (expired || !this.txns.size) this.trimHistory();
  }
}

function conflict(t: Txn): DbError {
  return new DbError(TRANSACTION_CONFLICT, `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe last transaction still executing, transactionId: ${t.id}`);
}
