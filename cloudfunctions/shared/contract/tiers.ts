import { z } from 'zod'
import { TIER_IDS, type TierId } from './enums'

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

const tierDraft = z.strictObject({
  id: z.enum(TIER_IDS),
  name: z.string().trim().min(1, '请填写等级名称').max(8, '等级名称最多 8 个字'),
  threshold: z.number().int('门槛必须是整数').min(0, '门槛不能为负'),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, '颜色格式应为 #RRGGBB'),
  pointsMultiplier: z.number().min(1, '积分倍率须在 1–10 之间').max(10, '积分倍率须在 1–10 之间').refine((value) => Math.round(value * 100) === value * 100, '积分倍率最多两位小数'),
  discountPercent: z.number().min(0, '折扣须在 0–50% 之间').max(50, '折扣须在 0–50% 之间'),
  birthdayPoints: z.number().int().min(0).max(100_000),
  birthdayCoupon: z
    .strictObject({
      title: z.string().trim().min(1).max(20),
      kind: z.enum(['fixed', 'percent', 'item']),
      value: z.number().int().min(0).max(100_000_00),
      itemName: z.string().trim().max(20).nullable(),
      minSpendFen: z.number().int().min(0).max(100_000_000),
      validDays: z.number().int().min(1).max(365),
    })
    .nullable(),
  prioritySignup: z.boolean(),
})

/** The owner's draft: four tiers, lowest first, thresholds strictly increasing from 0. */
export const rulesDraft = z
  .strictObject({
    basis: z.enum(['spend', 'points']),
    tiers: z.array(tierDraft).length(TIER_IDS.length, `须设置 ${TIER_IDS.length} 个等级`),
    points: z.strictObject({
      pointsPerYuan: z.number().min(0.01).max(100),
      pointsPerCashYuan: z.number().int().min(1).max(100_000),
      maxCashShare: z.number().min(0).max(1),
      expiryMonths: z.number().int().min(1).max(60),
    }),
  })
  .superRefine((draft, context) => {
    draft.tiers.forEach((tier, index) => {
      if (tier.id !== TIER_IDS[index]) context.addIssue({ code: 'custom', path: ['tiers', index, 'id'], message: '等级顺序不正确' })
      if (index === 0 && tier.threshold !== 0) context.addIssue({ code: 'custom', path: ['tiers', 0, 'threshold'], message: '最低等级门槛须为 0' })
      if (index > 0 && tier.threshold <= draft.tiers[index - 1].threshold) context.addIssue({ code: 'custom', path: ['tiers', index, 'threshold'], message: '门槛须逐级递增' })
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

export const publishPayload = z.strictObject({ draft: rulesDraft, explanation: z.string().trim().min(4, '请说明本次调整').max(200, '说明最多 200 字') })
export interface PublishResult {
  version: number
  upgraded: number
  /** true when members remain to be upgraded by the hand-over run. */
  more: boolean
}
