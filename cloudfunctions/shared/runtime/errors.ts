import { ERROR_MESSAGES, type ActionError, type ErrorCode, type FieldIssue } from '../contract/errors'

/** Thrown by handlers and guards; the router turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: FieldIssue[],
  ) {
    super(message ?? ERROR_MESSAGES[code])
    this.name = 'AppError'
  }

  toActionError(): ActionError {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message }
  }
}

export function invalidInput(fields: FieldIssue[]): AppError {
  const first = fields[0]
  return new AppError('INVALID_INPUT', first ? `${first.message}` : undefined, fields)
}
