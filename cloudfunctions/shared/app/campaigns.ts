import type { Campaign, CampaignDraftInput, CampaignPreview, CampaignSummary } from '../contract/marketing'
import { PREVIEW_SAMPLES } from '../contract/marketingFields'
import { campaignsRepo } from '../data/campaigns'
import { deliveriesRepo } from '../data/deliveries'
import { segmentsRepo } from '../data/segments'
import { campaignMessage, campaignResults, recipientVerdict, rendered, ZERO_COUNTERS, type CampaignDoc } from '../domain/campaign'
import { compileSegment } from '../domain/segments'
import { checkMessage } from '../domain/templateFields'
import type { Database } from '../runtime/cloud'
import { AppError, invalidInput } from '../runtime/errors'
import { templateId } from '../runtime/notify'

/** Members the preview looks at one by one; beyond them its figures are scaled. */
export const PREVIEW_WALK = 3_000

export function newCampaignId(now: Date): string {
  return `C${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`
}

/** A draft from the form: the segment as it is now (its filter is copied, so editing the segment later does not move a sent campaign). */
export async function draftOf(db: Database, input: CampaignDraftInput, base: Pick<CampaignDoc, '_id' | 'createdAt' | 'createdBy'>, now: Date): Promise<CampaignDoc> {
  const segment = await segmentsRepo(db).byId(input.segmentId)
  if (!segment) throw invalidInput([{ path: 'segmentId', message: '找不到该分群' }])
  const doc: CampaignDoc = {
    ...base,
    name: input.name,
    status: 'draft',
    segment: { id: segment._id, name: segment.name, filter: segment.filter },
    template: input.template,
    texts: input.texts,
    landing: input.landing,
    coupon: input.coupon,
    sendAt: input.sendAt ? new Date(input.sendAt) : null,
    holdoutPercent: input.holdoutPercent,
    cap: input.cap,
    updatedAt: now,
    startedAt: null,
    finishedAt: null,
    cursor: null,
    leaseUntil: null,
    waitingUntil: null,
    counters: { ...ZERO_COUNTERS },
    conversion: { recipients: { purchases: 0, spendFen: 0 }, holdout: { purchases: 0, spendFen: 0 } },
    rev: 1,
  }
  // The message is checked as WeChat would before anyone can start it: never a 47003 for the whole segment.
  const checked = checkMessage(doc.template, campaignMessage(doc, 'preview', now).data)
  if (!checked.ok) throw invalidInput([{ path: checked.field === 'thing1' ? 'texts.title' : 'texts', message: checked.reason }])
  return doc
}

export async function campaignOrThrow(db: Database, id: string): Promise<CampaignDoc> {
  const campaign = await campaignsRepo(db).byId(id)
  if (!campaign) throw new AppError('NOT_FOUND', '找不到该营销活动')
  return campaign
}

/** A change of status by staff, on the campaign as it is now: re-read and retried when the sender moved it meanwhile. */
export async function changeStatus(db: Database, id: string, change: (campaign: CampaignDoc) => CampaignDoc | string, now: Date): Promise<CampaignDoc> {
  const repo = campaignsRepo(db)
  for (let attempt = 0; attempt < 5; attempt++) {
    const campaign = await campaignOrThrow(db, id)
    const next = change(campaign)
    if (typeof next === 'string') throw new AppError('CONFLICT', next)
    const written = { ...next, rev: campaign.rev + 1, updatedAt: now }
    if (await repo.replaceIf(written, campaign.rev)) return written
  }
  throw new AppError('CONFLICT')
}

export async function toCampaign(db: Database, doc: CampaignDoc): Promise<Campaign> {
  const pending = doc.status === 'draft' ? 0 : (await deliveriesRepo(db).countFor(doc._id, 'retry')) + (await deliveriesRepo(db).countFor(doc._id, 'sending'))
  return {
    id: doc._id,
    name: doc.name,
    status: doc.status,
    segment: doc.segment,
    template: doc.template,
    texts: doc.texts,
    landing: doc.landing,
    coupon: doc.coupon,
    sendAt: iso(doc.sendAt),
    holdoutPercent: doc.holdoutPercent,
    cap: doc.cap,
    createdAt: iso(doc.createdAt)!,
    createdBy: doc.createdBy,
    startedAt: iso(doc.startedAt),
    finishedAt: iso(doc.finishedAt),
    waitingUntil: doc.status === 'sending' || doc.status === 'scheduled' ? iso(doc.waitingUntil ?? (doc.status === 'scheduled' ? doc.sendAt : null)) : null,
    results: campaignResults(doc, pending),
  }
}

export function toSummary(doc: CampaignDoc): CampaignSummary {
  return {
    id: doc._id,
    name: doc.name,
    status: doc.status,
    segmentName: doc.segment.name,
    template: doc.template,
    sendAt: iso(doc.sendAt),
    createdAt: iso(doc.createdAt)!,
    targeted: doc.counters.targeted,
    sent: doc.counters.sent,
    heldOut: doc.counters.heldOut,
  }
}

/**
 * Before sending: who the segment holds now and what would become of each, decided by the same
 * rules the sender uses (holdout, opt-out, consent, cap), with a few messages rendered as WeChat shows them.
 */
export async function previewOf(db: Database, campaign: CampaignDoc, now: Date): Promise<CampaignPreview> {
  const repo = segmentsRepo(db)
  const conditions = compileSegment(campaign.segment.filter, now)
  const recipients = await repo.count(conditions)
  const template = templateId(campaign.template)
  const tally = { heldOut: 0, optedOut: 0, noConsent: 0, capped: 0, send: 0 }
  const samples: CampaignPreview['samples'] = []
  let walked = 0
  let cursor: string | null = null
  while (walked < Math.min(recipients, PREVIEW_WALK)) {
    const page = await repo.recipientsAfter(conditions, cursor, 100)
    if (page.length === 0) break
    for (const member of page) {
      const verdict = recipientVerdict(campaign, member._id, member.messaging, template, now)
      tally[verdict]++
      if (verdict === 'send' && samples.length < PREVIEW_SAMPLES) samples.push({ name: member.profile.name, message: rendered(campaignMessage(campaign, member._id, now)) })
    }
    walked += page.length
    cursor = page[page.length - 1]._id
  }
  const scale = walked > 0 ? recipients / walked : 0
  const scaled = (n: number) => Math.round(n * scale)
  if (samples.length === 0) samples.push({ name: '示例会员', message: rendered(campaignMessage(campaign, 'preview', now)) })
  return {
    recipients,
    heldOut: scaled(tally.heldOut),
    optedOut: scaled(tally.optedOut),
    noConsent: scaled(tally.noConsent),
    capped: scaled(tally.capped),
    willSend: scaled(tally.send),
    estimated: walked < recipients,
    samples,
  }
}

const iso = (at: Date | string | null | undefined) => (at ? new Date(at).toISOString() : null)
