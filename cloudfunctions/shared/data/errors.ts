/** The SDK's answer when an insert hits an existing `_id` or a unique index. */
export function isDuplicateKeyError(error: unknown): boolean {
  const text = describe(error)
  return /duplicate/i.test(text) || /E11000/.test(text)
}

function describe(error: unknown): string {
  if (!error || typeof error !== 'object') return String(error)
  const { errCode, errMsg, code, message } = error as Record<string, unknown>
  return [errCode, errMsg, code, message].filter((part) => part !== undefined).join(' ')
}
