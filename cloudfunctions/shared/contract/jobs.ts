import { z } from 'zod'

/** Jobs run from their timer (config.json) or on demand server-side; each run does a bounded chunk. */
export const expirePointsPayload = z.strictObject({
  /** Stop taking new members after this many milliseconds, leaving room under the 60 s timeout. */
  budgetMs: z.number().int().min(1000).max(55_000).default(45_000),
})
export interface JobReport {
  /** Members whose due lots were expired in this run. */
  membersProcessed: number
  lotsExpired: number
  pointsExpired: number
  /** true when due work remains for another run (the job re-invokes itself in the cloud). */
  more: boolean
  elapsedMs: number
}

export const reconcilePayload = z.strictObject({ cursor: z.string().max(64).optional(), budgetMs: z.number().int().min(1000).max(55_000).default(45_000) })
export interface Drift {
  openid: string
  cardNo: string
  pointsBalance: number
  ledgerSum: number
  lotsSum: number
  negativeLots: number
}
export interface ReconcileReport {
  membersChecked: number
  drifts: Drift[]
  nextCursor: string | null
  elapsedMs: number
}
