import type { BirthdayReport } from '../contract/jobs'
import { jobRunsRepo } from '../data/jobRuns'
import { membersRepo } from '../data/members'
import { activeRules } from '../data/rules'
import { birthdayMonthDaysFor } from '../domain/birthday'
import { shopDate } from '../domain/calendar'
import type { Database } from '../runtime/cloud'
import { serveBirthday, type PerkOutcome } from './birthdayPerks'
import { Budget, handOver, workThrough } from './jobChunks'

/** Member `_id`s fetched per query (a get() answers ≤ 1,000); a day's birthdays (≈ 1/365 of members) often fit in one. */
const FETCH = 1_000
/** Members served at once; each is its own transaction on its own documents, so they never contend. */
const CONCURRENCY = 8

export interface BirthdayOptions {
  budgetMs: number
  maxMembers?: number
}

type Served = PerkOutcome | 'failed'

/**
 * Serves today's birthdays (Asia/Shanghai): members found through the (profile.birthdayMD, _id)
 * index in `_id` order after today's cursor, each in its own transaction (app/birthdayPerks).
 * The ledger and coupon keys make every member's perk once-only whatever runs overlap or repeat;
 * the cursor, kept in job_runs per shop date, only saves a resumed run from re-reading members it
 * has passed. It moves only over members whose outcome is settled, so a failure leaves no gap.
 */
export async function runBirthdays(db: Database, now: Date, options: BirthdayOptions): Promise<BirthdayReport> {
  const budget = new Budget(options.budgetMs, options.maxMembers)
  const members = membersRepo(db)
  const today = shopDate(now)
  const monthDays = birthdayMonthDaysFor(now)
  const rules = await activeRules(db, now)
  const last = await jobRunsRepo(db).latest<BirthdayReport>('birthdays')
  let cursor = last && last.report.shopDate === today ? last.report.cursor : null
  const report: BirthdayReport = { shopDate: today, served: 0, alreadyServed: 0, ineligible: 0, failed: 0, more: false, elapsedMs: 0, cursor }

  while (budget.canTakeMore()) {
    const want = Math.min(FETCH, budget.membersLeft())
    const queue = await members.birthdayIdsAfter(monthDays, cursor, want)
    if (queue.length === 0) break
    const outcomes = await workThrough(queue, CONCURRENCY, budget, async (openid): Promise<Served> => {
      try {
        return await serveBirthday(db, openid, now, rules)
      } catch (error) {
        console.error(`[jobs.birthdays] ${openid}: ${(error as Error)?.message ?? error}`)
        return 'failed'
      }
    })
    for (const outcome of outcomes) {
      if (outcome === 'failed') report.failed++
      else if (outcome.kind === 'issued') report.served++
      else if (outcome.kind === 'already') report.alreadyServed++
      else report.ineligible++
    }
    const settled = settledPrefix(outcomes)
    if (settled > 0) cursor = queue[settled - 1]
    if (settled < queue.length) {
      report.more = true
      break
    }
    if (queue.length < want) break
    if (!budget.canTakeMore()) report.more = true
  }
  report.cursor = cursor
  report.elapsedMs = budget.elapsedMs()
  return report
}

/** How many outcomes, from the start, settled without failing: the cursor may pass only those. */
function settledPrefix(outcomes: Served[]): number {
  const failed = outcomes.indexOf('failed')
  return failed === -1 ? outcomes.length : failed
}

/** Hands what is left to a fresh invocation while runs make progress and the chain is short. */
export async function handOverBirthdays(report: BirthdayReport, payload: { budgetMs: number; maxMembers?: number; round: number }): Promise<void> {
  const progressed = report.served + report.alreadyServed + report.ineligible > 0
  await handOver('birthdays', report.more && progressed, payload)
}
