import type { CampaignStatus, DeliveryStatus } from '../contract/marketingFields'
import { campaignsRepo } from '../data/campaigns'
import { deliveriesRepo } from '../data/deliveries'
import { messagingRepo } from '../data/messaging'
import { segmentsRepo, type Recipient } from '../data/segments'
import { inTransaction } from '../data/transaction'
import { makeCouponCode } from '../domain/birthday'
import { campaignMessage, decideCampaignCoupon, quietUntil, recipientVerdict, sendsInWindow, touchesAfter, type CampaignCounters, type CampaignDoc, type RecipientVerdict } from '../domain/campaign'
import type { MessagingState } from '../domain/messaging'
import { compileSegment } from '../domain/segments'
import { checkMessage } from '../domain/templateFields'
import type { Database } from '../runtime/cloud'
import { templateId } from '../runtime/notify'
import { settle } from './commands'
import { attempt, deliveryDoc } from './deliver'
import { workThrough, type Budget } from './jobChunks'

/** Members read per page of the walk, and sent to at once within it. */
export const CAMPAIGN_PAGE = 100
const SENDERS = 10
/** Longer than a run's 60 s: a run that died leaves the campaign to the next timer run after it. */
const LEASE_MS = 70_000
/** A member's messaging changed while the send was being reserved: read again, decide again, a few times. */
const RESERVE_ATTEMPTS = 3

export interface ChunkReport {
  id: string
  recipients: number
  sent: number
  status: CampaignStatus
  waitingUntil: Date | null
  left: boolean
}

/**
 * One timer run's share of a campaign: a scheduled one whose time has come starts; quiet hours make it
 * wait; otherwise it walks its segment in `_id` order from its cursor, a page at a time, each member
 * once: the coupon (keyed `campaign:<id>:<openid>`), then the delivery claimed under
 * `campaign:<id>:<openid>`, so a repeated page, a crash or two runs at once message nobody twice. The
 * status is read again before each page, so pause, resume and cancel take effect at the next page.
 */
export async function sendCampaignChunk(db: Database, found: CampaignDoc, now: Date, budget: Budget): Promise<ChunkReport> {
  const repo = campaignsRepo(db)
  let campaign = found
  const report = (status: CampaignStatus, left: boolean, waitingUntil: Date | null = null, recipients = 0, sent = 0): ChunkReport => ({
    id: campaign._id,
    recipients,
    sent,
    status,
    waitingUntil,
    left,
  })
  if (campaign.status === 'scheduled') {
    if (campaign.sendAt && new Date(campaign.sendAt) > now) return report('scheduled', false, new Date(campaign.sendAt))
    const started: CampaignDoc = { ...campaign, status: 'sending', startedAt: campaign.startedAt ?? now, rev: campaign.rev + 1, updatedAt: now }
    if (!(await repo.replaceIf(started, campaign.rev))) return report(campaign.status, false)
    campaign = started
  }
  if (campaign.status !== 'sending') return report(campaign.status, false)
  if (campaign.leaseUntil && new Date(campaign.leaseUntil) > now) return report('sending', true)
  const quiet = quietUntil(now)
  if (quiet) {
    await repo.releaseLease(campaign._id, quiet, now)
    return report('sending', false, quiet)
  }
  // A lease still set but expired was never released: the run that held it died, perhaps between a claim and its page's count.
  const afterCrash = campaign.leaseUntil !== null && campaign.leaseUntil !== undefined
  if (!(await repo.takeLease(campaign._id, campaign.rev, new Date(now.getTime() + LEASE_MS), now, afterCrash))) return report('sending', true)
  campaign = { ...campaign, rev: campaign.rev + 1 }

  const template = templateId(campaign.template)
  // The segment as it was when sending began: "within 30 days" does not drift across a long send.
  const conditions = compileSegment(campaign.segment.filter, new Date(campaign.startedAt ?? now))
  let cursor = campaign.cursor
  let recipients = 0
  let sent = 0
  for (;;) {
    if (!budget.canTakeMore()) break
    const page = await segmentsRepo(db).recipientsAfter(conditions, cursor, Math.min(CAMPAIGN_PAGE, budget.membersLeft()))
    if (page.length === 0) {
      await recountIfShort(db, campaign._id)
      await repo.finishIfSending(campaign._id, now)
      return report('done', false, null, recipients, sent)
    }
    const outcomes = await workThrough(page, SENDERS, budget, (member) => reach(db, campaign, member, template, now))
    // The budget ran out while the page was read: nobody on it was reached, and the cursor stays.
    if (outcomes.length === 0) break
    const done = page.slice(0, outcomes.length)
    const counts = tally(outcomes)
    recipients += done.length
    sent += counts.sent ?? 0
    cursor = done[done.length - 1]._id
    await repo.advance(campaign._id, cursor, counts, now)
    if (outcomes.length < page.length) break
    const current = await repo.byId(campaign._id)
    if (!current || current.status !== 'sending') {
      // Paused or cancelled meanwhile: the lease goes back, so a resume is sent from at once, and is not mistaken for a crash.
      await repo.releaseLease(campaign._id, null, now)
      return report(current?.status ?? 'cancelled', false, null, recipients, sent)
    }
  }
  await repo.releaseLease(campaign._id, null, now)
  return report('sending', true, null, recipients, sent)
}

/** What became of one member: null when an earlier run already decided them (their delivery exists). */
type Reached = Exclude<RecipientVerdict, 'send'> | 'sent' | 'failed' | 'pending' | null

async function reach(db: Database, campaign: CampaignDoc, member: Recipient, template: string, now: Date): Promise<Reached> {
  const openid = member._id
  const deliveries = deliveriesRepo(db)
  const messaging = messagingRepo(db)
  let state: MessagingState = member.messaging ?? {}
  const message = campaignMessage(campaign, openid, now)
  let verdict = recipientVerdict(campaign, openid, state, template, now)
  if (verdict !== 'heldOut') await issueCoupon(db, campaign, openid, now)
  const checked = checkMessage(message.purpose, message.data)
  const doc = deliveryDoc(message, template, checked.ok ? checked.data : message.data, now, campaign._id)
  if (verdict === 'send' && !checked.ok) {
    return (await deliveries.claim({ ...doc, status: 'failed', attempts: 0, reason: `字段 ${checked.field}：${checked.reason}` })) ? 'failed' : null
  }
  if (verdict !== 'send') {
    if (!(await deliveries.claim({ ...doc, status: verdict, attempts: 0 }))) return null
    if (verdict === 'heldOut') await markHeldOut(db, campaign, openid, state, now)
    return verdict
  }
  if (!(await deliveries.claim(doc))) return null
  for (let tries = 1; ; tries++) {
    const touches = touchesAfter(state, { campaign: campaign._id, at: now, held: false }, now)
    const campaignSends = [now, ...sendsInWindow(state, { days: 30 }, now)].slice(0, 20)
    if (await messaging.reserveCampaignSend(openid, state.rev ?? 0, { campaignSends, touches }, template)) break
    // Another campaign (or a consent report) changed the member meanwhile: decide again on what is there now.
    state = (await messaging.stateOf('member', openid)) ?? {}
    verdict = recipientVerdict(campaign, openid, state, template, now)
    if (verdict !== 'send' || tries >= RESERVE_ATTEMPTS) {
      const status = verdict === 'send' ? 'failed' : verdict
      await deliveries.record(doc._id, { status, reason: verdict === 'send' ? '会员消息状态持续变化，未发送' : null, errCode: null, nextAttemptAt: null, sentAt: null }, now)
      return status === 'heldOut' ? 'failed' : status
    }
  }
  const result = await attempt(db, doc, now)
  return result === 'sent' ? 'sent' : result === 'retry' ? 'pending' : result === 'noConsent' ? 'noConsent' : 'failed'
}

async function issueCoupon(db: Database, campaign: CampaignDoc, openid: string, now: Date): Promise<void> {
  const decision = decideCampaignCoupon(campaign, openid, now, makeCouponCode(Math.random))
  if (!decision) return
  // Keyed by campaign and member: a repeated page finds the key taken and issues nothing more.
  await inTransaction(db, (transaction) => settle(transaction, decision))
}

async function markHeldOut(db: Database, campaign: CampaignDoc, openid: string, found: MessagingState, now: Date): Promise<void> {
  let state = found
  for (let tries = 0; tries < RESERVE_ATTEMPTS; tries++) {
    if (await messagingRepo(db).recordTouch(openid, state.rev ?? 0, touchesAfter(state, { campaign: campaign._id, at: now, held: true }, now))) return
    state = (await messagingRepo(db).stateOf('member', openid)) ?? {}
  }
}

/** Each delivery status and the figure it counts for (those still in flight count only as targeted). */
const COUNTED_AS: Array<[DeliveryStatus, Exclude<keyof CampaignCounters, 'opened' | 'targeted'> | null]> = [
  ['sent', 'sent'],
  ['noConsent', 'noConsent'],
  ['optedOut', 'optedOut'],
  ['capped', 'capped'],
  ['heldOut', 'heldOut'],
  ['failed', 'failed'],
  ['unknown', 'failed'],
  ['retry', null],
  ['sending', null],
]

/**
 * At the walk's end, after a crash. A run that died after claiming some of a page's members, before the page's
 * advance, left their outcomes uncounted, and the runs after it skip them (their deliveries exist).
 * The deliveries are the record: when they hold more members than the counters, the counters are set from them.
 */
async function recountIfShort(db: Database, id: string): Promise<void> {
  const current = await campaignsRepo(db).byId(id)
  // Only a campaign whose lease was once found abandoned can be short: the count reads every delivery, so it is not paid otherwise.
  if (!current?.recount) return
  const deliveries = deliveriesRepo(db)
  const counts = await Promise.all(COUNTED_AS.map(([status]) => deliveries.countFor(id, status)))
  const targeted = counts.reduce((sum, n) => sum + n, 0)
  if (current.counters.targeted >= targeted) return
  const figures: Omit<CampaignCounters, 'opened'> = { targeted, sent: 0, noConsent: 0, optedOut: 0, capped: 0, heldOut: 0, failed: 0 }
  COUNTED_AS.forEach(([, figure], index) => {
    if (figure) figures[figure] += counts[index]
  })
  await campaignsRepo(db).setCounters(id, figures)
}

function tally(outcomes: Reached[]): Partial<CampaignCounters> {
  const counts: Partial<CampaignCounters> = {}
  const add = (key: keyof CampaignCounters) => (counts[key] = (counts[key] ?? 0) + 1)
  for (const outcome of outcomes) {
    if (outcome === null) continue
    add('targeted')
    if (outcome !== 'pending') add(outcome)
  }
  return counts
}
