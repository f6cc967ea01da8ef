import { readCouponForm, type CouponForm } from '../../couponForm'
import { HEX_COLOR, patternProblem, readNumber, textProblem, typedNumber, type NumberRule } from '@contract/fields'
import {
  BIRTHDAY_POINTS,
  COUPON_MIN_SPEND,
  COUPON_VALID_DAYS,
  COUPON_VALUE,
  EXPIRY_MONTHS,
  MAX_CASH_SHARE,
  POINTS_MULTIPLIER,
  POINTS_PER_CASH_YUAN,
  POINTS_PER_YUAN,
  TIER_DISCOUNT,
  TIER_NAME,
  TIER_THRESHOLD,
  thresholdOrderProblem,
} from '@contract/rulesFields'
import type { RulesDraft } from '@contract/tiers'

/**
 * The rules editor's form: what the owner types (text, yuan, percent), and the way to and from the
 * contract's draft (fen, fractions). Every check is the contract's own rule (@contract/fields), the
 * one the server's schema is built from; its field errors land on the same paths (`tiers.2.threshold`).
 */
type TierDraft = RulesDraft['tiers'][number]

export type { CouponForm } from '../../couponForm'

export interface TierForm {
  id: TierDraft['id']
  color: string
  name: string
  /** yuan (spend basis) or points */
  threshold: string
  pointsMultiplier: string
  discountPercent: string
  birthdayPoints: string
  birthdayCoupon: CouponForm | null
  prioritySignup: boolean
}

export interface RulesForm {
  /** The version the form was made from: settings the editor has no field for are published as they were. */
  base: RulesDraft
  basis: RulesDraft['basis']
  tiers: TierForm[]
  points: { pointsPerYuan: string; pointsPerCashYuan: string; maxCashSharePercent: string; expiryMonths: string; returnCouponOnRefund: boolean }
}

export const NEW_COUPON: CouponForm = { title: '生日礼券', kind: 'fixed', value: '10', itemName: '', minSpendYuan: '0', validDays: '30' }

export function formOf(draft: RulesDraft): RulesForm {
  return {
    base: draft,
    basis: draft.basis,
    tiers: draft.tiers.map((tier) => ({
      id: tier.id,
      color: tier.color,
      name: tier.name,
      threshold: typedNumber(tier.threshold, TIER_THRESHOLD[draft.basis]),
      pointsMultiplier: typedNumber(tier.pointsMultiplier, POINTS_MULTIPLIER),
      discountPercent: typedNumber(tier.discountPercent, TIER_DISCOUNT),
      birthdayPoints: typedNumber(tier.birthdayPoints, BIRTHDAY_POINTS),
      birthdayCoupon: tier.birthdayCoupon && {
        title: tier.birthdayCoupon.title,
        kind: tier.birthdayCoupon.kind,
        value: tier.birthdayCoupon.kind === 'item' ? '' : typedNumber(tier.birthdayCoupon.value, COUPON_VALUE[tier.birthdayCoupon.kind]),
        itemName: tier.birthdayCoupon.itemName ?? '',
        minSpendYuan: typedNumber(tier.birthdayCoupon.minSpendFen, COUPON_MIN_SPEND),
        validDays: typedNumber(tier.birthdayCoupon.validDays, COUPON_VALID_DAYS),
      },
      prioritySignup: tier.prioritySignup,
    })),
    points: {
      pointsPerYuan: typedNumber(draft.points.pointsPerYuan, POINTS_PER_YUAN),
      pointsPerCashYuan: typedNumber(draft.points.pointsPerCashYuan, POINTS_PER_CASH_YUAN),
      maxCashSharePercent: typedNumber(draft.points.maxCashShare, MAX_CASH_SHARE),
      expiryMonths: typedNumber(draft.points.expiryMonths, EXPIRY_MONTHS),
      // Rules published before the setting existed give the coupon back.
      returnCouponOnRefund: draft.points.returnCouponOnRefund ?? true,
    },
  }
}

export type FormErrors = Record<string, string>

/** The element id of the field at a draft path (`tiers.2.threshold` → `rules-tiers-2-threshold`), for scrolling to it. */
export function fieldAnchor(path: string): string {
  return `rules-${path.replace(/\./g, '-')}`
}

/** Reads one number field in the contract's units, recording its error under `path`; NaN when it fails. */
function reader(errors: FormErrors) {
  return function read(path: string, text: string, rule: NumberRule): number {
    const reading = readNumber(text, rule)
    if (reading.value !== null) return reading.value
    errors[path] = reading.error
    return NaN
  }
}

function checkText(errors: FormErrors, path: string, problem: string | null): void {
  if (problem) errors[path] = problem
}

/** The contract's draft, or the errors that keep the form from being one (keyed by the draft's paths). */
export function draftOf(form: RulesForm): { draft: RulesDraft | null; errors: FormErrors } {
  const errors: FormErrors = {}
  const read = reader(errors)
  const tiers: TierDraft[] = form.tiers.map((tier, index) => {
    const at = `tiers.${index}`
    checkText(errors, `${at}.name`, textProblem(tier.name, TIER_NAME))
    checkText(errors, `${at}.color`, patternProblem(tier.color, HEX_COLOR))
    const coupon = tier.birthdayCoupon
    return {
      ...form.base.tiers[index],
      id: tier.id,
      name: tier.name.trim(),
      threshold: read(`${at}.threshold`, tier.threshold, TIER_THRESHOLD[form.basis]),
      color: tier.color.trim(),
      pointsMultiplier: read(`${at}.pointsMultiplier`, tier.pointsMultiplier, POINTS_MULTIPLIER),
      discountPercent: read(`${at}.discountPercent`, tier.discountPercent, TIER_DISCOUNT),
      birthdayPoints: read(`${at}.birthdayPoints`, tier.birthdayPoints, BIRTHDAY_POINTS),
      birthdayCoupon: coupon && readCouponForm(coupon, `${at}.birthdayCoupon`, errors),
      prioritySignup: tier.prioritySignup,
    }
  })
  tiers.forEach((tier, index) => {
    const path = `tiers.${index}.threshold`
    if (errors[path]) return
    const previous = index > 0 && !Number.isNaN(tiers[index - 1].threshold) ? tiers[index - 1].threshold : null
    checkText(errors, path, thresholdOrderProblem(tier.threshold, index, previous))
  })
  const points = {
    ...form.base.points,
    pointsPerYuan: read('points.pointsPerYuan', form.points.pointsPerYuan, POINTS_PER_YUAN),
    pointsPerCashYuan: read('points.pointsPerCashYuan', form.points.pointsPerCashYuan, POINTS_PER_CASH_YUAN),
    maxCashShare: read('points.maxCashShare', form.points.maxCashSharePercent, MAX_CASH_SHARE),
    expiryMonths: read('points.expiryMonths', form.points.expiryMonths, EXPIRY_MONTHS),
    returnCouponOnRefund: form.points.returnCouponOnRefund,
  }
  return Object.keys(errors).length > 0 ? { draft: null, errors } : { draft: { basis: form.basis, tiers, points }, errors }
}
