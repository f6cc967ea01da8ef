import { z } from 'zod'

/** Largest single order the till accepts: ¥1,000,000. */
export const MAX_ORDER_FEN = 100_000_000

/**
 * A yuan amount as the cashier types it: a positive number with at most two decimals, at most
 * ¥1,000,000. Converted to whole fen so no rule ever multiplies floating-point yuan.
 */
export const yuanAmount = z
  .number({ error: '金额必须是数字' })
  .finite('金额必须是数字')
  .positive('金额必须大于 0')
  .refine((yuan) => Math.abs(Math.round(yuan * 100) - yuan * 100) < 1e-6, '金额最多两位小数')
  .transform((yuan) => Math.round(yuan * 100))
  .refine((fen) => fen <= MAX_ORDER_FEN, '金额不能超过 ¥1,000,000')

/** Order numbers as printed on receipts: letters, digits, `-` and `_`, up to 32 characters. */
export const orderNo = z.string({ error: '请填写单号' }).trim().regex(/^[A-Za-z0-9_-]{1,32}$/, '单号只能包含字母、数字、- 和 _，最长 32 位')

export const storeId = z.string().regex(/^[a-z0-9-]{1,24}$/, '门店编号不正确')
