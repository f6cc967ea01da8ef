import { z } from 'zod'
import { TIER_IDS, type TierId } from './enums'
import { HEX_COLOR, numberProblem, textProblem } from './fields'
import {
  BIRTHDAY_POINTS,
  COUPON_ITEM_NAME,
  COUPON_MIN_SPEND,
  COUPON_TITLE,
  COUPON_VALID_DAYS,
  COUPON_VALUE,
  EXPIRY_MONTHS,
  MAX_CASH_SHARE,
  POINTS_MULTIPLIER,
  POINTS_PER_CASH_YUAN,
  POINTS_PER_YUAN,
  RULES_EXPLANATION,
  TIER_DISCOUNT,
  TIER_NAME,
  TIER_THRESHOLD,
  thresholdOrderProblem,
} from './rulesFields'
import { numberField, textField } from './validators'

/** A tier as the member and the owner see it. Thresholds are fen (spend basis) or points. */
export interface TierView {
  id: TierId
  name: string
  threshold: number
  color: string
  pointsMultiplier: number
  discountPercent: number
  birthdayPerk: { points: number; couponTitle: string | null }
  prioritySignup: boolean
}

/** The card's tier panel: where the member stands and what the next tier needs. */
export interface TierStatus {
  tier: TierId
  tierName: string
  color: string
  basis: 'spend' | 'points'
  /** Spend (fen) or points over the rolling 12 months. */
  figure: number
  /** Held until; null for the lowest tier (nothing to lose). */
  tierUntil: string | null
  /** "再消费 ¥1,240 升级金卡" or "已是最高等级". */
  progressText: string
  progressRatio: number
  tiers: TierView[]
  /** The latest rules change, until the member has seen it. */
  notice: { version: number; explanation: string; meaning: string } | null
}

export const statusPayload = z.strictObject({})
export const dismissNoticePayload = z.strictObject({ version: z.number().int().positive() })

/** A coupon as staff define it: a birthday perk, a ticket's compensation. */
export const couponTemplateField = z
  .strictObject({
    title: textField(COUPON_TITLE),
    kind: z.enum(['fixed', 'percent', 'item']),
    /** Checked against its kind's rule below. */
    value: z.number(),
    itemName: z.string().trim().max(COUPON_ITEM_NAME.max, COUPON_ITEM_NAME.tooLong).nullable(),
    minSpendFen: numberField(COUPON_MIN_SPEND),
    validDays: numberField(COUPON_VALID_DAYS),
  })
  .superRefine((coupon, context) => {
    const valueProblem = numberProblem(coupon.value, COUPON_VALUE[coupon.kind])
    if (valueProblem) context.addIssue({ code: 'custom', path: ['value'], message: valueProblem })
    const itemProblem = coupon.kind === 'item' ? textProblem(coupon.itemName ?? '', COUPON_ITEM_NAME) : null
    if (itemProblem) context.addIssue({ code: 'custom', path: ['itemName'], message: itemProblem })
  })

const tierDraft = z.strictObject({
  id: z.enum(TIER_IDS),
  name: textField(TIER_NAME),
  /** Fen or points, by the draft's basis: checked below, where the basis is known. */
  threshold: z.number(),
  color: z.string().regex(HEX_COLOR.pattern, HEX_COLOR.invalid),
  pointsMultiplier: numberField(POINTS_MULTIPLIER),
  discountPercent: numberField(TIER_DISCOUNT),
  birthdayPoints: numberField(BIRTHDAY_POINTS),
  birthdayCoupon: couponTemplateField.nullable(),
  prioritySignup: z.boolean(),
})

/** The owner's draft: four tiers, lowest first, thresholds strictly increasing from 0. */
export const rulesDraft = z
  .strictObject({
    basis: z.enum(['spend', 'points']),
    tiers: z.array(tierDraft).length(TIER_IDS.length, `须设置 ${TIER_IDS.length} 个等级`),
    points: z.strictObject({
      pointsPerYuan: numberField(POINTS_PER_YUAN),
      pointsPerCashYuan: numberField(POINTS_PER_CASH_YUAN),
      maxCashShare: numberField(MAX_CASH_SHARE),
      expiryMonths: numberField(EXPIRY_MONTHS),
      /** A fully refunded checkout gives its coupon back (absent: yes). */
      returnCouponOnRefund: z.boolean().optional(),
    }),
  })
  .superRefine((draft, context) => {
    draft.tiers.forEach((tier, index) => {
      if (tier.id !== TIER_IDS[index]) context.addIssue({ code: 'custom', path: ['tiers', index, 'id'], message: '等级顺序不正确' })
      const thresholdProblem = numberProblem(tier.threshold, TIER_THRESHOLD[draft.basis]) ?? thresholdOrderProblem(tier.threshold, index, index > 0 ? draft.tiers[index - 1].threshold : null)
      if (thresholdProblem) context.addIssue({ code: 'custom', path: ['tiers', index, 'threshold'], message: thresholdProblem })
    })
  })
export type RulesDraft = z.infer<typeof rulesDraft>

export const rulesPayload = z.strictObject({})
export interface RulesVersionView {
  version: number
  draft: RulesDraft
  explanation: string
  publishedAt: string | null
}
export interface RulesOverview {
  active: RulesVersionView
  history: RulesVersionView[]
}

export const previewPayload = z.strictObject({ draft: rulesDraft })
export interface TierMove {
  from: TierId
  to: TierId
  count: number
}
export interface RulesPreview {
  membersEvaluated: number
  /** Take effect at publish. */
  upgrades: TierMove[]
  /** Members whose hold period has already ended: they move at the next daily evaluation. */
  downgradesDue: TierMove[]
  /** Members still inside their hold period: they move when it ends, if their figures stay as they are. */
  downgradesLater: Array<TierMove & { earliest: string; latest: string }>
  unchanged: number
}

export const publishPayload = z.strictObject({ draft: rulesDraft, explanation: textField(RULES_EXPLANATION) })
export interface PublishResult {
  version: number
  upgraded: number
  /** true when members remain to be upgraded by the hand-over run. */
  more: boolean
}
