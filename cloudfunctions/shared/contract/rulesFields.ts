import { countRule, decimalRule, moneyRule, shareRule, textRule, type NumberRule } from './fields'

/** What the owner types into the rules editor: tiers, birthday perks, points. See fields.ts. */

export const TIER_NAME = textRule('等级名称', 1, 8)
/** Spend thresholds are fen typed as yuan; points thresholds are whole points. */
export const TIER_THRESHOLD = { spend: moneyRule('门槛', 0, 10_000_000_000), points: countRule('门槛', 0, 1_000_000_000) } as const
/** Thresholds start at 0 for the lowest tier and rise strictly, tier by tier; `previous` is unknown while the tier below is wrong. */
export function thresholdOrderProblem(threshold: number, index: number, previous: number | null): string | null {
  if (index === 0) return threshold === 0 ? null : '最低等级门槛须为 0'
  return previous === null || threshold > previous ? null : '门槛须逐级递增'
}
export const POINTS_MULTIPLIER = decimalRule('积分倍率', 1, 10, 2)
export const TIER_DISCOUNT = decimalRule('折扣', 0, 50, 1, '%')
export const BIRTHDAY_POINTS = countRule('生日积分', 0, 100_000)
export const COUPON_TITLE = textRule('券名称', 1, 20)
/** Required for an item coupon, absent otherwise. */
export const COUPON_ITEM_NAME = textRule('赠品名称', 1, 20)
/** Fixed: fen off; percent: percent off (20 = 8折); item: nothing off. */
export const COUPON_VALUE = {
  fixed: moneyRule('减免金额', 1, 10_000_000),
  percent: countRule('折扣', 1, 99),
  item: { min: 0, max: 0, decimals: 0, shift: 0, empty: '', message: '赠品券没有面值' },
} as const satisfies Record<string, NumberRule>
export const COUPON_MIN_SPEND = moneyRule('最低消费', 0, 100_000_000)
export const COUPON_VALID_DAYS = countRule('有效天数', 1, 365)
export const POINTS_PER_YUAN = decimalRule('每消费 ¥1 所得积分', 0.01, 100, 2)
export const POINTS_PER_CASH_YUAN = countRule('抵 ¥1 所需积分', 1, 100_000)
export const MAX_CASH_SHARE = shareRule('积分最多抵扣', 0, 1)
export const EXPIRY_MONTHS = countRule('积分有效期（月）', 1, 60)
export const RULES_EXPLANATION = textRule('调整说明', 4, 200)
