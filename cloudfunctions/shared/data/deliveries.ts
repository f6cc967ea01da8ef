import type { DeliveryStatus } from '../contract/marketingFields'
import type { TemplatePurpose } from '../contract/templates'
import type { Database } from '../runtime/cloud'
import { addIfAbsent } from './errors'
import { rowsOf } from './results'

/** One message to one person about one subject: `_id` = `<purpose>:<subject>:<openid>` (campaigns: `campaign:<id>:<openid>`). */
export interface DeliveryDoc {
  _id: string
  purpose: TemplatePurpose
  subject: string
  openid: string
  templateId: string
  data: Record<string, string>
  page: string
  status: DeliveryStatus
  /** Sends tried so far (0 for outcomes decided without WeChat: opted out, capped, held out). */
  attempts: number
  /** When a `retry` is due. */
  nextAttemptAt: Date | null
  /** Why it failed or was not sent, in words for the results page and the logs. */
  reason: string | null
  errCode: number | null
  campaignId: string | null
  createdAt: Date
  updatedAt: Date
  sentAt: Date | null
  openedAt: Date | null
}

export type DeliveryOutcome = Pick<DeliveryDoc, 'status' | 'reason' | 'errCode' | 'nextAttemptAt' | 'sentAt'>

export function deliveriesRepo(db: Database) {
  const collection = db.collection('deliveries')
  const _ = db.command
  return {
    /** Takes the delivery's key: false when it is taken already (this message was sent, or is being). */
    async claim(doc: DeliveryDoc): Promise<boolean> {
      return addIfAbsent(collection, doc)
    },
    async record(id: string, outcome: DeliveryOutcome, now: Date): Promise<void> {
      await collection.doc(id).update({ data: { ...outcome, updatedAt: now } })
    },
    async byId(id: string): Promise<DeliveryDoc | null> {
      const [doc] = await rowsOf<DeliveryDoc>(collection.where({ _id: id }).limit(1))
      return doc ?? null
    },
    /** Retries due now, oldest first (index status_nextAttemptAt). */
    async dueRetries(now: Date, limit: number, campaigns = true): Promise<DeliveryDoc[]> {
      return rowsOf<DeliveryDoc>(
        collection
          .where({ status: 'retry', nextAttemptAt: _.lte(now), ...(campaigns ? {} : { campaignId: null }) })
          .orderBy('nextAttemptAt', 'asc')
          .limit(limit),
      )
    },
    /** One retry taken by one timer run: the attempt count is the claim. */
    async claimRetry(doc: DeliveryDoc, now: Date): Promise<boolean> {
      const { stats } = (await collection.where({ _id: doc._id, status: 'retry', attempts: doc.attempts }).update({ data: { status: 'sending', attempts: doc.attempts + 1, updatedAt: now } })) as {
        stats: { updated: number }
      }
      return stats.updated > 0
    },
    /** Claims whose sender died before recording what WeChat said (index status_updatedAt). */
    async staleSending(before: Date, limit: number): Promise<DeliveryDoc[]> {
      return rowsOf<DeliveryDoc>(
        collection
          .where({ status: 'sending', updatedAt: _.lt(before) })
          .orderBy('updatedAt', 'asc')
          .limit(limit),
      )
    },
    /** In doubt: WeChat may or may not have it. Never sent again (nothing doubled); reported as unknown. */
    async markUnknown(doc: DeliveryDoc, now: Date): Promise<boolean> {
      const { stats } = (await collection
        .where({ _id: doc._id, status: 'sending', attempts: doc.attempts })
        .update({ data: { status: 'unknown', reason: '发送中断，结果未知（不会重发）', updatedAt: now } })) as { stats: { updated: number } }
      return stats.updated > 0
    },
    /** The landing page opened from a campaign message: once per delivery. */
    async markOpened(id: string, now: Date): Promise<boolean> {
      const { stats } = (await collection.where({ _id: id, openedAt: null }).update({ data: { openedAt: now } })) as { stats: { updated: number } }
      return stats.updated > 0
    },
    /** A campaign's deliveries in one status (results, tests). */
    async countFor(campaignId: string, status: DeliveryStatus): Promise<number> {
      const { total } = (await collection.where({ campaignId, status }).count()) as { total: number }
      return total
    },
  }
}
