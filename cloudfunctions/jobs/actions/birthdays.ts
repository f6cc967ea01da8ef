import { birthdaysPayload, type BirthdayReport } from '../../shared/contract/jobs'
import { birthdayIdsAfter, serveBirthday, type PerkOutcome } from '../../shared/data/birthdayPerks'
import { jobRunsRepo } from '../../shared/data/jobRuns'
import { activeRules } from '../../shared/data/rules'
import { birthdayMonthDaysFor } from '../../shared/domain/birthday'
import { shopDate } from '../../shared/domain/calendar'
import { defineAction, type Database } from '../../shared/runtime'
import { reinvokePort } from '../reinvoke'
import { MAX_ROUNDS, triggerOf } from './shared'

/** Member `_id`s fetched per query (a get() answers ≤ 1,000); a day's birthdays (≈ 1/365 of members) often fit in one. */
const FETCH = 1_000
/** Members served at once; each is its own transaction on its own documents, so they never contend. */
const CONCURRENCY = 8

export interface BirthdayOptions {
  budgetMs: number
  maxMembers?: number
}

/**
 * Serves today's birthdays (Asia/Shanghai): members found through the (profile.birthdayMD, _id)
 * index in `_id` order after today's cursor, each in its own transaction (data/birthdayPerks).
 * The ledger and coupon keys make every member's perk once-only whatever runs overlap or repeat;
 * the cursor, kept in job_runs per shop date, only saves a resumed run from re-reading members it
 * has passed. It moves only over members whose outcome is settled, so a failure leaves no gap.
 */
export async function runBirthdays(db: Database, now: Date, options: BirthdayOptions): Promise<BirthdayReport> {
  const started = Date.now()
  const today = shopDate(now)
  const monthDays = birthdayMonthDaysFor(now)
  const rules = await activeRules(db, now)
  const last = await jobRunsRepo(db).latest<BirthdayReport>('birthdays')
  let cursor = last && last.report.shopDate === today ? last.report.cursor : null
  const report: BirthdayReport = { shopDate: today, served: 0, alreadyServed: 0, ineligible: 0, failed: 0, more: false, elapsedMs: 0, cursor }
  const cap = options.maxMembers ?? Number.POSITIVE_INFINITY
  let taken = 0
  const canTakeMore = () => taken < cap && Date.now() - started < options.budgetMs

  while (canTakeMore()) {
    const want = Math.min(FETCH, cap - taken)
    const queue = await birthdayIdsAfter(db, monthDays, cursor, want)
    if (queue.length === 0) break
    const outcomes: Array<PerkOutcome | 'failed' | undefined> = new Array(queue.length)
    let next = 0
    const worker = async () => {
      while (next < queue.length && canTakeMore()) {
        const index = next++
        taken++
        try {
          // The message goes out after the member's transaction has committed.
          outcomes[index] = await serveBirthday(db, queue[index], now, rules)
        } catch (error) {
          outcomes[index] = 'failed'
          console.error(`[jobs.birthdays] ${queue[index]}: ${(error as Error)?.message ?? error}`)
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))

    for (const outcome of outcomes.slice(0, next)) {
      if (outcome === 'failed') report.failed++
      else if (outcome?.kind === 'issued') report.served++
      else if (outcome?.kind === 'already') report.alreadyServed++
      else report.ineligible++
    }
    const settled = settledPrefix(outcomes, next)
    if (settled > 0) cursor = queue[settled - 1]
    if (settled < queue.length) {
      report.more = true
      break
    }
    if (queue.length < want) break
    if (!canTakeMore()) report.more = true
  }
  report.cursor = cursor
  report.elapsedMs = Date.now() - started
  return report
}

/** How many outcomes, from the start, settled without failing: the cursor may pass only those. */
function settledPrefix(outcomes: Array<PerkOutcome | 'failed' | undefined>, reached: number): number {
  for (let index = 0; index < reached; index++) if (outcomes[index] === 'failed') return index
  return reached
}

/** Hands what is left to a fresh invocation while runs make progress and the chain is short. */
export async function handOverBirthdays(report: BirthdayReport, payload: { budgetMs: number; maxMembers?: number; round: number }): Promise<void> {
  const progressed = report.served + report.alreadyServed + report.ineligible > 0
  if (!report.more || !progressed || payload.round >= MAX_ROUNDS) return
  await reinvokePort().reinvoke('birthdays', { ...payload, round: payload.round + 1 })
}

/** Server-only: the timer (through `daily`), the console, or the previous run handing over. */
export const birthdays = defineAction({
  schema: birthdaysPayload,
  async handler({ budgetMs, maxMembers, round }, { db, now }): Promise<BirthdayReport> {
    const report = await runBirthdays(db, now, { budgetMs, maxMembers })
    await jobRunsRepo(db).record({ job: 'birthdays', startedAt: now, finishedAt: new Date(now.getTime() + report.elapsedMs), trigger: triggerOf(round), report })
    await handOverBirthdays(report, { budgetMs, maxMembers, round })
    return report
  },
})
