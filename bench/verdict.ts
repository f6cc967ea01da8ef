import type { Row } from './types'

/** A figure with no goal: shown, kept in results.json, and never a pass or a miss. */
export function reported(figure: string, value: string): Row {
  return { figure, value, goal: null, met: null }
}

/** The rows that have a goal and miss it: any of them fails `npm run bench` (unless --no-fail). */
export function missed(rows: readonly Row[]): Row[] {
  return rows.filter((row) => row.met === false)
}

/** How a row reads in the table: its goal and verdict, or `-` for a figure without one. */
export function verdictOf(row: Row): { goal: string; met: string } {
  return row.met === null ? { goal: '-', met: '-' } : { goal: row.goal, met: row.met ? 'yes' : 'NO' }
}
