import type { CouponKind } from '@contract/coupons'
import type { RulesDraft } from '@contract/tiers'

/**
 * The rules editor's form: what the owner types (text, yuan, percent), and the way to and from the
 * contract's draft (fen, fractions). The checks mirror the contract's schema; the server checks
 * again and its field errors land on the same paths (`tiers.2.threshold`).
 */
type TierDraft = RulesDraft['tiers'][number]

export interface CouponForm {
  title: string
  kind: CouponKind
  /** fixed: yuan off; percent: percent off (20 = 8折); item: unused */
  value: string
  itemName: string
  minSpendYuan: string
  validDays: string
}

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
  basis: RulesDraft['basis']
  tiers: TierForm[]
  points: { pointsPerYuan: string; pointsPerCashYuan: string; maxCashSharePercent: string; expiryMonths: string }
}

export const NEW_COUPON: CouponForm = { title: '生日礼券', kind: 'fixed', value: '10', itemName: '', minSpendYuan: '0', validDays: '30' }

const yuan = (fen: number) => String(fen / 100)

export function formOf(draft: RulesDraft): RulesForm {
  return {
    basis: draft.basis,
    tiers: draft.tiers.map((tier) => ({
      id: tier.id,
      color: tier.color,
      name: tier.name,
      threshold: draft.basis === 'spend' ? yuan(tier.threshold) : String(tier.threshold),
      pointsMultiplier: String(tier.pointsMultiplier),
      discountPercent: String(tier.discountPercent),
      birthdayPoints: String(tier.birthdayPoints),
      birthdayCoupon: tier.birthdayCoupon && {
        title: tier.birthdayCoupon.title,
        kind: tier.birthdayCoupon.kind,
        value: tier.birthdayCoupon.kind === 'fixed' ? yuan(tier.birthdayCoupon.value) : String(tier.birthdayCoupon.value),
        itemName: tier.birthdayCoupon.itemName ?? '',
        minSpendYuan: yuan(tier.birthdayCoupon.minSpendFen),
        validDays: String(tier.birthdayCoupon.validDays),
      },
      prioritySignup: tier.prioritySignup,
    })),
    points: {
      pointsPerYuan: String(draft.points.pointsPerYuan),
      pointsPerCashYuan: String(draft.points.pointsPerCashYuan),
      maxCashSharePercent: String(Math.round(draft.points.maxCashShare * 10000) / 100),
      expiryMonths: String(draft.points.expiryMonths),
    },
  }
}

export type FormErrors = Record<string, string>

/** Reads one number field, recording its error under `path`; NaN when it fails. */
function reader(errors: FormErrors) {
  return function read(path: string, text: string, check: { min: number; max: number; decimals: number; message: string }): number {
    const trimmed = text.trim()
    if (!trimmed) {
      errors[path] = '请填写'
      return NaN
    }
    const pattern = check.decimals > 0 ? new RegExp(`^\\d+(\\.\\d{1,${check.decimals}})?$`) : /^\d+$/
    const value = Number(trimmed)
    if (!pattern.test(trimmed) || value < check.min || value > check.max) {
      errors[path] = check.message
      return NaN
    }
    return value
  }
}

/** Whole fen from a yuan amount already checked to have at most two decimals. */
const toFen = (yuanValue: number) => Math.round(yuanValue * 100)

/** The contract's draft, or the errors that keep the form from being one (keyed by the draft's paths). */
export function draftOf(form: RulesForm): { draft: RulesDraft | null; errors: FormErrors } {
  const errors: FormErrors = {}
  const read = reader(errors)
  const spend = form.basis === 'spend'
  const tiers: TierDraft[] = form.tiers.map((tier, index) => {
    const at = `tiers.${index}`
    const name = tier.name.trim()
    if (!name) errors[`${at}.name`] = '请填写等级名称'
    else if (name.length > 8) errors[`${at}.name`] = '等级名称最多 8 个字'
    const thresholdValue = read(`${at}.threshold`, tier.threshold, spend ? { min: 0, max: 100_000_000, decimals: 2, message: '门槛应为金额（元），最多两位小数' } : { min: 0, max: 1_000_000_000, decimals: 0, message: '门槛应为整数积分' })
    const coupon = tier.birthdayCoupon
    return {
      id: tier.id,
      name,
      threshold: spend ? toFen(thresholdValue) : thresholdValue,
      color: tier.color,
      pointsMultiplier: read(`${at}.pointsMultiplier`, tier.pointsMultiplier, { min: 1, max: 10, decimals: 2, message: '积分倍率须在 1–10 之间，最多两位小数' }),
      discountPercent: read(`${at}.discountPercent`, tier.discountPercent, { min: 0, max: 50, decimals: 1, message: '折扣须在 0–50% 之间' }),
      birthdayPoints: read(`${at}.birthdayPoints`, tier.birthdayPoints, { min: 0, max: 100_000, decimals: 0, message: '生日积分应为 0–100,000 的整数' }),
      birthdayCoupon: coupon && couponDraft(coupon, `${at}.birthdayCoupon`, errors, read),
      prioritySignup: tier.prioritySignup,
    }
  })
  tiers.forEach((tier, index) => {
    const path = `tiers.${index}.threshold`
    if (errors[path] || Number.isNaN(tier.threshold)) return
    if (index === 0 && tier.threshold !== 0) errors[path] = '最低等级门槛须为 0'
    const previous = tiers[index - 1]
    if (index > 0 && !Number.isNaN(previous.threshold) && tier.threshold <= previous.threshold) errors[path] = '门槛须逐级递增'
  })
  const points = {
    pointsPerYuan: read('points.pointsPerYuan', form.points.pointsPerYuan, { min: 0.01, max: 100, decimals: 2, message: '应在 0.01–100 之间' }),
    pointsPerCashYuan: read('points.pointsPerCashYuan', form.points.pointsPerCashYuan, { min: 1, max: 100_000, decimals: 0, message: '应为 1–100,000 的整数' }),
    maxCashShare: read('points.maxCashShare', form.points.maxCashSharePercent, { min: 0, max: 100, decimals: 2, message: '应在 0–100% 之间' }) / 100,
    expiryMonths: read('points.expiryMonths', form.points.expiryMonths, { min: 1, max: 60, decimals: 0, message: '应为 1–60 的整数' }),
  }
  return Object.keys(errors).length > 0 ? { draft: null, errors } : { draft: { basis: form.basis, tiers, points }, errors }
}

function couponDraft(coupon: CouponForm, at: string, errors: FormErrors, read: ReturnType<typeof reader>): NonNullable<TierDraft['birthdayCoupon']> {
  const title = coupon.title.trim()
  if (!title) errors[`${at}.title`] = '请填写券名称'
  else if (title.length > 20) errors[`${at}.title`] = '券名称最多 20 个字'
  const itemName = coupon.itemName.trim()
  if (coupon.kind === 'item' && !itemName) errors[`${at}.itemName`] = '请填写赠品名称'
  if (itemName.length > 20) errors[`${at}.itemName`] = '赠品名称最多 20 个字'
  const value =
    coupon.kind === 'fixed'
      ? toFen(read(`${at}.value`, coupon.value, { min: 0.01, max: 100_000, decimals: 2, message: '减免金额应在 ¥0.01–¥100,000 之间' }))
      : coupon.kind === 'percent'
        ? read(`${at}.value`, coupon.value, { min: 1, max: 99, decimals: 0, message: '折扣应为 1–99 的整数（20 即 8 折）' })
        : 0
  return {
    title,
    kind: coupon.kind,
    value,
    itemName: coupon.kind === 'item' ? itemName : null,
    minSpendFen: toFen(read(`${at}.minSpendFen`, coupon.minSpendYuan, { min: 0, max: 1_000_000, decimals: 2, message: '最低消费应为金额（元），最多两位小数' })),
    validDays: read(`${at}.validDays`, coupon.validDays, { min: 1, max: 365, decimals: 0, message: '有效天数应为 1–365 的整数' }),
  }
}
