import type { JobName } from '../data/jobRuns'
import { jobRunsRepo } from '../data/jobRuns'
import type { Database } from '../runtime/cloud'
import { reinvokePort, type ReinvokePort } from '../runtime/reinvoke'

/**
 * What every long job shares: a budget of time (and optionally of members) that stops it taking
 * new work while work in flight finishes, a pool of workers each running one member's own
 * transaction, the run's record in job_runs, and the hand-over of what is left to a fresh
 * invocation with a new 60 s.
 */

/** A chain of self re-invocations stops here whatever is left (the next day's timer picks it up). */
export const MAX_ROUNDS = 200

export function triggerOf(round: number): 'on-demand' | 'chain' {
  return round > 0 ? 'chain' : 'on-demand'
}

export class Budget {
  private readonly startedAt = Date.now()
  /** Members taken on so far (the statistics count ledger rows with it). */
  taken = 0

  constructor(
    private readonly budgetMs: number,
    private readonly maxMembers = Number.POSITIVE_INFINITY,
  ) {}

  canTakeMore(): boolean {
    return this.taken < this.maxMembers && this.elapsedMs() < this.budgetMs
  }

  /** Members still allowed by the cap (infinite without one). */
  membersLeft(): number {
    return this.maxMembers - this.taken
  }

  elapsedMs(): number {
    return Date.now() - this.startedAt
  }
}

/**
 * Works through `queue` with `concurrency` workers while the budget allows, one `work` call per
 * item, counted against the budget. Answers the results of the items reached, in queue order
 * (the rest were never started). Members are independent documents, so workers never contend.
 */
export async function workThrough<T, R>(queue: readonly T[], concurrency: number, budget: Budget, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  let next = 0
  const worker = async () => {
    while (next < queue.length && budget.canTakeMore()) {
      const index = next++
      budget.taken++
      results[index] = await work(queue[index])
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return results.slice(0, next)
}

/** The run's report in job_runs: where a cut-off walk resumes, and what drift stays on record. */
export async function recordRun<R extends { elapsedMs: number }>(
  db: Database,
  job: JobName,
  startedAt: Date,
  trigger: 'daily' | 'on-demand' | 'chain',
  report: R,
  elapsedMs = report.elapsedMs,
): Promise<void> {
  await jobRunsRepo(db).record({ job, startedAt, finishedAt: new Date(startedAt.getTime() + elapsedMs), trigger, report })
}

/** Hands what is left to a fresh invocation, but only while runs make progress and the chain is short. */
export async function handOver(
  action: Parameters<ReinvokePort['reinvoke']>[0],
  left: boolean,
  payload: { round: number } & Record<string, unknown>,
  fn: Parameters<ReinvokePort['reinvoke']>[2] = 'jobs',
): Promise<void> {
  if (!left || payload.round >= MAX_ROUNDS) return
  await reinvokePort().reinvoke(action, { ...payload, round: payload.round + 1 }, fn)
}
