import type { CompensationInput } from '@contract/ticket'
import { readCouponForm, type CouponForm } from '../../couponForm'
import { readNumber, textProblem } from '@contract/fields'
import { COMPENSATION_POINTS, RESOLUTION_SUMMARY } from '@contract/ticketFields'
import { formatDiscount, formatPoints, shortYuan } from '@contract/format'

/**
 * 提交处理结果 as typed (text, yuan, days) and as the contract takes it (fen, whole numbers). Every
 * check is the contract's rule; errors are keyed by the payload's paths (`compensation.points`,
 * `compensation.coupon.value`), where the server's own field errors land too.
 */

export type CompensationChoice = 'none' | 'points' | 'coupon'

export type { CouponForm } from '../../couponForm'

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
  // With any problem the whole payload is withheld (readResolveForm), so a NaN never leaves the form.
  return { kind: 'coupon', coupon: readCouponForm(form.coupon, 'compensation.coupon', errors) }
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
