/**
 * Sizes a deployment may tune through the function's environment variables (set in the console, or
 * by a test that wants many small steps), read here so the rest of the code takes them as arguments.
 */

/** Rows an export reads per query: at most a get()'s 1,000. */
export function exportPageRows(): number {
  const value = Number(process.env.HUIYUAN_EXPORT_PAGE_ROWS)
  return Number.isInteger(value) && value >= 1 ? Math.min(value, 1000) : 1000
}
