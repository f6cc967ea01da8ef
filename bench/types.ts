import type { LocalCloud } from '../local/cloud'

/**
 * One printed line of `npm run bench`: a figure with a goal it meets or misses, or a figure
 * reported for its own sake, with no goal and no verdict (printed as `-`). Only the first kind can
 * fail the run, so no row can pass by construction.
 */
export type Row = { figure: string; value: string; goal: string; met: boolean } | { figure: string; value: string; goal: null; met: null }

export interface BenchContext {
  /** Built functions for benches that start their own cloud. */
  functionsDir: string
  /** A shared in-memory cloud (fresh, unseeded) for small measurements. */
  cloud: LocalCloud
}

export interface SectionResult {
  rows: Row[]
  results: Record<string, unknown>
  /** A hard platform limit broken: the bench run fails. */
  overHardLimit?: string
}

export interface BenchSection {
  name: string
  run(ctx: BenchContext): Promise<SectionResult>
}
