import type { Database } from '../runtime/cloud'

/** What a transaction offers the code inside it: single-document operations only, and the update commands. */
export interface Transaction {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>
      set(options: { data: object }): Promise<unknown>
      update(options: { data: object }): Promise<unknown>
      remove(): Promise<unknown>
    }
    add(options: { data: object }): Promise<{ _id: string }>
  }
  /** `command.set()` replaces an array or object whole inside an update. */
  readonly command: Database['command']
}

/** Attempts before a hot document's contention is reported instead of retried. */
const MAX_ATTEMPTS = 40

/**
 * Runs `work` in a cloud transaction, retrying write conflicts with jittered backoff. The SDK's own
 * retry fires immediately and only a few times, so a member's card hit by many tills at once would
 * fail; this spreads the retries out. `work` may run more than once: no side effects inside.
 */
export async function inTransaction<T>(db: Database, work: (transaction: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db.runTransaction((transaction: Pick<Transaction, 'collection'>) => work(singleDocumentOnly(transaction, db)), 0)) as T
    } catch (error) {
      if (!isConflict(error) || attempt >= MAX_ATTEMPTS) throw error
      // Full jitter, doubling from 4 ms up to 256 ms: contenders spread out instead of colliding again.
      await sleep(Math.random() * 4 * 2 ** Math.min(attempt, 6))
    }
  }
}

/**
 * The SDK's transaction collections also answer where(), but send such a query without the
 * transaction id: it runs outside the transaction and survives a rollback. Code inside gets only
 * doc() and add(), so that mistake fails at once instead of silently.
 */
function singleDocumentOnly(transaction: Pick<Transaction, 'collection'>, db: Database): Transaction {
  return {
    collection(name) {
      const collection = transaction.collection(name)
      return { doc: (id) => collection.doc(id), add: (options) => collection.add(options) }
    },
    command: db.command,
  }
}

export function isConflict(error: unknown): boolean {
  const { code, errCode, message, errMsg } = (error ?? {}) as Record<string, unknown>
  return [code, errCode, message, errMsg].some((part) => typeof part === 'string' && part.includes('TRANSACTION_CONFLICT'))
}

/** A doc().get() inside a transaction throws for a missing document; this answers null instead. */
export async function getOrNull<T>(transaction: Transaction, collection: string, id: string): Promise<T | null> {
  try {
    const { data } = (await transaction.collection(collection).doc(id).get()) as { data: T }
    return data ?? null
  } catch (error) {
    if (/does not exist/.test(String((error as { errMsg?: string; message?: string }).errMsg ?? (error as Error).message))) return null
    throw error
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
