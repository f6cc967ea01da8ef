import type { Database } from '../runtime/cloud'

/**
 * Fields for an update in which an array or object replaces the stored one whole (`command.set`):
 * a plain value would be merged into the stored one element by element. Undefined fields are left
 * out, so a patch can name only what it changes.
 */
export function wholeValues(command: Database['command'], fields: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue
    data[field] = value !== null && typeof value === 'object' && !(value instanceof Date) ? command.set(value) : value
  }
  return data
}
