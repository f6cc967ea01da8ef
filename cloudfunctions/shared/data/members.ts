import type { MemberDoc } from '../domain/member'
import type { Database } from '../runtime/cloud'
import { isDuplicateKeyError } from './errors'
import { rowsOf } from './results'

export type InsertOutcome = { kind: 'inserted' } | { kind: 'exists'; member: MemberDoc } | { kind: 'cardNo-taken' }

export function membersRepo(db: Database) {
  const collection = db.collection('members')
  const _ = db.command
  return {
    async byCardNo(cardNo: string): Promise<MemberDoc | null> {
      const [member] = await rowsOf<MemberDoc>(collection.where({ cardNo }).limit(1))
      return member ?? null
    },
    /** Members with a lot due at `now`, oldest due first: the expiry job's indexed query. */
    async dueForExpiry(now: Date, limit: number): Promise<MemberDoc[]> {
      return rowsOf<MemberDoc>(collection.where({ nextExpiryAt: _.lte(now) }).orderBy('nextExpiryAt', 'asc').limit(limit))
    },
    /** Members in `_id` order after `afterId`, for jobs that walk everyone in chunks. */
    async pageAfter(afterId: string | null, limit: number): Promise<MemberDoc[]> {
      const query = afterId === null ? collection.where({}) : collection.where({ _id: _.gt(afterId) })
      return rowsOf<MemberDoc>(query.orderBy('_id', 'asc').limit(limit))
    },
    /** One round trip; a missing member is `null`, not an error. */
    async byOpenid(openid: string): Promise<MemberDoc | null> {
      const [member] = await rowsOf<MemberDoc>(collection.where({ _id: openid }).limit(1))
      return member ?? null
    },
    /**
     * Inserts keyed by OPENID, so a second join can never create a second member. A duplicate key
     * is either that (the member exists) or a card-number clash, which the caller retries.
     */
    async insert(doc: MemberDoc): Promise<InsertOutcome> {
      const { _id, ...fields } = doc
      try {
        await collection.add({ data: { _id, ...fields } })
        return { kind: 'inserted' }
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error
        const [member] = await rowsOf<MemberDoc>(collection.where({ _id }).limit(1))
        return member ? { kind: 'exists', member } : { kind: 'cardNo-taken' }
      }
    },
  }
}
