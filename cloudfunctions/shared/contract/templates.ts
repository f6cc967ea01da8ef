/**
 * Subscription-message templates (订阅消息), by purpose. Replace the IDs with your own from 公众平台 →
 * 订阅消息 (README: Deploy); each template's fields are listed so the server fills them correctly.
 * Functions read HUIYUAN_TEMPLATE_<PURPOSE> from their environment first.
 */
export const SUBSCRIBE_TEMPLATES = {
  /** 会员等级变更: thing1 变更内容, phrase2 新等级, time3 变更时间 */
  tierChange: 'tpl-tier-change',
  /** 生日礼遇到账: thing1 礼遇内容, time2 有效期至 */
  birthdayPerk: 'tpl-birthday-perk',
} as const

export type TemplatePurpose = keyof typeof SUBSCRIBE_TEMPLATES
