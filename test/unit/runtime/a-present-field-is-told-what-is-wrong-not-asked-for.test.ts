/**
 * A field sent with the wrong type is there: its message says what is wrong with it, in the
 * contract's words, and asking for it (请输入 / 请填写 / 请选择 / 缺少) is kept for a field that is absent.
 */
import type { z } from 'zod'
import type { FieldIssue } from '../../../cloudfunctions/shared/contract/errors'
import { GENDER_INVALID, GENDER_REQUIRED } from '../../../cloudfunctions/shared/contract/fields'
import { joinPayload } from '../../../cloudfunctions/shared/contract/member'
import { accruePayload } from '../../../cloudfunctions/shared/contract/points'
import { confirmRedemptionPayload, createRewardPayload } from '../../../cloudfunctions/shared/contract/rewards'
import { AMOUNT, ORDER_NO, REDEMPTION_CODE, REWARD_POINTS_COST } from '../../../cloudfunctions/shared/contract/staffFields'
import { AppError } from '../../../cloudfunctions/shared/runtime/errors'
import { parsePayload } from '../../../cloudfunctions/shared/runtime/validate'

function issuesOf(schema: z.ZodType, payload: unknown): FieldIssue[] {
  try {
    parsePayload(schema, payload)
  } catch (error) {
    if (error instanceof AppError) return error.fields ?? []
    throw error
  }
  throw new Error(`accepted ${JSON.stringify(payload)}`)
}
const messageAt = (schema: z.ZodType, payload: unknown, path: string) => issuesOf(schema, payload).find((issue) => issue.path === path)?.message

const member = { name: '林晓雨', birthday: '1990-05-01', gender: 'female' }
const accrual = { memberCode: 'x'.repeat(40), storeId: 'store-001', orderNo: 'A001', amount: 88 }
const asking = /^(请输入|请填写|请选择|请扫描|缺少)/

describe.each([
  ['a redemption code', confirmRedemptionPayload, {}, 'code', 12345, REDEMPTION_CODE.empty, REDEMPTION_CODE.invalid],
  ['a birthday', joinPayload, member, 'birthday', 19900501, '请填写生日', '生日格式应为 YYYY-MM-DD'],
  ['a gender', joinPayload, member, 'gender', 'robot', GENDER_REQUIRED, GENDER_INVALID],
  ['an order number', accruePayload, accrual, 'orderNo', 1001, ORDER_NO.empty, ORDER_NO.invalid],
  ['an amount', accruePayload, accrual, 'amount', '88', AMOUNT.empty, AMOUNT.notNumber],
  ['a member code', accruePayload, accrual, 'memberCode', 42, '请扫描会员码', '会员码不正确'],
] as const)('%s', (_label, schema, valid, field, wrong, absentMessage, wrongMessage) => {
  it('absent, is asked for', () => {
    const payload: Record<string, unknown> = { ...valid }
    delete payload[field]
    expect(messageAt(schema, payload, field)).toBe(absentMessage)
  })

  it('present but of the wrong type, is told what is wrong', () => {
    const message = messageAt(schema, { ...valid, [field]: wrong }, field)
    expect(message).toBe(wrongMessage)
    expect(message).not.toMatch(asking)
  })
})

describe('a reward’s points cost', () => {
  it('over the limit says the limit in Chinese, never zod’s English', () => {
    const message = messageAt(createRewardPayload, { name: '拿铁', pointsCost: 20_000_000, stock: 1 }, 'pointsCost')
    expect(message).toBe(REWARD_POINTS_COST.message)
    expect(message).toContain('10,000,000')
    expect(message).not.toMatch(/[A-Za-z]{3,}/)
  })

  it('given as text says it should be a number, naming the field', () => {
    expect(messageAt(createRewardPayload, { name: '拿铁', pointsCost: '500', stock: 1 }, 'pointsCost')).toMatch(/pointsCost.*应为数字.*文本/)
  })
})
