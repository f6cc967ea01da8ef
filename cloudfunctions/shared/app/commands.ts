import type { Decision, Refusal } from '../domain/decision'
import { applyDecision } from '../data/applyDecision'
import type { Transaction } from '../data/transaction'
import { decodeCursor, type Cursor } from '../data/paging'
import { AppError } from '../runtime/errors'

/** The decision was written. */
export type Applied = { kind: 'applied'; decision: Decision }
/** The decision's key was taken: the same command (or another under its key) was carried out before. */
export type Repeat = { kind: 'repeat' }

/**
 * Inside the transaction: applies the verdict when it is a decision; any other verdict (a
 * refusal, a repeat the decision itself saw) passes through with nothing written.
 */
export async function settle<V extends { kind: string }>(transaction: Transaction, verdict: V): Promise<Exclude<V, Decision> | Applied | Repeat> {
  if (verdict.kind !== 'decision') return verdict as Exclude<V, Decision>
  const decision = verdict as unknown as Decision
  return (await applyDecision(transaction, decision)) === 'applied' ? { kind: 'applied', decision } : { kind: 'repeat' }
}

/**
 * The answer to a command whose key was used before: the original answer when the original was
 * this same command, IDEMPOTENCY_MISMATCH when the key belongs to another. The original is read
 * by the caller after the transaction, so a first call pays nothing for this.
 */
export function replayOrMismatch<O, R>(
  original: O | null,
  sameCommand: (original: O) => boolean,
  answer: (original: O) => R,
  whenMissing: () => AppError = () => new AppError('IDEMPOTENCY_MISMATCH'),
): R {
  if (original === null) throw whenMissing()
  if (!sameCommand(original)) throw new AppError('IDEMPOTENCY_MISMATCH')
  return answer(original)
}

export function refusalError(refusal: Refusal): AppError {
  return new AppError(refusal.code, refusal.message, refusal.fields)
}

/** A page cursor from the payload: none, one this server handed out, or INVALID_INPUT on `cursor`. */
export function cursorOf(cursor: string | undefined): Cursor | null {
  const after = decodeCursor(cursor)
  if (after === 'invalid') throw new AppError('INVALID_INPUT', '分页参数无效', [{ path: 'cursor', message: '分页参数无效' }])
  return after
}
