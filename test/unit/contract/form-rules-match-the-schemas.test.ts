/**
 * The mini-program checks its forms with the plain rules in contract/fields.ts, and the payload
 * schemas are built from the same rules. These properties hold the two evaluations to one answer,
 * so a form never refuses what the server would take, nor lets through what it would refuse.
 */
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { z } from 'zod'
import { redeemCouponPayload } from '../../../cloudfunctions/shared/contract/coupons'
import * as fieldKinds from '../../../cloudfunctions/shared/contract/fields'
import * as rulesFields from '../../../cloudfunctions/shared/contract/rulesFields'
import * as staffFields from '../../../cloudfunctions/shared/contract/staffFields'
import { formatCode, formatDiscount } from '../../../cloudfunctions/shared/contract/format'
import { joinPayload } from '../../../cloudfunctions/shared/contract/member'
import { orderNo, refundNo, yuanAmount } from '../../../cloudfunctions/shared/contract/money'
import { adjustPayload, payWithPointsPayload } from '../../../cloudfunctions/shared/contract/points'
import { confirmRedemptionPayload, createRewardPayload } from '../../../cloudfunctions/shared/contract/rewards'
import { publishPayload, rulesDraft } from '../../../cloudfunctions/shared/contract/tiers'
import { numberField } from '../../../cloudfunctions/shared/contract/validators'
import { cashForPoints } from '../../../cloudfunctions/shared/domain/points'
import { priceCheckout } from '../../../cloudfunctions/shared/contract/checkoutPrice'
import { DEFAULT_POINTS_RULES } from '../../../cloudfunctions/shared/domain/pointsRules'
import { DEFAULT_RULES, draftOf } from '../../../cloudfunctions/shared/domain/rules'

const fields = { ...fieldKinds, ...staffFields, ...rulesFields }
type NumberRule = fieldKinds.NumberRule
const { ADJUST_POINTS, ADJUST_REASON, CASH_POINTS, COUPON_CODE, MEMBER_NAME, ORDER_NO, REDEMPTION_CODE, REFUND_NO, REWARD_POINTS_COST, RULES_EXPLANATION } = fields
const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success
const firstMessage = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues[0]?.message ?? null

/** Text as people type it at a till: receipt characters, look-alikes, spaces, Chinese, now and then too long. */
const typed = (alphabet: string, maxLength: number) => fc.string({ unit: fc.constantFrom(...alphabet.split('')), maxLength })
const RECEIPT_CHARS = 'AZaz09_-. 单#'
const CODE_CHARS = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789abc01OIL '

describe('the contract file the client imports', () => {
  it.each(['fields.ts', 'staffFields.ts', 'rulesFields.ts', 'format.ts'])('%s imports nothing but these, so the mini-program never bundles zod', (file) => {
    const source = readFileSync(path.join(__dirname, '../../../cloudfunctions/shared/contract', file), 'utf8')
    for (const [, from] of source.matchAll(/^import .* from '([^']+)'$/gm)) expect(['./format', './fields']).toContain(from)
  })
})

describe('receipt numbers and codes', () => {
  it.each([
    ['an order number', ORDER_NO, orderNo],
    ['a refund number', REFUND_NO, refundNo],
  ] as const)('%s: the form and the schema agree, with the same message', (_label, rule, schema) => {
    fc.assert(
      fc.property(typed(RECEIPT_CHARS, 40), (text) => {
        const problem = fields.patternProblem(text, rule)
        expect(problem === null).toBe(accepts(schema, text))
        if (problem !== null) expect(firstMessage(schema, text)).toBe(problem)
      }),
    )
  })

  it.each([
    ['a redemption code', REDEMPTION_CODE, confirmRedemptionPayload, 8],
    ['a coupon code', COUPON_CODE, redeemCouponPayload, 10],
  ] as const)('%s: normalised the same way, then checked the same way', (_label, rule, schema, length) => {
    fc.assert(
      fc.property(typed(CODE_CHARS, length + 4), (text) => {
        const problem = fields.patternProblem(fields.normalizeCode(text), rule)
        expect(problem === null).toBe(accepts(schema, { code: text }))
        if (problem !== null) expect(firstMessage(schema, { code: text })).toBe(problem)
      }),
    )
  })

  it('a code typed in two halves, lower case, is the code', () => {
    expect(confirmRedemptionPayload.parse({ code: ' abcd efgh ' })).toEqual({ code: 'ABCDEFGH' })
    expect(fields.patternProblem(fields.normalizeCode(' abcd efgh '), REDEMPTION_CODE)).toBeNull()
  })
})

describe('amounts at the till', () => {
  it('readAmount takes a typed amount exactly when the schema takes that number, and says why not', () => {
    const amountText = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 2_000_000 }), fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), maxLength: 4 })))
        .map(([whole, fraction]) => (fraction === null ? String(whole) : `${whole}.${fraction}`)),
      typed('0123456789.-e ', 10),
    )
    fc.assert(
      fc.property(amountText, (text) => {
        const reading = fields.readAmount(text)
        if (!/^\d+(\.\d*)?$/.test(text.trim())) return expect(reading.value).toBeNull()
        expect(reading.value !== null).toBe(accepts(yuanAmount, Number(text)))
        if (reading.error !== null && text.trim()) expect(firstMessage(yuanAmount, Number(text))).toBe(reading.error)
        if (reading.value !== null) expect(yuanAmount.parse(reading.value)).toBe(fields.toFen(reading.value))
      }),
    )
  })

  it('the largest order is the one the message names', () => {
    expect(fields.readAmount('1000000').value).toBe(1_000_000)
    expect(fields.readAmount('1000000.01').error).toBe('金额不能超过 ¥1,000,000')
  })
})

describe('number rules typed into forms', () => {
  const rules = Object.entries(fields as Record<string, unknown>).filter((entry): entry is [string, NumberRule] => typeof entry[1] === 'object' && entry[1] !== null && 'shift' in entry[1])
  const nested = [...Object.entries(fields.TIER_THRESHOLD), ...Object.entries(fields.COUPON_VALUE).filter(([kind]) => kind !== 'item')].map(([key, rule]) => [key, rule] as [string, NumberRule])

  it.each([...rules, ...nested])('%s: what a form reads is what the schema takes, and shows again as typed', (_name, rule) => {
    const schema = numberField(rule)
    const span = rule.max - rule.min
    const candidate = fc.oneof(
      fc.integer({ min: Math.floor(rule.min - 2), max: Math.ceil(Math.min(rule.max, rule.min + 1000) + 2) }),
      fc.double({ min: rule.min - span / 10, max: rule.max + span / 10, noNaN: true }),
      fc.constantFrom(rule.min, rule.max, rule.max + 10 ** -rule.decimals),
    )
    fc.assert(
      fc.property(candidate, (value) => {
        expect(fields.numberProblem(value, rule) === null).toBe(accepts(schema, value))
        if (!accepts(schema, value)) return
        // Within the rule's decimals: the schema, like the yuan check before it, forgives float noise below them.
        const reading = fields.readNumber(fields.typedNumber(value, rule), rule)
        expect(reading.error).toBeNull()
        expect(reading.value).toBeCloseTo(value, rule.decimals)
      }),
    )
  })

  it('yuan become fen and percent becomes a share without float drift', () => {
    expect(fields.readNumber('0.29', fields.COUPON_MIN_SPEND)).toEqual({ value: 29, error: null })
    expect(fields.readNumber('33.33', fields.MAX_CASH_SHARE)).toEqual({ value: 0.3333, error: null })
    expect(fields.readNumber('12.345', fields.COUPON_MIN_SPEND).error).toBe(fields.COUPON_MIN_SPEND.message)
    expect(fields.typedNumber(0.5, fields.MAX_CASH_SHARE)).toBe('50')
    expect(fields.typedRange(fields.POINTS_PER_YUAN)).toBe('0.01–100')
  })

  it('the payloads that use them refuse with the form’s message', () => {
    expect(firstMessage(payWithPointsPayload.shape.points, 0)).toBe(CASH_POINTS.message)
    expect(firstMessage(adjustPayload.shape.delta, -1_000_001)).toBe(ADJUST_POINTS.message)
    expect(accepts(adjustPayload.shape.delta, -1_000_000)).toBe(true)
    expect(firstMessage(createRewardPayload.shape.pointsCost, 0)).toBe(REWARD_POINTS_COST.message)
  })
})

describe('text rules', () => {
  it.each([
    ['a member name', MEMBER_NAME, joinPayload.shape.name],
    ['an adjustment reason', ADJUST_REASON, adjustPayload.shape.reason],
    ['a rules explanation', RULES_EXPLANATION, publishPayload.shape.explanation],
  ] as const)('%s: the form and the schema agree, with the same message', (_label, rule, schema) => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('会', ' ', 'a', '\t'), maxLength: rule.max + 5 }), (text) => {
        const problem = fields.textProblem(text, rule)
        expect(problem === null).toBe(accepts(schema, text))
        if (problem !== null) expect(firstMessage(schema, text)).toBe(problem)
      }),
    )
  })
})

describe('the owner’s draft', () => {
  it('the default rules are a valid draft', () => {
    expect(accepts(rulesDraft, draftOf(DEFAULT_RULES))).toBe(true)
  })

  it('checks a threshold by its basis and a coupon value by its kind, as the form does', () => {
    const draft = draftOf(DEFAULT_RULES)
    const at = (patch: (next: typeof draft) => void) => {
      const next = structuredClone(draft)
      patch(next)
      return rulesDraft.safeParse(next).error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? []
    }
    expect(at((next) => (next.tiers[1].threshold = 100.5))).toEqual([['tiers.1.threshold', fields.TIER_THRESHOLD.spend.message]])
    expect(at((next) => (next.tiers[1].threshold = 0))).toEqual([['tiers.1.threshold', fields.thresholdOrderProblem(0, 1, 0)]])
    expect(at((next) => (next.tiers[3].birthdayCoupon!.value = 120))).toEqual([['tiers.3.birthdayCoupon.value', fields.COUPON_VALUE.percent.message]])
    expect(at((next) => (next.tiers[2].birthdayCoupon!.itemName = ' '))).toEqual([['tiers.2.birthdayCoupon.itemName', fields.COUPON_ITEM_NAME.tooShort]])
  })
})

describe('points as cash', () => {
  const rule = fc.record({ pointsPerCashYuan: fc.integer({ min: 1, max: 100_000 }), maxCashShare: fc.integer({ min: 0, max: 10_000 }).map((basis) => basis / 10_000) })

  it('the single action’s check is the checkout’s price with nothing else off, for any rule, order and points', () => {
    fc.assert(
      fc.property(rule, fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (cashRule, orderFen, points) => {
        const server = cashForPoints(points, orderFen, { ...DEFAULT_POINTS_RULES, ...cashRule })
        const till = priceCheckout({ amountFen: orderFen, discountPercent: 0, coupon: null, points, pointsBalance: Number.MAX_SAFE_INTEGER, ...cashRule })
        expect(till.ok ? { ok: true, discountFen: till.price.cashFen } : { ok: false, field: 'points', message: till.problem.message }).toEqual(server)
      }),
    )
  })

  it('the most points a checkout shows before confirming is whole yuan within the share and the balance, and is accepted; one yuan more is not', () => {
    fc.assert(
      fc.property(rule, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (cashRule, discountPercent, amountFen, pointsBalance) => {
        const { maxPoints } = priceCheckout({ amountFen, discountPercent, coupon: null, points: 0, pointsBalance, ...cashRule }).price
        expect(maxPoints).toBeLessThanOrEqual(pointsBalance)
        expect(maxPoints % cashRule.pointsPerCashYuan).toBe(0)
        expect(priceCheckout({ amountFen, discountPercent, coupon: null, points: maxPoints, pointsBalance, ...cashRule }).ok).toBe(true)
        expect(priceCheckout({ amountFen, discountPercent, coupon: null, points: maxPoints + cashRule.pointsPerCashYuan, pointsBalance, ...cashRule }).ok).toBe(false)
      }),
    )
  })
})

describe('how codes and discounts read', () => {
  it('codes split in halves whatever their length, discounts in 折', () => {
    expect(formatCode('ABCDEFGH')).toBe('ABCD EFGH')
    expect(formatCode('ABCDE23456')).toBe('ABCDE 23456')
    expect(formatDiscount(5)).toBe('9.5折')
    expect(formatDiscount(20)).toBe('8折')
  })
})
