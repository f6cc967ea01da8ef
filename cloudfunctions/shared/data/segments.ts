import { DEFAULT_RFM_THRESHOLDS, type RfmClass, type RfmThresholds, type SegmentFilter } from '../contract/marketingFields'
import type { MemberDoc } from '../domain/member'
import type { SnapshotTally } from '../domain/stats'
import type { Condition } from '../domain/segments'
import type { Database } from '../runtime/cloud'
import { countOf, rowsOf } from './results'

export interface SegmentDoc {
  _id: string
  name: string
  filter: SegmentFilter
  members: number
  createdAt: Date
  updatedAt: Date
  updatedBy: string | null
}

export interface RfmSettingsDoc extends RfmThresholds {
  _id: 'rfm'
  /** When the daily classification last finished. */
  computedAt?: Date | null
  /** Today's walk over the members: where it is, and whether it is done. */
  walk?: { day: string; cursor: string | null; done: boolean; tally?: SnapshotTally }
  updatedAt?: Date
  updatedBy?: string | null
}

/** What the daily classification reads of each member. */
export type ClassificationFacts = Pick<MemberDoc, '_id' | 'joinedAt' | 'lastPurchaseAt' | 'recentPurchases' | 'activity' | 'rfm' | 'seg' | 'removedAt' | 'erasedAt' | 'tier' | 'source'>

/** What a campaign's walk reads of each member: the fields that decide the message, nothing more. */
export type Recipient = Pick<MemberDoc, '_id' | 'profile' | 'messaging' | 'removedAt'>

/** The compiled conditions as query commands: the only way a segment reaches the database. */
export function whereOf(db: Database, conditions: Condition[]): Record<string, unknown> {
  const _ = db.command
  const where: Record<string, unknown> = {}
  for (const condition of conditions) {
    if (condition.op === 'in') where[condition.field] = _.in(condition.value)
    else if (condition.op === 'all') where[condition.field] = _.all(condition.value)
    else if (condition.op === 'eq') where[condition.field] = condition.value
    else {
      const parts = [
        condition.gte !== undefined ? _.gte(condition.gte) : null,
        condition.lte !== undefined ? _.lte(condition.lte) : null,
        condition.lt !== undefined ? _.lt(condition.lt) : null,
      ].filter((part): part is NonNullable<typeof part> => part !== null)
      where[condition.field] = parts.length === 1 ? parts[0] : _.and(parts)
    }
  }
  return where
}

export function segmentsRepo(db: Database) {
  const members = db.collection('members')
  const segments = db.collection('segments')
  const settings = db.collection('settings')
  const _ = db.command
  return {
    async count(conditions: Condition[]): Promise<number> {
      return countOf(members.where(whereOf(db, conditions)))
    },
    /** The next members in `_id` order after `afterId`: a campaign's cursor walk. */
    async recipientsAfter(conditions: Condition[], afterId: string | null, limit: number): Promise<Recipient[]> {
      const where = whereOf(db, conditions)
      const query = afterId === null ? where : { ...where, _id: _.gt(afterId) }
      return rowsOf<Recipient>(members.where(query).orderBy('_id', 'asc').limit(limit).field({ _id: true, profile: true, messaging: true, removedAt: true }))
    },
    /** The daily classification's page: what the class and figures are computed from. */
    async classificationFacts(afterId: string | null, limit: number): Promise<ClassificationFacts[]> {
      return rowsOf<ClassificationFacts>(
        members
          .where(afterId ? { _id: _.gt(afterId) } : {})
          .orderBy('_id', 'asc')
          .limit(limit)
          .field({ _id: true, joinedAt: true, lastPurchaseAt: true, recentPurchases: true, activity: true, rfm: true, seg: true, removedAt: true, erasedAt: true, tier: true, 'source.store': true }),
      )
    },
    async setClassification(openid: string, patch: Pick<MemberDoc, 'rfmAt'> & Partial<Pick<MemberDoc, 'rfm' | 'seg' | 'lastPurchaseAt'>>): Promise<void> {
      await members.doc(openid).update({ data: patch })
    },
    async saveRfmWalk(current: RfmSettingsDoc, walk: NonNullable<RfmSettingsDoc['walk']>): Promise<void> {
      const { _id, ...fields } = current
      await settings.doc(_id).set({ data: { ...fields, walk } })
    },
    async countByRfm(rfm: RfmClass): Promise<number> {
      return countOf(members.where({ rfm, removedAt: null }))
    },
    /** Bulk tagging: every member the conditions match gains (or loses) the tag, in one update. */
    async tag(conditions: Condition[], tag: string, remove: boolean): Promise<number> {
      const { stats } = (await members.where(whereOf(db, conditions)).update({ data: { tags: remove ? _.pull(tag) : _.addToSet(tag) } })) as { stats: { updated: number } }
      return stats.updated
    },
    async list(): Promise<SegmentDoc[]> {
      return rowsOf<SegmentDoc>(segments.orderBy('updatedAt', 'desc').limit(200))
    },
    async byId(id: string): Promise<SegmentDoc | null> {
      const [doc] = await rowsOf<SegmentDoc>(segments.where({ _id: id }).limit(1))
      return doc ?? null
    },
    async save(doc: SegmentDoc): Promise<void> {
      const { _id, ...fields } = doc
      await segments.doc(_id).set({ data: fields })
    },
    async remove(id: string): Promise<boolean> {
      const { stats } = (await segments.where({ _id: id }).remove()) as { stats: { removed: number } }
      return stats.removed > 0
    },
    async rfmSettings(): Promise<RfmSettingsDoc> {
      const [doc] = await rowsOf<RfmSettingsDoc>(settings.where({ _id: 'rfm' }).limit(1))
      return doc ?? { _id: 'rfm', ...DEFAULT_RFM_THRESHOLDS, computedAt: null }
    },
    async setRfmThresholds(current: RfmSettingsDoc, thresholds: RfmThresholds, by: string, at: Date): Promise<void> {
      // A new rule reclassifies everyone at the next timer run: today's walk starts again.
      await settings.doc('rfm').set({ data: { ...thresholds, computedAt: current.computedAt ?? null, walk: null, updatedBy: by, updatedAt: at } })
    },
  }
}
