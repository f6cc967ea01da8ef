import type { Database } from '../runtime/cloud'

/** What the SDK's (untyped) transaction object offers: single-document operations only. */
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
      return (await db.runTransaction(work, 0)) as T
    } catch (error) {
      if (!isConflict(error) || attempt >= MAX_ATTEMPTS) throw error
      // Full jitter, doubling from 4 ms up to 256 ms: contenders spread out instead of colliding again.
      await sleep(Math.random() * 4 * 2 ** Math.min(attempt, 6))
    }
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
