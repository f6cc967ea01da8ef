/** The SDK's answer when an insert hits an existing `_id` or a unique index. */
export function isDuplicateKeyError(error: unknown): boolean {
  const text = describe(error)
  return /duplicate/i.test(text) || /E11000/.test(text)
}

/**
 * Inserts a document under its own key: false when the key (or a unique index) is taken. The
 * one way a write here says "this was done before", so a retried command finds its first record.
 */
export async function addIfAbsent(collection: { add(options: { data: never }): unknown }, doc: { _id: string }): Promise<boolean> {
  try {
    await collection.add({ data: doc as never })
    return true
  } catch (error) {
    if (isDuplicateKeyError(error)) return false
    throw error
  }
}

function describe(error: unknown): string {
  if (!error || typeof error !== 'object') return String(error)
  const { errCode, errMsg, code, message } = error as Record<string, unknown>
  return [errCode, errMsg, code, message].filter((part) => part !== undefined).join(' ')
}
