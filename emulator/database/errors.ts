/** Error answers: `{ requestId, code, message }` at the top level of the HTTP body (see README). */
export class DbError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message)
  }
}

/** Generic failure; wx-server-sdk maps it to errCode -502001. */
export const REQUEST_FAILED = 'DATABASE_REQUEST_FAILED'
/** The only code @cloudbase/database's runTransaction retries on (only when thrown by commit, see README). */
export const TRANSACTION_CONFLICT = 'DATABASE_TRANSACTION_CONFLICT'
export const INVALID_PARAM = 'INVALID_PARAM'

export function duplicateKey(collection: string, index: string, key: string): DbError {
  // Real TCB surfaces MongoDB's E11000 text under DATABASE_REQUEST_FAILED (errCode -502001).
  return new DbError(REQUEST_FAILED, `[FailedOperation] E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`)
}

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof DbError && error.message.includes('E11000')
}
