import type { TierId } from '../contract/enums'
import type { RulesDraft } from '../contract/tiers'
import { DEFAULT_POINTS_RULES, type PointsRules } from './pointsRules'
import { DEFAULT_TIER_RULES, tierBasics, type TierRules } from './tiers'

/**
 * One published version of the shop's rules: points and tiers together, so every ledger row and
 * tier change can name the single version it was decided under.
 */
export interface Rules {
  version: number
  points: PointsSettings
  tiers: TierRules
  /** The owner's words on what changed; shown once to each member. */
  explanation: string
  publishedAt: Date | null
  publishedBy: string | null
}

export type PointsSettings = Omit<PointsRules, 'version' | 'tierMultipliers'>

export const DEFAULT_RULES: Rules = {
  version: 1,
  points: {
    pointsPerYuan: DEFAULT_POINTS_RULES.pointsPerYuan,
    pointsPerCashYuan: DEFAULT_POINTS_RULES.pointsPerCashYuan,
    maxCashShare: DEFAULT_POINTS_RULES.maxCashShare,
    expiryMonths: DEFAULT_POINTS_RULES.expiryMonths,
  },
  tiers: DEFAULT_TIER_RULES,
  explanation: '',
  publishedAt: null,
  publishedBy: null,
}

/** The points rules as the till applies them: the tier multipliers come from the tier definitions. */
export function pointsRulesOf(rules: Rules): PointsRules {
  const tierMultipliers = Object.fromEntries(rules.tiers.tiers.map((tier) => [tier.id, tier.pointsMultiplier])) as Record<TierId, number>
  return { ...rules.points, version: rules.version, tierMultipliers }
}

/** The editable part of a rules version, as the owner's form holds it. */
export function draftOf(rules: Rules): RulesDraft {
  return {
    basis: rules.tiers.basis,
    points: { ...rules.points },
    tiers: rules.tiers.tiers.map((tier) => ({ ...tierBasics(tier), birthdayPoints: tier.birthdayPerk.points, birthdayCoupon: tier.birthdayPerk.coupon })),
  }
}

export function rulesFromDraft(draft: RulesDraft, version: number, explanation: string, publishedAt: Date, publishedBy: string): Rules {
  return {
    version,
    points: { ...draft.points },
    tiers: {
      basis: draft.basis,
      holdMonths: DEFAULT_RULES.tiers.holdMonths,
      tiers: draft.tiers.map((tier) => ({ ...tierBasics(tier), birthdayPerk: { points: tier.birthdayPoints, coupon: tier.birthdayCoupon } })),
    },
    explanation,
    publishedAt,
    publishedBy,
  }
}
