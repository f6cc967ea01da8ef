import type { Database } from '../runtime/cloud'
import { rowsOf } from './results'

export type JobName = 'expirePoints' | 'reconcile' | 'evaluateTiers' | 'birthdays'

/** One run of a job and what it found; kept so a cut-off walk can resume and drift stays on record. */
export interface JobRunDoc<R = unknown> {
  _id?: string
  job: JobName
  startedAt: Date
  finishedAt: Date
  /** How the run started: the timer, by hand, or the previous run re-invoking. */
  trigger: 'daily' | 'on-demand' | 'chain'
  report: R
}

export function jobRunsRepo(db: Database) {
  const collection = db.collection('job_runs')
  return {
    async record<R>(run: JobRunDoc<R>): Promise<void> {
      await collection.add({ data: run })
    },
    /** The latest run of `job`: where a reconciliation walk left off. */
    async latest<R>(job: JobName): Promise<JobRunDoc<R> | null> {
      const [run] = await rowsOf<JobRunDoc<R>>(collection.where({ job }).orderBy('startedAt', 'desc').limit(1))
      return run ?? null
    },
  }
}
