import { z } from 'zod'
import { TIER_IDS, type TierId } from './enums'
import { storeId } from './money'
import { couponTemplateField } from './tiers'
import { CAMPAIGN_TEMPLATES, TEMPLATE_PURPOSES, type CampaignTemplate, type TemplatePurpose } from './templates'
import {
  CAMPAIGN_NAME,
  CAMPAIGN_STATUSES,
  CAMPAIGN_TEXT,
  CAP_DAYS,
  CAP_MESSAGES,
  DEFAULT_CAP,
  DEFAULT_HOLDOUT_PERCENT,
  HOLDOUT_PERCENT,
  LANDING_KINDS,
  RFM_CLASSES,
  RFM_DAYS,
  RFM_PURCHASES,
  SEGMENT_DAYS,
  SEGMENT_NAME,
  SEGMENT_PURCHASES,
  SEGMENT_SPEND,
  TAG,
  TAGS_MAX,
  rfmThresholdsProblem,
  segmentFilterProblem,
  type CampaignStatus,
  type LandingKind,
  type RfmClass,
  type RfmThresholds,
  type SegmentFilter,
} from './marketingFields'
import { absentOr, numberField, textField } from './validators'

export type { RfmClass, RfmThresholds, SegmentFilter, CampaignStatus, LandingKind, DeliveryStatus } from './marketingFields'

const recordId = (label: string) => z.string({ error: absentOr(`请指定${label}`, `${label}编号不正确`) }).regex(/^[A-Za-z0-9_-]{1,40}$/, `${label}编号不正确`)
export const segmentIdField = recordId('分群')
export const campaignIdField = recordId('营销活动')
const cursor = z.string({ error: '分页参数无效' }).max(200, '分页参数无效').optional()

// ——— Consent (members) ———

/** What requestSubscribeMessage answered per template ID ('filter': WeChat filtered the template out). */
const consentAnswer = z.enum(['accept', 'reject', 'ban', 'filter'], { error: '订阅结果不正确' })
/** A template ID as WeChat issues them (and our local ones). */
const templateIdField = z.string({ error: '模板编号不正确' }).regex(/^[A-Za-z0-9_-]{1,64}$/, '模板编号不正确')

/**
 * The answers of one requestSubscribeMessage call, and what getSetting({ withSubscriptions: true })
 * reported (总是保持以上选择), when the client read it. Only the caller's own counts change.
 */
export const consentPayload = z.strictObject({
  answers: z.record(templateIdField, consentAnswer).refine((answers) => Object.keys(answers).length >= 1 && Object.keys(answers).length <= 3, '一次最多订阅 3 种消息'),
  settings: z
    .strictObject({
      mainSwitch: z.boolean(),
      itemSettings: z.record(templateIdField, z.enum(['accept', 'reject', 'ban'], { error: '订阅设置不正确' })),
    })
    .nullable()
    .default(null),
})
export const subscriptionsPayload = z.strictObject({
  /** getSetting's subscriptionsSetting, when the page read it on opening. */
  settings: consentPayload.shape.settings,
})
export const setOptOutPayload = z.strictObject({
  purpose: z.enum(TEMPLATE_PURPOSES as [TemplatePurpose, ...TemplatePurpose[]], { error: '消息类型不正确' }),
  optedOut: z.boolean({ error: '请指定是否退订' }),
})
/** A campaign message's landing page opened (the path carries the campaign). */
export const openedPayload = z.strictObject({ campaignId: campaignIdField })

export interface SubscriptionItem {
  purpose: TemplatePurpose
  title: string
  /** What it is for, in the member's words. */
  description: string
  templateId: string
  /** Messages of this type the member's consent still allows (WeChat's one-time subscriptions). */
  remaining: number
  optedOut: boolean
  /** 总是保持以上选择, as WeChat last reported it: accept (asked silently), reject/ban (never asked), null (asked each time). */
  keep: 'accept' | 'reject' | 'ban' | null
  /** Campaign templates carry the shop's offers. */
  campaign: boolean
}
export interface MySubscriptions {
  items: SubscriptionItem[]
  /** false when the member turned 订阅消息 off in the mini-program's settings. */
  mainSwitch: boolean
}

// ——— RFM and segments (marketing) ———

export const rfmOverviewPayload = z.strictObject({})
export const setRfmThresholdsPayload = z
  .strictObject({
    newDays: numberField(RFM_DAYS),
    activeDays: numberField(RFM_DAYS),
    activeMinPurchases: numberField(RFM_PURCHASES),
    activeWindowDays: numberField(RFM_DAYS),
    atRiskDays: numberField(RFM_DAYS),
    dormantDays: numberField(RFM_DAYS),
  })
  .superRefine((thresholds, context) => {
    const problem = rfmThresholdsProblem(thresholds)
    if (problem) context.addIssue({ code: 'custom', path: [problem.field], message: problem.message })
  })

export interface RfmClassSummary {
  rfm: RfmClass
  label: string
  strategy: string
  members: number
}
export interface RfmOverview {
  thresholds: RfmThresholds
  classes: RfmClassSummary[]
  /** When the daily job last finished classifying everyone (null: not yet). */
  computedAt: string | null
}

export const segmentFilterField = z
  .strictObject({
    tiers: z
      .array(z.enum(TIER_IDS, { error: '会员等级不正确' }))
      .min(1, '请选择会员等级')
      .max(TIER_IDS.length)
      .optional(),
    rfm: z
      .array(z.enum(RFM_CLASSES, { error: '会员分类不正确' }))
      .min(1, '请选择会员分类')
      .max(RFM_CLASSES.length)
      .optional(),
    purchasedWithinDays: numberField(SEGMENT_DAYS).optional(),
    notPurchasedForDays: numberField(SEGMENT_DAYS).optional(),
    spendMinFen: numberField(SEGMENT_SPEND).optional(),
    spendMaxFen: numberField(SEGMENT_SPEND).optional(),
    purchasesMin: numberField(SEGMENT_PURCHASES).optional(),
    purchasesMax: numberField(SEGMENT_PURCHASES).optional(),
    birthdayMonth: z.number({ error: '生日月份须为 1–12' }).int('生日月份须为 1–12').min(1, '生日月份须为 1–12').max(12, '生日月份须为 1–12').optional(),
    joinedWithinDays: numberField(SEGMENT_DAYS).optional(),
    store: storeId.optional(),
    tags: z.array(textField(TAG)).min(1, '请填写标签').max(TAGS_MAX, `最多 ${TAGS_MAX} 个标签`).optional(),
  })
  .superRefine((filter, context) => {
    const problem = segmentFilterProblem(filter as SegmentFilter)
    if (problem) context.addIssue({ code: 'custom', path: [problem.field], message: problem.message })
  })

export const countSegmentPayload = z.strictObject({ filter: segmentFilterField })
export const segmentsPayload = z.strictObject({})
export const saveSegmentPayload = z.strictObject({ id: segmentIdField.optional(), name: textField(SEGMENT_NAME), filter: segmentFilterField })
export const segmentRefPayload = z.strictObject({ id: segmentIdField })
/** The saved segment of exactly this filter, made under this name if there is none yet (the 数据 pages' one tap to a campaign). */
export const segmentForPayload = z.strictObject({ name: textField(SEGMENT_NAME), filter: segmentFilterField })
/** Bulk tagging: every member the segment matches now gains (or loses) the tag. */
export const tagSegmentPayload = z.strictObject({ id: segmentIdField, tag: textField(TAG), remove: z.boolean().default(false) })

export interface SegmentCount {
  members: number
}
export interface Segment {
  id: string
  name: string
  filter: SegmentFilter
  /** Members it matched when last saved or counted. */
  members: number
  updatedAt: string
  updatedBy: string | null
}
export interface TagResult {
  tag: string
  removed: boolean
  members: number
}

// ——— Campaigns (marketing) ———

const campaignTexts = z.strictObject({
  /** 活动主题 / 优惠名称 */
  title: textField(CAMPAIGN_TEXT),
  /** 活动内容 (活动通知); ignored by 优惠到账, whose amount and date come from the coupon. */
  body: textField(CAMPAIGN_TEXT),
  /** 温馨提示 */
  tip: textField(CAMPAIGN_TEXT),
})
const landingField = z.strictObject({ kind: z.enum(LANDING_KINDS, { error: '请选择落地页' }), id: recordId('落地页').nullable().default(null) }).superRefine((landing, context) => {
  const needsId = landing.kind === 'activity' || landing.kind === 'reward'
  if (needsId && !landing.id) context.addIssue({ code: 'custom', path: ['id'], message: landing.kind === 'activity' ? '请选择活动' : '请选择兑换商品' })
})

const campaignDraftShape = {
  name: textField(CAMPAIGN_NAME),
  segmentId: segmentIdField,
  template: z.enum(CAMPAIGN_TEMPLATES, { error: '请选择消息模板' }),
  texts: campaignTexts,
  landing: landingField.default({ kind: 'card', id: null }),
  coupon: couponTemplateField.nullable().default(null),
  /** A Beijing moment as an ISO string; null sends as soon as it is started. */
  sendAt: z.iso.datetime({ offset: true, error: '发送时间格式不正确' }).nullable().default(null),
  holdoutPercent: numberField(HOLDOUT_PERCENT).default(DEFAULT_HOLDOUT_PERCENT),
  cap: z.strictObject({ messages: numberField(CAP_MESSAGES), days: numberField(CAP_DAYS) }).default(DEFAULT_CAP),
}
const couponForCouponTemplate = (draft: { template: CampaignTemplate; coupon: unknown }, context: z.RefinementCtx) => {
  if (draft.template === 'campaignCoupon' && !draft.coupon) context.addIssue({ code: 'custom', path: ['coupon'], message: '优惠到账通知须附带一张优惠券' })
  // 优惠金额 is an amount field: only a cash coupon has one.
  else if (draft.template === 'campaignCoupon' && (draft.coupon as { kind?: string }).kind !== 'fixed')
    context.addIssue({ code: 'custom', path: ['coupon', 'kind'], message: '优惠到账通知的券须为代金券' })
}
export const createCampaignPayload = z.strictObject(campaignDraftShape).superRefine(couponForCouponTemplate)
export const updateCampaignPayload = z.strictObject({ id: campaignIdField, ...campaignDraftShape }).superRefine(couponForCouponTemplate)
export type CampaignDraftInput = z.output<typeof createCampaignPayload>

export const campaignRefPayload = z.strictObject({ id: campaignIdField })
export const campaignsPayload = z.strictObject({ status: z.enum(CAMPAIGN_STATUSES).optional(), cursor })
export const tickPayload = z.strictObject({
  budgetMs: z.number().int().min(1000).max(55_000).default(45_000),
  /** Stop after this many campaign recipients (tests and benches cut a run short with it). */
  maxRecipients: z.number().int().min(1).max(1_000_000).optional(),
  round: z.number().int().min(0).max(1000).default(0),
})

export interface RenderedField {
  key: string
  label: string
  value: string
}
/** A message exactly as WeChat will show it: the template's title and its labelled fields. */
export interface RenderedMessage {
  templateTitle: string
  fields: RenderedField[]
  page: string
}
export interface GroupConversion {
  members: number
  purchases: number
  spendFen: number
}
export interface CampaignResults {
  targeted: number
  sent: number
  noConsent: number
  optedOut: number
  capped: number
  heldOut: number
  failed: number
  /** Sends waiting for a retry or in flight. */
  pending: number
  opened: number
  conversion: {
    recipients: GroupConversion
    holdout: GroupConversion
    /** Per member, recipients minus held out: what the campaign added (null until both groups have members). */
    lift: { purchasesPerMember: number; spendPerMemberFen: number } | null
  }
}
export interface Campaign {
  id: string
  name: string
  status: CampaignStatus
  segment: { id: string; name: string; filter: SegmentFilter }
  template: CampaignTemplate
  texts: { title: string; body: string; tip: string }
  landing: { kind: LandingKind; id: string | null }
  coupon: z.output<typeof couponTemplateField> | null
  sendAt: string | null
  holdoutPercent: number
  cap: { messages: number; days: number }
  createdAt: string
  createdBy: string
  startedAt: string | null
  finishedAt: string | null
  /** Why the sender is waiting, when it is (quiet hours until 09:00, the schedule). */
  waitingUntil: string | null
  results: CampaignResults
}
export interface CampaignSummary {
  id: string
  name: string
  status: CampaignStatus
  segmentName: string
  template: CampaignTemplate
  sendAt: string | null
  createdAt: string
  targeted: number
  sent: number
  heldOut: number
}
export interface CampaignPage {
  items: CampaignSummary[]
  nextCursor: string | null
}
export interface CampaignPreview {
  /** Members the segment matches now. */
  recipients: number
  heldOut: number
  optedOut: number
  noConsent: number
  capped: number
  /** Who would receive the message now: consent left, not capped, not held out or opted out. */
  willSend: number
  /** The segment is larger than the preview walks: the figures are scaled from the first members. */
  estimated: boolean
  samples: Array<{ name: string; message: RenderedMessage }>
}
export interface TickReport {
  deliveriesRetried: number
  deliveriesResolved: number
  campaigns: Array<{ id: string; recipients: number; sent: number; status: CampaignStatus; waitingUntil: string | null }>
  rfm: { classified: number; changed: number; done: boolean } | null
  couponReminders: { sent: number; done: boolean } | null
  left: boolean
  elapsedMs: number
}

export type { TierId, CampaignTemplate }
