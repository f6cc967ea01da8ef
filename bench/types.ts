import type { LocalCloud } from '../local/cloud'

/** One printed line of `npm run bench`. */
export interface Row {
  figure: string
  value: string
  goal: string
  met: boolean
}

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
