import type { PayloadOf } from '@contract/actions'
import { readNumber, textProblem, typedNumber } from '@contract/fields'
import { fromShopDateTime, toShopDateTime } from '@contract/activityFields'
import { formatDiscount, shortYuan } from '@contract/format'
import type { Campaign, RenderedMessage } from '@contract/marketing'
import { CAMPAIGN_NAME, CAMPAIGN_TEXT, CAP_DAYS, CAP_MESSAGES, DEFAULT_CAP, DEFAULT_HOLDOUT_PERCENT, HOLDOUT_PERCENT, type LandingKind } from '@contract/marketingFields'
import { COUPON_MIN_SPEND, COUPON_VALID_DAYS, COUPON_VALUE } from '@contract/rulesFields'
import { PURPOSES, type CampaignTemplate } from '@contract/templates'
import { readCouponForm, type CouponForm } from '../../admin/couponForm'

/**
 * A campaign draft as the marketer fills it in and as the contract takes it. Errors are keyed by the
 * payload's own paths (`texts.title`, `coupon.value`, `cap.days`), where the server's land too.
 */
export interface CampaignForm {
  name: string
  segmentId: string | null
  template: CampaignTemplate
  title: string
  body: string
  tip: string
  landingKind: LandingKind
  landingId: string | null
  /** 活动通知 may carry a coupon; 优惠到账 always does. */
  withCoupon: boolean
  coupon: CouponForm
  schedule: 'now' | 'at'
  /** Beijing wall clock: YYYY-MM-DD and HH:mm. */
  date: string
  time: string
  holdoutPercent: string
  capMessages: string
  capDays: string
}

/** 优惠金额 is an amount field: the contract's words for a coupon that has none. */
export const COUPON_MUST_BE_CASH = '优惠到账通知的券须为代金券'

export type CampaignDraft = PayloadOf<'marketing', 'createCampaign'>

export const NEW_COUPON: CouponForm = { title: '会员专享券', kind: 'fixed', value: '20', itemName: '', minSpendYuan: '0', validDays: '30' }

export function newCampaignForm(segmentId: string | null): CampaignForm {
  return {
    name: '',
    segmentId,
    template: 'campaignActivity',
    title: '',
    body: '',
    tip: '',
    landingKind: 'card',
    landingId: null,
    withCoupon: false,
    coupon: NEW_COUPON,
    schedule: 'now',
    date: '',
    time: '',
    holdoutPercent: String(DEFAULT_HOLDOUT_PERCENT),
    capMessages: String(DEFAULT_CAP.messages),
    capDays: String(DEFAULT_CAP.days),
  }
}

export function formOfCampaign(campaign: Campaign): CampaignForm {
  const at = campaign.sendAt ? toShopDateTime(campaign.sendAt) : ''
  const coupon = campaign.coupon
  return {
    name: campaign.name,
    segmentId: campaign.segment.id,
    template: campaign.template,
    title: campaign.texts.title,
    body: campaign.texts.body,
    tip: campaign.texts.tip,
    landingKind: campaign.landing.kind,
    landingId: campaign.landing.id,
    withCoupon: coupon !== null,
    coupon: coupon
      ? {
          title: coupon.title,
          kind: coupon.kind,
          value: coupon.kind === 'item' ? '' : typedNumber(coupon.value, COUPON_VALUE[coupon.kind]),
          itemName: coupon.itemName ?? '',
          minSpendYuan: typedNumber(coupon.minSpendFen, COUPON_MIN_SPEND),
          validDays: typedNumber(coupon.validDays, COUPON_VALID_DAYS),
        }
      : NEW_COUPON,
    schedule: at ? 'at' : 'now',
    date: at.slice(0, 10),
    time: at.slice(11, 16),
    holdoutPercent: String(campaign.holdoutPercent),
    capMessages: String(campaign.cap.messages),
    capDays: String(campaign.cap.days),
  }
}

/** 优惠到账 always carries the coupon its message announces. */
export const carriesCoupon = (form: CampaignForm) => form.template === 'campaignCoupon' || form.withCoupon

/** The draft, or what keeps the form from being one. `now` decides whether a scheduled time has passed. */
export function readCampaignForm(form: CampaignForm, now: Date): { draft: CampaignDraft | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const text = (path: string, value: string, rule: typeof CAMPAIGN_TEXT) => {
    const problem = textProblem(value, rule)
    if (problem) errors[path] = problem
    return value.trim()
  }
  const number = (path: string, value: string, rule: Parameters<typeof readNumber>[1]) => {
    const reading = readNumber(value, rule)
    if (reading.value === null) errors[path] = reading.error
    return reading.value ?? NaN
  }
  const name = text('name', form.name, CAMPAIGN_NAME)
  if (!form.segmentId) errors.segmentId = '请选择分群'
  const title = text('texts.title', form.title, CAMPAIGN_TEXT)
  // 优惠到账 has no 活动内容 field; the contract still takes one, so the title stands in for it.
  const body = form.template === 'campaignCoupon' ? form.body.trim() || title : text('texts.body', form.body, CAMPAIGN_TEXT)
  const tip = text('texts.tip', form.tip, CAMPAIGN_TEXT)
  const needsId = form.landingKind === 'activity' || form.landingKind === 'reward'
  if (needsId && !form.landingId) errors['landing.id'] = form.landingKind === 'activity' ? '请选择活动' : '请选择兑换商品'
  const coupon = carriesCoupon(form) ? readCouponForm(form.coupon, 'coupon', errors) : null
  if (form.template === 'campaignCoupon' && form.coupon.kind !== 'fixed') errors['coupon.kind'] = COUPON_MUST_BE_CASH
  let sendAt: string | null = null
  if (form.schedule === 'at') {
    if (!form.date || !form.time) errors.sendAt = '请选择发送日期和时间'
    else {
      const at = fromShopDateTime(`${form.date} ${form.time}`)
      if (!at) errors.sendAt = '不是有效的时间'
      else if (at.getTime() <= now.getTime()) errors.sendAt = '发送时间须晚于现在'
      else sendAt = `${form.date}T${form.time}:00+08:00`
    }
  }
  const holdoutPercent = number('holdoutPercent', form.holdoutPercent, HOLDOUT_PERCENT)
  const cap = { messages: number('cap.messages', form.capMessages, CAP_MESSAGES), days: number('cap.days', form.capDays, CAP_DAYS) }
  if (Object.keys(errors).length > 0) return { draft: null, errors }
  return {
    draft: {
      name,
      segmentId: form.segmentId as string,
      template: form.template,
      texts: { title, body, tip },
      landing: { kind: form.landingKind, id: needsId ? form.landingId : null },
      coupon,
      sendAt,
      holdoutPercent,
      cap,
    },
    errors,
  }
}

/**
 * The message as the form has it, for the card beside the fields: the texts go in as typed; what
 * the coupon fills (amount, date) is worked out here, and the server's preview shows the real one.
 */
export function draftMessage(form: CampaignForm, now: Date): RenderedMessage {
  const info = PURPOSES[form.template]
  const sendsAt = (form.schedule === 'at' && fromShopDateTime(`${form.date} ${form.time}`)) || now
  const values: Record<string, string> =
    form.template === 'campaignActivity'
      ? { thing1: form.title, thing2: form.body, thing3: form.tip }
      : { thing1: form.title, amount2: couponAmount(form.coupon), date3: couponUntil(form.coupon, sendsAt), thing4: form.tip }
  return {
    templateTitle: info.title,
    fields: Object.entries(info.labels).map(([key, label]) => ({ key, label, value: values[key]?.trim() ?? '' })),
    page: '',
  }
}

/** 优惠金额 as WeChat's amount field takes it (`¥20.00`): only a cash coupon has one. */
function couponAmount(coupon: CouponForm): string {
  const fen = coupon.kind === 'fixed' ? readNumber(coupon.value, COUPON_VALUE.fixed).value : null
  return fen === null ? '' : `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
}

/** 有效期至 as the date field writes it (`2026年12月08日`): the sending day is day 1, as the server issues it (couponFrom). */
function couponUntil(coupon: CouponForm, from: Date): string {
  const days = readNumber(coupon.validDays, COUPON_VALID_DAYS).value
  if (days === null) return ''
  const until = toShopDateTime(new Date(from.getTime() + (Math.max(1, Math.floor(days)) - 1) * 24 * 60 * 60 * 1000))
  return `${until.slice(0, 4)}年${until.slice(5, 7)}月${until.slice(8, 10)}日`
}

/** Today on Beijing's calendar, the schedule picker's first day. */
export function shopToday(now: Date): string {
  return toShopDateTime(now).slice(0, 10)
}

/** `¥20 代金券，无门槛，30 天内有效`: the coupon as recipients will find it in their wallet. */
export function couponWords(coupon: NonNullable<Campaign['coupon']>): string {
  const value = coupon.kind === 'fixed' ? `${shortYuan(coupon.value)} 代金券` : coupon.kind === 'percent' ? `${formatDiscount(coupon.value)}券` : `赠品券（${coupon.itemName ?? ''}）`
  const threshold = coupon.minSpendFen > 0 ? `满 ${shortYuan(coupon.minSpendFen)} 可用` : '无门槛'
  return `「${coupon.title}」${value}，${threshold}，${coupon.validDays} 天内有效`
}
