import type { ExportDoc } from '../domain/exportJob'
import type { Database } from '../runtime/cloud'
import { isDuplicateKeyError } from './errors'
import { rowsOf } from './results'
import { wholeValues } from './wholeValues'

/**
 * Export jobs. Every change after the insert is one conditional write on the job's `_id`: a claim
 * on `rev`, and each step of the walk on the claim it holds (and the part it expects next), so a
 * chunk whose claim lapsed and was taken over can write nothing more.
 */
export function exportsRepo(db: Database) {
  const collection = db.collection('exports')
  const _ = db.command
  const updated = async (filter: Record<string, unknown>, data: Record<string, unknown>): Promise<boolean> => {
    const { stats } = (await collection.where(filter).update({ data })) as { stats: { updated: number } }
    return stats.updated > 0
  }
  return {
    async byId(id: string): Promise<ExportDoc | null> {
      const [doc] = await rowsOf<ExportDoc>(collection.where({ _id: id }).limit(1))
      return doc ?? null
    },
    /** The new job, or the one a retried start already made under the same id. */
    async insert(doc: ExportDoc): Promise<{ inserted: true } | { inserted: false; existing: ExportDoc | null }> {
      try {
        await collection.add({ data: doc })
        return { inserted: true }
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error
        const [existing] = await rowsOf<ExportDoc>(collection.where({ _id: doc._id }).limit(1))
        return { inserted: false, existing: existing ?? null }
      }
    },
    async recent(limit: number): Promise<ExportDoc[]> {
      return rowsOf<ExportDoc>(collection.orderBy('createdAt', 'desc').limit(limit))
    },
    /** Claims a running job for one chunk, only if nobody changed it since `rev` was read. */
    async claim(id: string, rev: number, lease: string, until: Date, now: Date): Promise<boolean> {
      return updated({ _id: id, rev, status: 'running' }, { lease, leaseUntil: until, rev: rev + 1, updatedAt: now })
    },
    /**
     * Part `part` is stored (or had no rows to store): it is counted, and the cursor moves past its
     * rows, in one write, only by the claim's holder and only if that part is the one expected next.
     */
    async advance(id: string, lease: string, part: number, step: { cursor: ExportDoc['cursor']; rows: number; walked: boolean; stored: boolean }, now: Date): Promise<boolean> {
      return updated(
        { _id: id, lease, parts: part },
        { parts: part + (step.stored ? 1 : 0), ...wholeValues(_, { cursor: step.cursor }), rows: _.inc(step.rows), walked: step.walked, failures: 0, updatedAt: now },
      )
    },
    async finish(id: string, lease: string, fileId: string, now: Date): Promise<boolean> {
      return updated({ _id: id, lease, status: 'running' }, { status: 'done', fileId, finishedAt: now, lease: null, leaseUntil: null, updatedAt: now, rev: _.inc(1) })
    },
    /** The chunk stops (its budget, or a hand-over): the next one may claim at once. */
    async release(id: string, lease: string, now: Date): Promise<void> {
      await updated({ _id: id, lease }, { lease: null, leaseUntil: null, updatedAt: now, rev: _.inc(1) })
    },
    /** A chunk threw: counted, and the job fails once too many have in a row. */
    async recordFailure(id: string, lease: string, failures: number, error: string | null, now: Date): Promise<void> {
      const failed = error !== null
      await updated({ _id: id, lease }, { failures, lease: null, leaseUntil: null, updatedAt: now, rev: _.inc(1), ...(failed ? { status: 'failed', error, finishedAt: now } : {}) })
    },
  }
}
