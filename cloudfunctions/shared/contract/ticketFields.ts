import { countRule, textRule, type PatternRule } from './fields'

/**
 * What members and staff type into a complaint ticket, and the ticket's fixed vocabulary: plain
 * rules with no schema library attached, so the forms run the server's own checks (see fields.ts).
 */

export const TICKET_CATEGORIES = ['service', 'product', 'environment', 'points', 'activity', 'other'] as const
export type TicketCategory = (typeof TICKET_CATEGORIES)[number]
export const TICKET_CATEGORY_LABELS: Record<TicketCategory, string> = { service: '服务', product: '商品', environment: '环境', points: '积分', activity: '活动', other: '其他' }

/** 待受理 → 处理中 → 待确认 → 已关闭, and 已撤回; reopening goes back to 处理中. */
export const TICKET_STATUSES = ['new', 'processing', 'pending', 'closed', 'withdrawn'] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]
export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = { new: '待受理', processing: '处理中', pending: '待确认', closed: '已关闭', withdrawn: '已撤回' }

/** The queue's views: the working set (待受理 and 处理中) first, each status, and the open revisits. */
export const QUEUE_VIEWS = ['active', ...TICKET_STATUSES, 'revisit'] as const
export type QueueView = (typeof QUEUE_VIEWS)[number]
export const QUEUE_VIEW_LABELS: Record<QueueView, string> = { active: '待处理', ...TICKET_STATUS_LABELS, revisit: '回访' }
export const ASSIGNEE_FILTERS = ['all', 'mine', 'unassigned'] as const
export type AssigneeFilter = (typeof ASSIGNEE_FILTERS)[number]

export const TICKET_TEXT = textRule('问题描述', 5, 500)
export const TICKET_REPLY = textRule('回复内容', 1, 500)
export const TICKET_NOTE = textRule('内部备注', 1, 500)
export const TICKET_REASON = textRule('原因', 2, 200)
export const RESOLUTION_SUMMARY = textRule('处理结果', 2, 300)
export const TICKET_RATING = countRule('评分', 1, 5)
export const TICKET_RATING_COMMENT = textRule('评价', 0, 200)
export const COMPENSATION_POINTS = countRule('补偿积分', 1, 100_000)
export const CONTACT_NOTE = textRule('回访记录', 1, 300)
export const SLA_MINUTES = countRule('时限（分钟）', 5, 30 * 24 * 60)

export const TICKET_IMAGES_MAX = 3
/** Pictures a member attaches: checked on the server from what is stored. */
export const TICKET_IMAGE = {
  maxBytes: 2 * 1024 * 1024,
  missing: '图片未上传成功，请重新选择',
  badType: '图片须为 JPG、PNG 或 WebP 格式',
  tooLarge: '图片不能超过 2 MB',
} as const

/** A member may reopen a resolution or a closed ticket this long after it was resolved or closed. */
export const REOPEN_WINDOW_MS = 7 * 24 * 60 * 60 * 1000
/** A resolution the member neither confirms nor reopens is closed this long after it was given. */
export const AUTO_CLOSE_AFTER_MS = 3 * 24 * 60 * 60 * 1000
/** A rating this low, or a reopen, starts a revisit (回访); one this high ends it. */
export const REVISIT_BELOW_OR_AT = 2
export const REVISIT_SATISFIED_FROM = 4

export const CONTACT_CHANNELS = ['phone', 'wechat', 'visit', 'other'] as const
export type ContactChannel = (typeof CONTACT_CHANNELS)[number]
export const CONTACT_CHANNEL_LABELS: Record<ContactChannel, string> = { phone: '电话', wechat: '微信', visit: '到店', other: '其他' }
export const CONTACT_OUTCOMES = ['reached', 'unreachable', 'satisfied', 'unsatisfied'] as const
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number]
export const CONTACT_OUTCOME_LABELS: Record<ContactOutcome, string> = { reached: '已沟通', unreachable: '未联系上', satisfied: '会员表示满意', unsatisfied: '仍不满意' }

/** A Beijing wall-clock time of day `HH:mm` (business hours). */
export const CLOCK_TIME: PatternRule = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, maxLength: 5, empty: '请填写时间', invalid: '时间格式应为 HH:mm' }
/** ISO weekdays: 1 Monday … 7 Sunday. */
export const WEEKDAY_LABELS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const

export interface SlaTimes {
  firstResponseMinutes: number
  resolutionMinutes: number
}

/** When the SLA clock runs: between `opens` and `closes` (Beijing) on the listed ISO weekdays. */
export interface BusinessHours {
  opens: string
  closes: string
  weekdays: number[]
}

/** The owner's SLA settings: per category, and optional business hours; without them the clock always runs. */
export interface SlaSettings {
  categories: Record<TicketCategory, SlaTimes>
  businessHours: BusinessHours | null
}

export const DEFAULT_SLA_TIMES: SlaTimes = { firstResponseMinutes: 120, resolutionMinutes: 24 * 60 }
export const DEFAULT_SLA: SlaSettings = {
  categories: Object.fromEntries(TICKET_CATEGORIES.map((category) => [category, DEFAULT_SLA_TIMES])) as Record<TicketCategory, SlaTimes>,
  businessHours: null,
}

/** Why business hours cannot be used, or null: opening before closing, at least one day. */
export function businessHoursProblem(hours: BusinessHours): string | null {
  if (hours.opens >= hours.closes) return '营业开始时间须早于结束时间'
  if (hours.weekdays.length === 0) return '请至少选择一个营业日'
  return null
}

/** `T20261201-0007`: the Beijing filing day and that day's sequence. */
export const TICKET_NUMBER = /^T\d{8}-\d{4,}$/
