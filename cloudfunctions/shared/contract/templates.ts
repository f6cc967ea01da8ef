/**
 * Every subscription message (订阅消息) the product sends, by purpose: one registry. Replace the IDs with
 * your own from 公众平台 → 订阅消息 (README: Deploy); each template's fields are listed with their WeChat
 * types, so the server fills and checks them (domain/templateFields) before anything reaches WeChat.
 * Functions read HUIYUAN_TEMPLATE_<PURPOSE> from their environment first. Zod-free: the client imports it.
 */
export const SUBSCRIBE_TEMPLATES = {
  /** 积分变动提醒: thing1 变动原因, character_string2 变动积分, number3 当前积分, time4 变动时间 */
  pointsChange: 'tpl-points-change',
  /** 会员等级变更: thing1 变更内容, phrase2 新等级, time3 变更时间 */
  tierChange: 'tpl-tier-change',
  /** 生日礼遇到账: thing1 礼遇内容, time2 有效期至 */
  birthdayPerk: 'tpl-birthday-perk',
  /** 优惠券到期提醒: thing1 优惠券, date2 到期日期, thing3 温馨提示 */
  couponExpiring: 'tpl-coupon-expiring',
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
  /** 活动通知 (a campaign): thing1 活动主题, thing2 活动内容, thing3 温馨提示 */
  campaignActivity: 'tpl-campaign-activity',
  /** 优惠到账通知 (a campaign with a coupon): thing1 优惠名称, amount2 优惠金额, date3 有效期至, thing4 温馨提示 */
  campaignCoupon: 'tpl-campaign-coupon',
} as const

export type TemplatePurpose = keyof typeof SUBSCRIBE_TEMPLATES
export const TEMPLATE_PURPOSES = Object.keys(SUBSCRIBE_TEMPLATES) as TemplatePurpose[]

/** WeChat's field types, each with its own limits (domain/templateFields has the formatters). */
export type TemplateFieldKind = 'thing' | 'phrase' | 'time' | 'date' | 'number' | 'character_string' | 'name' | 'amount'

/** Each purpose's template fields and their types: what the server fills, checked before sending. */
export const TEMPLATE_FIELDS = {
  pointsChange: { thing1: 'thing', character_string2: 'character_string', number3: 'number', time4: 'time' },
  tierChange: { thing1: 'thing', phrase2: 'phrase', time3: 'time' },
  birthdayPerk: { thing1: 'thing', time2: 'time' },
  couponExpiring: { thing1: 'thing', date2: 'date', thing3: 'thing' },
  activityReminder: { thing1: 'thing', time2: 'time', thing3: 'thing', thing4: 'thing' },
  waitlistPromoted: { thing1: 'thing', time2: 'time', thing3: 'thing', phrase4: 'phrase' },
  activityCancelled: { thing1: 'thing', time2: 'time', thing3: 'thing', thing4: 'thing' },
  ticketUpdate: { character_string1: 'character_string', phrase2: 'phrase', thing3: 'thing', time4: 'time' },
  ticketEscalation: { character_string1: 'character_string', thing2: 'thing', thing3: 'thing', time4: 'time' },
  campaignActivity: { thing1: 'thing', thing2: 'thing', thing3: 'thing' },
  campaignCoupon: { thing1: 'thing', amount2: 'amount', date3: 'date', thing4: 'thing' },
} as const satisfies Record<TemplatePurpose, Record<string, TemplateFieldKind>>

/** Who receives a purpose: members (their consent is kept on the member) or staff (kept on the staff entry). */
export type Audience = 'member' | 'staff'

export interface PurposeInfo {
  /** The template's title as WeChat shows it. */
  title: string
  /** What the member gets it for, on the 消息订阅 page. */
  purpose: string
  audience: Audience
  /** Campaign templates: only these may carry a marketing campaign, and only within counted consent. */
  campaign: boolean
  /** Each field's label as WeChat shows it above the value (the preview draws them). */
  labels: Record<string, string>
}

export const PURPOSES: Record<TemplatePurpose, PurposeInfo> = {
  pointsChange: {
    title: '积分变动提醒',
    purpose: '消费获得积分、积分调整时通知您',
    audience: 'member',
    campaign: false,
    labels: { thing1: '变动原因', character_string2: '变动积分', number3: '当前积分', time4: '变动时间' },
  },
  tierChange: { title: '会员等级变更', purpose: '会员等级升级或调整时通知您', audience: 'member', campaign: false, labels: { thing1: '变更内容', phrase2: '新等级', time3: '变更时间' } },
  birthdayPerk: { title: '生日礼遇到账', purpose: '生日当月礼遇到账时通知您', audience: 'member', campaign: false, labels: { thing1: '礼遇内容', time2: '有效期至' } },
  couponExpiring: { title: '优惠券到期提醒', purpose: '优惠券到期前 3 天提醒您使用', audience: 'member', campaign: false, labels: { thing1: '优惠券', date2: '到期日期', thing3: '温馨提示' } },
  activityReminder: {
    title: '活动开始提醒',
    purpose: '已报名的活动开始前 24 小时和 2 小时提醒您',
    audience: 'member',
    campaign: false,
    labels: { thing1: '活动名称', time2: '开始时间', thing3: '活动地点', thing4: '温馨提示' },
  },
  waitlistPromoted: {
    title: '候补成功通知',
    purpose: '候补的活动有了名额时通知您',
    audience: 'member',
    campaign: false,
    labels: { thing1: '活动名称', time2: '开始时间', thing3: '活动地点', phrase4: '报名状态' },
  },
  activityCancelled: {
    title: '活动取消通知',
    purpose: '已报名的活动取消时通知您',
    audience: 'member',
    campaign: false,
    labels: { thing1: '活动名称', time2: '原定时间', thing3: '取消原因', thing4: '积分退还' },
  },
  ticketUpdate: {
    title: '工单进度通知',
    purpose: '您的投诉或建议有进展时通知您',
    audience: 'member',
    campaign: false,
    labels: { character_string1: '工单编号', phrase2: '处理状态', thing3: '处理说明', time4: '更新时间' },
  },
  ticketEscalation: {
    title: '工单超时提醒',
    purpose: '工单超时或升级时通知店主和管理员',
    audience: 'staff',
    campaign: false,
    labels: { character_string1: '工单编号', thing2: '问题类型', thing3: '超时说明', time4: '承诺时间' },
  },
  campaignActivity: { title: '活动通知', purpose: '门店的会员活动与专属服务', audience: 'member', campaign: true, labels: { thing1: '活动主题', thing2: '活动内容', thing3: '温馨提示' } },
  campaignCoupon: {
    title: '优惠到账通知',
    purpose: '门店送您的优惠券到账时通知您',
    audience: 'member',
    campaign: true,
    labels: { thing1: '优惠名称', amount2: '优惠金额', date3: '有效期至', thing4: '温馨提示' },
  },
}

/** The purposes a member sees on 消息订阅, in the order shown. */
export const MEMBER_PURPOSES = TEMPLATE_PURPOSES.filter((purpose) => PURPOSES[purpose].audience === 'member')
export const CAMPAIGN_TEMPLATES = ['campaignActivity', 'campaignCoupon'] as const satisfies readonly TemplatePurpose[]
export type CampaignTemplate = (typeof CAMPAIGN_TEMPLATES)[number]

/** WeChat shows at most 3 templates in one requestSubscribeMessage dialog. */
export const CONSENT_BATCH = 3

/** The moments the app asks, each with the templates it asks for (≤ 3). */
export const CONSENT_MOMENTS = {
  join: ['tierChange', 'birthdayPerk', 'pointsChange'],
  activitySignup: ['activityReminder', 'waitlistPromoted', 'activityCancelled'],
  ticket: ['ticketUpdate'],
} as const satisfies Record<string, readonly TemplatePurpose[]>
