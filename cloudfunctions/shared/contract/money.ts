import { z } from 'zod'
import { AMOUNT, ORDER_NO, REFUND_NO, amountProblem, toFen } from './staffFields'
import { absentOr, patternField, refusedBy } from './validators'

/** A yuan amount as the cashier types it, converted to whole fen so no rule ever multiplies floating-point yuan. */
export const yuanAmount = z
  .number({ error: absentOr(AMOUNT.empty, AMOUNT.notNumber) })
  .superRefine(refusedBy(amountProblem))
  .transform(toFen)

/** Order numbers as printed on receipts: letters, digits, `-` and `_`, up to 32 characters. */
export const orderNo = patternField(ORDER_NO)
export const refundNo = patternField(REFUND_NO)

export const storeId = z.string().regex(/^[a-z0-9-]{1,24}$/, '门店编号不正确')
