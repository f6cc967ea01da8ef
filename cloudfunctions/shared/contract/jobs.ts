import { z } from 'zod'

/** Jobs run from their timer (config.json) or on demand server-side; each run does a bounded chunk. */
export const expirePointsPayload = z.strictObject({
  /** Stop taking new members after this many milliseconds, leaving room under the 60 s timeout. */
  budgetMs: z.number().int().min(1000).max(55_000).default(45_000),
  /** Stop after this many members (a smaller chunk than the budget allows: tests, benches, cautious runs). */
  maxMembers: z.number().int().min(1).max(100_000).optional(),
  /** How many self re-invocations led to this run; the chain stops at a fixed depth. */
  round: z.number().int().min(0).max(1000).default(0),
})
export interface JobReport {
  /** Members whose due lots were expired in this run. */
  membersProcessed: number
  /** Due members left untouched because their expiry key was already taken (reported, never forced). */
  membersFailed: number
  lotsExpired: number
  pointsExpired: number
  /** true when due work remains for another run (the job re-invokes itself in the cloud). */
  more: boolean
  elapsedMs: number
}

/** Without a cursor the walk starts at the first member; a run that stops early answers `nextCursor`. */
export const reconcilePayload = z.strictObject({
  cursor: z.string().max(64).optional(),
  budgetMs: z.number().int().min(1000).max(55_000).default(45_000),
  /** Stop after this many members (tests and benches cut runs short with it). */
  maxMembers: z.number().int().min(1).max(1_000_000).optional(),
  round: z.number().int().min(0).max(1000).default(0),
})
export interface Drift {
  openid: string
  cardNo: string
  pointsBalance: number
  ledgerSum: number
  lotsSum: number
  negativeLots: number
}
export interface ReconcileReport {
  /** Where this run started (null: the first member). */
  cursor: string | null
  membersChecked: number
  /** Members with any drift; `drifts` lists at most MAX_DRIFTS_LISTED of them. */
  driftCount: number
  drifts: Drift[]
  nextCursor: string | null
  elapsedMs: number
}
export const MAX_DRIFTS_LISTED = 200

/** Members whose tier hold has ended move to the tier their figure supports now. */
export const evaluateTiersPayload = z.strictObject({
  budgetMs: z.number().int().min(1000).max(55_000).default(45_000),
  round: z.number().int().min(0).max(1000).default(0),
})
export interface TierEvaluationReport {
  evaluated: number
  changed: number
  downgraded: number
  more: boolean
  elapsedMs: number
}

/** Members whose birthday is today (Asia/Shanghai) get their tier's perk; a run resumes from today's cursor. */
export const birthdaysPayload = z.strictObject({
  budgetMs: z.number().int().min(1000).max(55_000).default(45_000),
  /** Stop after this many members (tests and benches cut runs short with it). */
  maxMembers: z.number().int().min(1).max(100_000).optional(),
  round: z.number().int().min(0).max(1000).default(0),
})
export interface BirthdayReport {
  /** The shop date (YYYY-MM-DD, Asia/Shanghai) whose birthdays this run served. */
  shopDate: string
  /** Members given their perk by this run. */
  served: number
  /** Members whose perk already existed (another run, a repeat, or joining on the day). */
  alreadyServed: number
  /** Members skipped: joined after their birthday, removed, or a tier with an empty perk. */
  ineligible: number
  /** Members whose transaction failed; the cursor stops before the first, so a later run retries them. */
  failed: number
  more: boolean
  elapsedMs: number
  /** Every member up to this `_id` (for today) is done; the next run of the day starts after it. */
  cursor: string | null
}

/** The rest of a publish's upgrades, continued from the member after which the last sweep stopped. */
export const applyRulesPayload = z.strictObject({
  version: z.number().int().positive(),
  after: z.string().max(64).nullable().default(null),
  budgetMs: z.number().int().min(1).max(55_000).default(45_000),
  round: z.number().int().min(0).max(1000).default(0),
})
export interface ApplyRulesReport {
  version: number
  upgraded: number
  after: string | null
  more: boolean
  /** true when a newer version has been published since: this sweep stops, that one's sweep takes over. */
  superseded: boolean
}

/** The timer's action: expiry, tier evaluation, then reconciliation with what is left of the 60 s. */
export const dailyPayload = z.strictObject({})
export interface DailyReport {
  birthdays: BirthdayReport
  expiry: JobReport
  tiers: TierEvaluationReport
  reconcile: ReconcileReport
}
