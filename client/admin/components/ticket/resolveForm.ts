import type { CompensationInput } from '@contract/ticket'
import type { CouponKind } from '@contract/coupons'
import { readNumber, textProblem } from '@contract/fields'
import { COUPON_ITEM_NAME, COUPON_MIN_SPEND, COUPON_TITLE, COUPON_VALID_DAYS, COUPON_VALUE } from '@contract/rulesFields'
import { COMPENSATION_POINTS, RESOLUTION_SUMMARY } from '@contract/ticketFields'
import { formatDiscount, formatPoints, shortYuan } from '@contract/format'

/**
 * 提交处理结果 as typed (text, yuan, days) and as the contract takes it (fen, whole numbers). Every
 * check is the contract's rule; errors are keyed by the payload's paths (`compensation.points`,
 * `compensation.coupon.value`), where the server's own field errors land too.
 */

export type CompensationChoice = 'none' | 'points' | 'coupon'

export interface CouponForm {
  title: string
  kind: CouponKind
  /** fixed: yuan off; percent: percent off (20 = 8折); item: unused */
  value: string
  itemName: string
  minSpendYuan: string
  validDays: string
}

export interface ResolveForm {
  summary: string
  choice: CompensationChoice
  points: string
  coupon: CouponForm
}

export const NEW_RESOLVE_FORM: ResolveForm = {
  summary: '',
  choice: 'none',
  points: '',
  coupon: { title: '服务补偿券', kind: 'fixed', value: '20', itemName: '', minSpendYuan: '0', validDays: '30' },
}

export interface ResolvePayload {
  summary: string
  compensation: CompensationInput | null
}

/**
 * The payload, or what keeps the form from being one. The same form always reads to the same
 * payload (trimmed text, whole fen), so a tap retried after a lost answer is the same resolution
 * to the server, which answers it as the one already given instead of issuing twice.
 */
export function readResolveForm(form: ResolveForm): { payload: ResolvePayload | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const summaryProblem = textProblem(form.summary, RESOLUTION_SUMMARY)
  if (summaryProblem) errors.summary = summaryProblem
  const compensation = compensationOf(form, errors)
  return Object.keys(errors).length > 0 ? { payload: null, errors } : { payload: { summary: form.summary.trim(), compensation }, errors }
}

function compensationOf(form: ResolveForm, errors: Record<string, string>): CompensationInput | null {
  if (form.choice === 'none') return null
  if (form.choice === 'points') {
    const points = readNumber(form.points, COMPENSATION_POINTS)
    if (points.error !== null) errors['compensation.points'] = points.error
    return points.value === null ? null : { kind: 'points', points: points.value }
  }
  const { coupon } = form
  const at = 'compensation.coupon'
  const item = coupon.kind === 'item'
  const titleProblem = textProblem(coupon.title, COUPON_TITLE)
  if (titleProblem) errors[`${at}.title`] = titleProblem
  const itemProblem = item ? textProblem(coupon.itemName, COUPON_ITEM_NAME) : null
  if (itemProblem) errors[`${at}.itemName`] = itemProblem
  const value = item ? { value: 0, error: null } : readNumber(coupon.value, COUPON_VALUE[coupon.kind])
  const minSpend = readNumber(coupon.minSpendYuan, COUPON_MIN_SPEND)
  const validDays = readNumber(coupon.validDays, COUPON_VALID_DAYS)
  if (value.error !== null) errors[`${at}.value`] = value.error
  if (minSpend.error !== null) errors[`${at}.minSpendFen`] = minSpend.error
  if (validDays.error !== null) errors[`${at}.validDays`] = validDays.error
  if (value.value === null || minSpend.value === null || validDays.value === null || titleProblem || itemProblem) return null
  return {
    kind: 'coupon',
    coupon: { title: coupon.title.trim(), kind: coupon.kind, value: value.value, itemName: item ? coupon.itemName.trim() : null, minSpendFen: minSpend.value, validDays: validDays.value },
  }
}

/** `¥20 代金券，无门槛，30 天内有效`: a coupon as the member will find it in their wallet. */
export function couponWords(coupon: Extract<CompensationInput, { kind: 'coupon' }>['coupon']): string {
  const value = coupon.kind === 'fixed' ? `${shortYuan(coupon.value)} 代金券` : coupon.kind === 'percent' ? `${formatDiscount(coupon.value)}券` : `赠品券（${coupon.itemName ?? ''}）`
  const threshold = coupon.minSpendFen > 0 ? `满 ${shortYuan(coupon.minSpendFen)} 可用` : '无门槛'
  return `${value}，${threshold}，${coupon.validDays} 天内有效`
}

/** What the confirmation says will happen: the member is told, and what is issued cannot be taken back. */
export function resolveConfirmation(payload: ResolvePayload, memberName: string): string {
  const told = `工单将转为待确认，${memberName}会收到处理结果通知。`
  const { compensation } = payload
  if (!compensation) return `${told}本次不发放补偿。`
  if (compensation.kind === 'points') return `${told}将立即向其发放 ${formatPoints(compensation.points)} 积分补偿，发放后不可撤回。`
  return `${told}将立即向其发放优惠券「${compensation.coupon.title}」：${couponWords(compensation.coupon)}，发放后不可撤回。`
}
