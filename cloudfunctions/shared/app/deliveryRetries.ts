import { PURPOSES } from '../contract/templates'
import { campaignsRepo } from '../data/campaigns'
import { deliveriesRepo, type DeliveryDoc } from '../data/deliveries'
import { messagingRepo } from '../data/messaging'
import { quietUntil } from '../domain/campaign'
import { isOptedOut, STALE_SENDING_MS } from '../domain/messaging'
import type { Database } from '../runtime/cloud'
import { attempt, type DeliveryResult } from './deliver'
import { workThrough, type Budget } from './jobChunks'

const PAGE = 100
const SENDERS = 5

/**
 * The marketing timer's first duty: transient failures due for another try are claimed (by their
 * attempt count, so overlapping runs try each once) and sent again; claims whose sender died before
 * recording WeChat's answer are marked unknown and never sent again.
 */
export async function retryDeliveries(db: Database, now: Date, budget: Budget): Promise<{ retried: number; resolved: number; left: boolean }> {
  const repo = deliveriesRepo(db)
  let retried = 0
  let resolved = 0
  for (;;) {
    if (!budget.canTakeMore()) return { retried, resolved, left: true }
    // Quiet hours hold a campaign's retries too (they wait, due, for the morning); the members' own messages go on.
    const due = await repo.dueRetries(now, PAGE, quietUntil(now) === null)
    if (due.length === 0) break
    const outcomes = await workThrough(due, SENDERS, budget, async (doc) => {
      if (!(await repo.claimRetry(doc, now))) return null
      const result = await resend(db, doc, now)
      if (doc.campaignId && result !== 'retry') await campaignsRepo(db).count(doc.campaignId, { [result === 'sent' || result === 'noConsent' || result === 'optedOut' ? result : 'failed']: 1 })
      return result
    })
    retried += outcomes.filter((outcome) => outcome !== null).length
    if (due.length < PAGE) break
  }
  const stale = await repo.staleSending(new Date(now.getTime() - STALE_SENDING_MS), PAGE)
  for (const doc of stale) {
    if (!(await repo.markUnknown(doc, now))) continue
    resolved++
    if (doc.campaignId) await campaignsRepo(db).count(doc.campaignId, { failed: 1 })
  }
  return { retried, resolved, left: false }
}

/**
 * A retry is sent only as the first try would be: a purpose the member opted out of since is not
 * (recorded optedOut; a campaign's reserved consent is given back). One read, for retries only.
 */
async function resend(db: Database, doc: DeliveryDoc, now: Date): Promise<DeliveryResult> {
  const messaging = messagingRepo(db)
  if (isOptedOut(await messaging.stateOf(PURPOSES[doc.purpose].audience, doc.openid), doc.purpose)) {
    await deliveriesRepo(db).record(doc._id, { status: 'optedOut', reason: '重试前会员已退订此类消息', errCode: null, nextAttemptAt: null, sentAt: null }, now)
    if (doc.campaignId) await messaging.giveBackConsent(doc.openid, doc.templateId)
    return 'optedOut'
  }
  return attempt(db, { ...doc, attempts: doc.attempts + 1 }, now)
}
