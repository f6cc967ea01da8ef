import type { CampaignResults, CampaignPreview, RenderedMessage } from '../contract/marketing'
import { CONVERSION_DAYS, QUIET_HOURS, type CampaignStatus, type LandingKind, type SegmentFilter } from '../contract/marketingFields'
import { PURPOSES, TEMPLATE_FIELDS, type CampaignTemplate } from '../contract/templates'
import { couponFrom, type IssuedCoupon } from './birthday'
import type { BirthdayCoupon } from './tiers'
import { shopTime } from './calendar'
import type { CouponDoc } from './coupons'
import { decision, type Decision } from './decision'
import type { Message } from './messages'
import { isOptedOut, remainingConsent, type CampaignTouch, type MessagingState } from './messaging'
import { formatAmount, formatTemplateDate } from './templateFields'

const DAY_MS = 24 * 60 * 60 * 1000

/** The outcomes a campaign counts as it goes: the results' figures, before what is pending and the conversion. */
export type CampaignCounters = Omit<CampaignResults, 'pending' | 'conversion'>
export const ZERO_COUNTERS: CampaignCounters = { targeted: 0, sent: 0, noConsent: 0, optedOut: 0, capped: 0, heldOut: 0, failed: 0, opened: 0 }

export interface ConversionCounters {
  recipients: { purchases: number; spendFen: number }
  holdout: { purchases: number; spendFen: number }
}

export interface CampaignDoc {
  _id: string
  name: string
  status: CampaignStatus
  segment: { id: string; name: string; filter: SegmentFilter }
  template: CampaignTemplate
  texts: { title: string; body: string; tip: string }
  landing: { kind: LandingKind; id: string | null }
  coupon: BirthdayCoupon | null
  sendAt: Date | null
  holdoutPercent: number
  cap: { messages: number; days: number }
  createdAt: Date
  createdBy: string
  updatedAt: Date
  startedAt: Date | null
  finishedAt: Date | null
  /** The walk's position: the last member `_id` fully handled. */
  cursor: string | null
  /** A sender's lease: another timer run leaves the campaign alone until it has passed. */
  leaseUntil: Date | null
  /** Set when a run found the lease abandoned (a crash): the counters are checked against the deliveries at the end. */
  recount?: boolean
  waitingUntil: Date | null
  counters: CampaignCounters
  conversion: ConversionCounters
  rev: number
}

/** FNV-1a over campaign and member: the same member is in or out of one campaign's holdout on every run, on every instance. */
export function holdoutBucket(campaignId: string, openid: string): number {
  let hash = 0x811c9dc5
  for (const char of `${campaignId}\u0000${openid}`) {
    hash ^= char.codePointAt(0)!
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash % 10_000
}

export function isHeldOut(campaignId: string, openid: string, percent: number): boolean {
  return holdoutBucket(campaignId, openid) < percent * 100
}

/** Campaign sends still inside the cap's window, newest first. */
export function sendsInWindow(state: MessagingState | null | undefined, cap: { days: number }, now: Date): Date[] {
  return (state?.campaignSends ?? [])
    .map((at) => new Date(at))
    .filter((at) => now.getTime() - at.getTime() < cap.days * DAY_MS)
    .sort((a, b) => b.getTime() - a.getTime())
}

export function isCapped(state: MessagingState | null | undefined, cap: { messages: number; days: number }, now: Date): boolean {
  return sendsInWindow(state, cap, now).length >= cap.messages
}

/** No campaign sends 21:00–09:00 Beijing time: during them, the moment sending may resume; otherwise null. */
export function quietUntil(now: Date): Date | null {
  const local = shopTime(now)
  const hour = local.hour()
  if (hour >= QUIET_HOURS.to && hour < QUIET_HOURS.from) return null
  const morning = local.startOf('day').add(QUIET_HOURS.to, 'hour')
  return (hour >= QUIET_HOURS.from ? morning.add(1, 'day') : morning).toDate()
}

export type RecipientVerdict = 'heldOut' | 'optedOut' | 'noConsent' | 'capped' | 'send'

/** What the campaign does with one member of its segment, in this order: holdout, opt-out, consent, cap. */
export function recipientVerdict(
  campaign: Pick<CampaignDoc, '_id' | 'template' | 'holdoutPercent' | 'cap'>,
  openid: string,
  state: MessagingState | null | undefined,
  templateId: string,
  now: Date,
): RecipientVerdict {
  if (isHeldOut(campaign._id, openid, campaign.holdoutPercent)) return 'heldOut'
  if (isOptedOut(state, campaign.template)) return 'optedOut'
  if (remainingConsent(state, templateId) <= 0) return 'noConsent'
  if (isCapped(state, campaign.cap, now)) return 'capped'
  return 'send'
}

/** The touches kept on the member: this campaign's added, those past the conversion window dropped. */
export function touchesAfter(state: MessagingState | null | undefined, touch: CampaignTouch, now: Date): CampaignTouch[] {
  const kept = (state?.touches ?? []).filter((each) => each.campaign !== touch.campaign && now.getTime() - new Date(each.at).getTime() < CONVERSION_DAYS * DAY_MS)
  return [touch, ...kept].slice(0, 10)
}

/** The page the message opens, carrying the campaign so the landing counts as an open. */
export function landingPage(campaignId: string, landing: CampaignDoc['landing']): string {
  const campaign = `campaign=${encodeURIComponent(campaignId)}`
  switch (landing.kind) {
    case 'activity':
      return `activity/pages/detail/index?id=${encodeURIComponent(landing.id ?? '')}&${campaign}`
    case 'reward':
      return `points/pages/reward/index?id=${encodeURIComponent(landing.id ?? '')}&${campaign}`
    case 'wallet':
      return `points/pages/wallet/index?${campaign}`
    default:
      return `pages/card/index?${campaign}`
  }
}

/** The coupon every non-held-out member of the segment receives, valid from today. */
export function campaignCoupon(campaign: Pick<CampaignDoc, 'coupon'>, now: Date): IssuedCoupon | null {
  return campaign.coupon ? couponFrom(campaign.coupon, now) : null
}

/** The campaign's message to one member: its template's fields from the campaign's texts (and coupon). */
export function campaignMessage(campaign: Pick<CampaignDoc, '_id' | 'template' | 'texts' | 'landing' | 'coupon'>, openid: string, now: Date): Message {
  const page = landingPage(campaign._id, campaign.landing)
  const { title, body, tip } = campaign.texts
  if (campaign.template === 'campaignActivity') return { openid, purpose: 'campaignActivity', subject: campaign._id, data: { thing1: title, thing2: body, thing3: tip }, page }
  const coupon = campaignCoupon(campaign, now)
  const amount = coupon && coupon.kind === 'fixed' ? formatAmount(coupon.value) : null
  const until = coupon ? formatTemplateDate(coupon.validUntil) : null
  return {
    openid,
    purpose: 'campaignCoupon',
    subject: campaign._id,
    data: { thing1: title, amount2: amount?.ok ? amount.value : '', date3: until?.ok ? until.value : '', thing4: tip },
    page,
  }
}

/** The message as WeChat shows it: the template's title and each field under its label. */
export function rendered(message: Pick<Message, 'purpose' | 'data' | 'page'>): RenderedMessage {
  const info = PURPOSES[message.purpose]
  return {
    templateTitle: info.title,
    fields: Object.keys(TEMPLATE_FIELDS[message.purpose]).map((key) => ({ key, label: info.labels[key] ?? key, value: message.data[key] ?? '' })),
    page: message.page ?? 'pages/card/index',
  }
}

/** The campaign's coupon for one member, through the one door, keyed `campaign:<id>:<openid>` so it is issued once. */
export function decideCampaignCoupon(campaign: Pick<CampaignDoc, '_id' | 'coupon'>, openid: string, now: Date, code: string): Decision | null {
  const issued = campaignCoupon(campaign, now)
  if (!issued) return null
  const coupon: CouponDoc = {
    _id: `campaign:${campaign._id}:${openid}`,
    openid,
    code,
    ...issued,
    status: 'available',
    source: 'campaign',
    usedAt: null,
    usedBy: null,
    orderNo: null,
    createdAt: now,
  }
  return decision(openid, { coupon })
}

/** Results from the counters: conversion per member of each group, and the lift between them. */
export function campaignResults(campaign: Pick<CampaignDoc, 'counters' | 'conversion'>, pending: number): CampaignResults {
  const { counters, conversion } = campaign
  const recipients = { members: counters.sent, ...conversion.recipients }
  const holdout = { members: counters.heldOut, ...conversion.holdout }
  const perMember = (group: { members: number; purchases: number; spendFen: number }) => ({ purchases: group.purchases / group.members, spendFen: group.spendFen / group.members })
  const lift =
    recipients.members > 0 && holdout.members > 0
      ? {
          purchasesPerMember: round(perMember(recipients).purchases - perMember(holdout).purchases, 4),
          spendPerMemberFen: Math.round(perMember(recipients).spendFen - perMember(holdout).spendFen),
        }
      : null
  return { ...counters, pending, conversion: { recipients, holdout, lift } }
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places

/** The purchase's campaigns: touches within the conversion window before it, each counted to its group. */
export function conversionsOf(state: MessagingState | null | undefined, at: Date): CampaignTouch[] {
  return (state?.touches ?? []).filter((touch) => {
    const since = at.getTime() - new Date(touch.at).getTime()
    return since >= 0 && since < CONVERSION_DAYS * DAY_MS
  })
}

export type { CampaignPreview }
