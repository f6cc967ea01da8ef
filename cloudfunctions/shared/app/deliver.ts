import { PURPOSES } from '../contract/templates'
import { deliveriesRepo, type DeliveryDoc, type DeliveryOutcome } from '../data/deliveries'
import { messagingRepo } from '../data/messaging'
import { afterTransient, deliveryId, sendability, verdictOf, type MessagingState } from '../domain/messaging'
import type { MemberDoc } from '../domain/member'
import type { Message } from '../domain/messages'
import { checkMessage } from '../domain/templateFields'
import { database, type Database } from '../runtime/cloud'
import { now as clockNow } from '../runtime/clock'
import { sendSubscribe, templateId } from '../runtime/notify'

/** What a transaction read of the member says of their messaging: passed to deliver, it saves reading them again. */
export function knownState(member: Pick<MemberDoc, '_id' | 'messaging'> | null | undefined): ReadonlyMap<string, MessagingState | null> {
  return member ? new Map([[member._id, member.messaging ?? {}]]) : new Map()
}

/** The member card: where a message opens when its purpose names no page. */
export const DEFAULT_PAGE = 'pages/card/index'

export type DeliveryResult = 'sent' | 'duplicate' | 'noConsent' | 'optedOut' | 'failed' | 'retry'

/**
 * The one way a subscription message leaves the product, always after the change it reports has
 * committed. Each (purpose, subject, recipient) is claimed once in `deliveries` before WeChat is
 * called, so the same message can never go out twice; a message without counted consent or of an
 * opted-out type is not attempted. `known` passes states the caller already read (a decision's member).
 */
export async function deliver(messages: readonly Message[], known: ReadonlyMap<string, MessagingState | null> = new Map(), db: Database = database()): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = []
  // One after another: each member's quota is their own, and a decision rarely has more than two.
  // Known states are members' (what a decision's transaction read); a staff message reads the staff entry.
  for (const message of messages) {
    const member = PURPOSES[message.purpose].audience === 'member' && known.has(message.openid)
    results.push(await deliverOne(db, message, member ? known.get(message.openid)! : undefined))
  }
  return results
}

async function deliverOne(db: Database, message: Message, knownState: MessagingState | null | undefined): Promise<DeliveryResult> {
  const audience = PURPOSES[message.purpose].audience
  const template = templateId(message.purpose)
  const state = knownState !== undefined ? knownState : await messagingRepo(db).stateOf(audience, message.openid)
  const sendable = sendability(state, message.purpose, template)
  if (sendable !== 'send') return sendable
  const now = clockNow()
  const checked = checkMessage(message.purpose, message.data)
  const doc = deliveryDoc(message, template, checked.ok ? checked.data : message.data, now)
  if (!checked.ok) {
    // Refused before WeChat could answer 47003: recorded, with the field, and never attempted.
    const claimed = await deliveriesRepo(db).claim({ ...doc, status: 'failed', attempts: 0, reason: `字段 ${checked.field}：${checked.reason}` })
    console.warn(`[deliver ${message.purpose}] ${message.subject}: field ${checked.field} ${checked.reason}`)
    return claimed ? 'failed' : 'duplicate'
  }
  if (!(await deliveriesRepo(db).claim(doc))) return 'duplicate'
  return attempt(db, doc, now)
}

export function deliveryDoc(message: Message, template: string, data: Record<string, string>, now: Date, campaignId: string | null = null): DeliveryDoc {
  return {
    _id: deliveryId(message),
    purpose: message.purpose,
    subject: message.subject,
    openid: message.openid,
    templateId: template,
    data,
    page: message.page ?? DEFAULT_PAGE,
    status: 'sending',
    attempts: 1,
    nextAttemptAt: null,
    reason: null,
    errCode: null,
    campaignId,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
    openedAt: null,
  }
}

/**
 * Calls WeChat for a claimed delivery and records what it said: sent (one consent used), 43101 (an
 * ordinary outcome: the count goes to 0, nothing is logged loudly), a permanent refusal (recorded
 * with its reason), or a transient failure (retried with backoff by the marketing timer). A send
 * that throws is a transient failure, never a success.
 */
export async function attempt(db: Database, doc: DeliveryDoc, now: Date): Promise<DeliveryResult> {
  const audience = PURPOSES[doc.purpose].audience
  const answer = await sendSubscribe({ touser: doc.openid, templateId: doc.templateId, page: doc.page, data: doc.data })
  const verdict = verdictOf(answer)
  const at = clockNow()
  let outcome: DeliveryOutcome
  if (verdict.status === 'sent') outcome = { status: 'sent', reason: null, errCode: 0, nextAttemptAt: null, sentAt: at }
  else if (verdict.status === 'noConsent') outcome = { status: 'noConsent', reason: '用户未订阅或次数已用完 (43101)', errCode: answer.errCode, nextAttemptAt: null, sentAt: null }
  else if (verdict.status === 'failed') outcome = { status: 'failed', reason: verdict.reason, errCode: answer.errCode, nextAttemptAt: null, sentAt: null }
  else {
    const next = afterTransient(doc.attempts, verdict.reason, now)
    outcome = { status: next.status, reason: next.reason, errCode: answer.errCode, nextAttemptAt: next.status === 'retry' ? next.nextAttemptAt : null, sentAt: null }
  }
  await deliveriesRepo(db).record(doc._id, outcome, at)
  const messaging = messagingRepo(db)
  // A campaign reserved its consent before sending; others spend it now.
  const reserved = doc.campaignId !== null
  if (outcome.status === 'sent' && !reserved) await messaging.spend(audience, doc.openid, doc.templateId)
  if (outcome.status === 'noConsent') await messaging.exhaust(audience, doc.openid, doc.templateId)
  if (outcome.status === 'failed' && reserved) await messaging.giveBackConsent(doc.openid, doc.templateId)
  if (outcome.status === 'failed') console.warn(`[deliver ${doc.purpose}] ${doc._id}: ${outcome.reason}`)
  return outcome.status === 'sent' ? 'sent' : outcome.status === 'noConsent' ? 'noConsent' : outcome.status === 'retry' ? 'retry' : 'failed'
}
