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
  /** 活动开始提醒: thing1 活动名称, time2 开始时间, thing3 活动地点, thing4 温馨提示 */
  activityReminder: 'tpl-activity-reminder',
  /** 候补成功通知: thing1 活动名称, time2 开始时间, thing3 活动地点, phrase4 报名状态 */
  waitlistPromoted: 'tpl-waitlist-promoted',
  /** 活动取消通知: thing1 活动名称, time2 原定时间, thing3 取消原因, thing4 积分退还 */
  activityCancelled: 'tpl-activity-cancelled',
  /** 工单进度通知: character_string1 工单编号, phrase2 处理状态, thing3 处理说明, time4 更新时间 */
  ticketUpdate: 'tpl-ticket-update',
  /** 工单超时提醒 (to owners and admins): character_string1 工单编号, thing2 问题类型, thing3 超时说明, time4 承诺时间 */
  ticketEscalation: 'tpl-ticket-escalation',
} as const

export type TemplatePurpose = keyof typeof SUBSCRIBE_TEMPLATES

/** WeChat's field types, each with its own limits (see domain/messages for the formatters). */
export type TemplateFieldKind = 'thing' | 'phrase' | 'time' | 'number' | 'character_string' | 'name' | 'amount'

/** Each purpose's template fields and their types: what the server fills, checked before sending. */
export const TEMPLATE_FIELDS = {
  tierChange: { thing1: 'thing', phrase2: 'phrase', time3: 'time' },
  birthdayPerk: { thing1: 'thing', time2: 'time' },
  activityReminder: { thing1: 'thing', time2: 'time', thing3: 'thing', thing4: 'thing' },
  waitlistPromoted: { thing1: 'thing', time2: 'time', thing3: 'thing', phrase4: 'phrase' },
  activityCancelled: { thing1: 'thing', time2: 'time', thing3: 'thing', thing4: 'thing' },
  ticketUpdate: { character_string1: 'character_string', phrase2: 'phrase', thing3: 'thing', time4: 'time' },
  ticketEscalation: { character_string1: 'character_string', thing2: 'thing', thing3: 'thing', time4: 'time' },
} as const satisfies Record<TemplatePurpose, Record<string, TemplateFieldKind>>
