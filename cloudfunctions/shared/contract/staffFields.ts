import { shortYuan } from './format'
import { countRule, hasDecimals, textRule, type PatternRule, type Reading } from './fields'

/** What staff type at the counter and in the back office: card numbers, receipts, codes, amounts, points, rewards. See fields.ts. */

const CARD_NO_LENGTH = 10
export const CARD_NO: PatternRule = { pattern: new RegExp(`^\\d{${CARD_NO_LENGTH}}$`), maxLength: CARD_NO_LENGTH, empty: '请输入会员卡号', invalid: `会员卡号应为 ${CARD_NO_LENGTH} 位数字` }

// The till

/** Largest single order the till accepts: ¥1,000,000. */
export const MAX_ORDER_FEN = 100_000_000

/** A yuan amount as the cashier types it; the server converts it to whole fen so no rule multiplies floating-point yuan. */
export const AMOUNT = {
  empty: '请输入金额',
  notNumber: '金额必须是数字',
  notPositive: '金额必须大于 0',
  tooManyDecimals: '金额最多两位小数',
  tooLarge: `金额不能超过 ${shortYuan(MAX_ORDER_FEN)}`,
} as const

/** Whole fen from a yuan amount with at most two decimals. */
export function toFen(yuan: number): number {
  return Math.round(yuan * 100)
}

export function amountProblem(yuan: number): string | null {
  if (!Number.isFinite(yuan)) return AMOUNT.notNumber
  if (!(yuan > 0)) return AMOUNT.notPositive
  if (!hasDecimals(yuan, 2)) return AMOUNT.tooManyDecimals
  return toFen(yuan) > MAX_ORDER_FEN ? AMOUNT.tooLarge : null
}

export function readAmount(text: string): Reading {
  const trimmed = text.trim()
  if (!trimmed) return { value: null, error: AMOUNT.empty }
  // A minus sign is a number the till cannot take, not a typing slip to drop: "-50" is never ¥50.
  if (/^-\d+(\.\d*)?$/.test(trimmed)) return { value: null, error: AMOUNT.notPositive }
  if (!/^\d+(\.\d*)?$/.test(trimmed)) return { value: null, error: AMOUNT.notNumber }
  const yuan = Number(trimmed)
  const problem = amountProblem(yuan)
  return problem ? { value: null, error: problem } : { value: yuan, error: null }
}

const ORDER_NO_MAX = 32
function receiptNoRule(label: string): PatternRule {
  return { pattern: new RegExp(`^[A-Za-z0-9_-]{1,${ORDER_NO_MAX}}$`), maxLength: ORDER_NO_MAX, empty: `请填写${label}`, invalid: `${label}只能包含字母、数字、- 和 _，最长 ${ORDER_NO_MAX} 位` }
}
/** Order numbers as printed on receipts. */
export const ORDER_NO = receiptNoRule('单号')
/** One per refund, so a refund happens at most once. */
export const REFUND_NO = receiptNoRule('退款单号')

/** The look-alike-free alphabet of redemption and coupon codes (no 0/O, 1/I/L). */
const CODE_CHARS = '[2-9A-HJKMNP-Z]'
function codeRule(label: string, length: number): PatternRule {
  return { pattern: new RegExp(`^${CODE_CHARS}{${length}}$`), maxLength: length, empty: `请输入${label}`, invalid: `${label}应为 ${length} 位字母数字` }
}
export const REDEMPTION_CODE = codeRule('兑换码', 8)
export const COUPON_CODE = codeRule('券码', 10)

/** A code as the server reads it, whatever spaces or case the cashier typed or the scan gave. */
export function normalizeCode(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase()
}

/** Points a member spends as cash in one payment. */
export const CASH_POINTS = countRule('使用积分', 1, 100_000_000)
/** Points the cashier applies to one checkout: none is a checkout too. */
export const CHECKOUT_POINTS = countRule('使用积分', 0, 100_000_000)

/** A checkout's order lines, when the cashier lists them. */
export const ITEM_NAME = textRule('商品名称', 1, 30)
export const ITEM_QUANTITY = countRule('数量', 1, 999)
export const MAX_ITEMS = 50

/** Points as cash at the till, as the shop's active rules set it. */
export interface CashRule {
  /** Points that make ¥1 off. */
  pointsPerCashYuan: number
  /** The most of an order that points may pay, as a share (0.5 = half). */
  maxCashShare: number
}

/** Points an owner or admin adds or takes away in one adjustment (the sign is chosen apart). */
export const ADJUST_POINTS = countRule('调整积分', 1, 1_000_000)
export const ADJUST_REASON = textRule('调整原因', 2, 100)

// Rewards

export const REWARD_NAME = textRule('礼品名称', 1, 20)
export const REWARD_DESCRIPTION = textRule('描述', 0, 200)
export const REWARD_POINTS_COST = countRule('所需积分', 1, 10_000_000)
export const REWARD_STOCK = countRule('库存', 0, 1_000_000)

/** A reward's picture, as the server finds it in cloud storage: the type by its first bytes, not its name. */
export const REWARD_IMAGE = {
  types: ['jpg', 'png', 'webp'],
  maxBytes: 2 * 1024 * 1024,
  badId: '礼品图片文件不正确',
  missing: '找不到礼品图片，请重新上传',
  badType: '礼品图片须为 JPG、PNG 或 WebP 格式',
  tooLarge: '礼品图片不能超过 2 MB',
  hint: 'JPG、PNG 或 WebP，不超过 2 MB',
} as const
