import { z } from 'zod'
import type { TierId } from './enums'
import type { Role } from './roles'
import { couponTemplateField } from './tiers'
import {
  ASSIGNEE_FILTERS,
  BusinessHours,
  CLOCK_TIME,
  COMPENSATION_POINTS,
  CONTACT_CHANNELS,
  CONTACT_NOTE,
  CONTACT_OUTCOMES,
  QUEUE_VIEWS,
  RESOLUTION_SUMMARY,
  SLA_MINUTES,
  TICKET_CATEGORIES,
  TICKET_IMAGES_MAX,
  TICKET_NOTE,
  TICKET_NUMBER,
  TICKET_RATING,
  TICKET_RATING_COMMENT,
  TICKET_REASON,
  TICKET_REPLY,
  TICKET_TEXT,
  businessHoursProblem,
  type ContactChannel,
  type ContactOutcome,
  type SlaSettings,
  type TicketCategory,
  type TicketStatus,
} from './ticketFields'
import { absentOr, numberField, refusedBy, textField } from './validators'

export type { SlaSettings, BusinessHours } from './ticketFields'

export const ticketIdField = z.string({ error: absentOr('请指定工单', '工单编号不正确') }).regex(TICKET_NUMBER, '工单编号不正确')
const cursor = z.string({ error: '分页参数无效' }).max(200, '分页参数无效').optional()

/** A picture the member uploaded to the folder `uploadFolder` gave them; the server reads what is stored. */
const imageFileId = z.string({ error: '图片文件不正确' }).regex(/^cloud:\/\/\S{1,240}$/, '图片文件不正确')

/** What the complaint is about: one of the member's own orders (a ledger entry's id `order:…`) or activities. */
const ticketRef = z
  .strictObject({
    kind: z.enum(['order', 'activity'], { error: '请选择反馈关联的订单或活动' }),
    id: z.string({ error: absentOr('请指定订单或活动', '订单或活动编号不正确') }).regex(/^[A-Za-z0-9_:.-]{1,120}$/, '订单或活动编号不正确'),
  })
  .superRefine((ref, context) => {
    const fits = ref.kind === 'order' ? /^order:[^#\s]{1,120}$/.test(ref.id) : /^[A-Za-z0-9_-]{1,40}$/.test(ref.id)
    if (!fits) context.addIssue({ code: 'custom', path: ['id'], message: ref.kind === 'order' ? '订单编号不正确' : '活动编号不正确' })
  })
export type TicketRefInput = z.output<typeof ticketRef>

export const uploadFolderPayload = z.strictObject({})
export const fileTicketPayload = z.strictObject({
  category: z.enum(TICKET_CATEGORIES, { error: '请选择问题类型' }),
  text: textField(TICKET_TEXT),
  images: z.array(imageFileId).max(TICKET_IMAGES_MAX, `最多上传 ${TICKET_IMAGES_MAX} 张图片`).default([]),
  ref: ticketRef.nullable().default(null),
})
export type TicketFiling = z.output<typeof fileTicketPayload>

export const myTicketsPayload = z.strictObject({ cursor })
export const ticketRefPayload = z.strictObject({ ticketId: ticketIdField })
export const replyPayload = z.strictObject({ ticketId: ticketIdField, text: textField(TICKET_REPLY) })
export const reasonPayload = z.strictObject({ ticketId: ticketIdField, reason: textField(TICKET_REASON) })
export const rateTicketPayload = z.strictObject({ ticketId: ticketIdField, score: numberField(TICKET_RATING), comment: textField(TICKET_RATING_COMMENT).default('') })

export const queuePayload = z.strictObject({
  view: z.enum(QUEUE_VIEWS, { error: '列表类型不正确' }).default('active'),
  category: z.enum(TICKET_CATEGORIES, { error: '问题类型不正确' }).optional(),
  assignee: z.enum(ASSIGNEE_FILTERS, { error: '处理人筛选不正确' }).default('all'),
  breached: z.boolean({ error: '超时筛选不正确' }).optional(),
  cursor,
})
export type QueueQuery = z.output<typeof queuePayload>
export const countsPayload = z.strictObject({})

/**
 * 受理 when `to` is absent: to self, and CONFLICT when someone else holds the ticket (two pressing it
 * at once end with one). 指派 when `to` is given: owner and admin only, to anyone on the desk or to
 * themselves, moving a ticket someone holds.
 */
export const assignPayload = z.strictObject({ ticketId: ticketIdField, to: z.string({ error: '处理人不正确' }).min(1, '处理人不正确').max(64, '处理人不正确').optional() })
export const notePayload = z.strictObject({ ticketId: ticketIdField, text: textField(TICKET_NOTE) })

/** Points through the ledger, or a coupon: the one its `kind` names must be given, and only that one. */
const compensation = z
  .strictObject({
    kind: z.enum(['points', 'coupon'], { error: '请选择补偿方式' }),
    points: numberField(COMPENSATION_POINTS).optional(),
    coupon: couponTemplateField.optional(),
  })
  .superRefine((given, context) => {
    if (given.kind === 'points' && given.points === undefined) context.addIssue({ code: 'custom', path: ['points'], message: '请填写补偿积分' })
    if (given.kind === 'coupon' && !given.coupon) context.addIssue({ code: 'custom', path: ['coupon'], message: '请设置补偿优惠券' })
    const other = given.kind === 'points' ? 'coupon' : 'points'
    if (given[other] !== undefined) context.addIssue({ code: 'custom', path: [other], message: given.kind === 'points' ? '积分补偿不能同时发放优惠券' : '优惠券补偿不能同时发放积分' })
  })
  .transform((given): CompensationInput => (given.kind === 'points' ? { kind: 'points', points: given.points! } : { kind: 'coupon', coupon: given.coupon! }))
export type CompensationInput = { kind: 'points'; points: number } | { kind: 'coupon'; coupon: z.output<typeof couponTemplateField> }
/** `requestId`: the attempt's id, the same on every retry of one tap, so a resolve sent again is known and answered, never compensated twice. */
export const resolvePayload = z.strictObject({
  ticketId: ticketIdField,
  summary: textField(RESOLUTION_SUMMARY),
  compensation: compensation.nullable().default(null),
  requestId: z
    .string({ error: 'requestId 格式不正确' })
    .regex(/^[A-Za-z0-9_-]{8,40}$/, 'requestId 格式不正确')
    .nullable()
    .default(null),
})

export const logContactPayload = z.strictObject({
  ticketId: ticketIdField,
  channel: z.enum(CONTACT_CHANNELS, { error: '请选择联系方式' }),
  outcome: z.enum(CONTACT_OUTCOMES, { error: '请选择回访结果' }),
  note: textField(CONTACT_NOTE),
})

export const statsPayload = z.strictObject({ weeks: z.number({ error: '周数不正确' }).int('周数不正确').min(1, '周数须为 1–26').max(26, '周数须为 1–26').default(8) })

const slaTimes = z.strictObject({ firstResponseMinutes: numberField(SLA_MINUTES), resolutionMinutes: numberField(SLA_MINUTES) })
const clockTime = z.string({ error: CLOCK_TIME.invalid }).regex(CLOCK_TIME.pattern, CLOCK_TIME.invalid)
const businessHours = z
  .strictObject({
    opens: clockTime,
    closes: clockTime,
    weekdays: z.array(z.number().int().min(1, '营业日不正确').max(7, '营业日不正确')).max(7, '营业日不正确'),
  })
  .superRefine(refusedBy<BusinessHours>(businessHoursProblem))
export const slaPayload = z.strictObject({})
export const setSlaPayload = z.strictObject({
  categories: z.strictObject(Object.fromEntries(TICKET_CATEGORIES.map((category) => [category, slaTimes])) as Record<TicketCategory, typeof slaTimes>),
  businessHours: businessHours.nullable(),
})

export const sweepPayload = z.strictObject({
  /** Time for the run before it hands over (the timer's 60 s less room to do so). */
  budgetMs: z.number().int().min(1).max(55_000).default(45_000),
  round: z.number().int().min(0).default(0),
})

// ——— Views ———

/** Where the member's complaint points: an order or an activity of theirs, as they would recognise it. */
export interface TicketRef {
  kind: 'order' | 'activity'
  id: string
  label: string
}

export interface TicketImage {
  fileId: string
  url: string | null
}

/** One message in the public thread. A staff reply shows the staff member's name, never their OPENID. */
export interface ThreadEntry {
  at: string
  from: 'member' | 'staff'
  name: string
  text: string
}

/** A step in the ticket's life as the member may see it (who: 会员, 客服 or 系统). */
export interface TimelineEntry {
  at: string
  event: TicketEvent
  from: TicketStatus | null
  to: TicketStatus
  by: 'member' | 'staff' | 'system'
  reason: string | null
}

export type TicketEvent =
  'file' | 'assign' | 'reply' | 'memberReply' | 'resolve' | 'confirm' | 'rate' | 'reopen' | 'withdraw' | 'escalate' | 'close' | 'autoClose' | 'note' | 'contact' | 'closeRevisit'

export interface CompensationView {
  kind: 'points' | 'coupon'
  points: number
  couponTitle: string | null
}

export interface ResolutionView {
  n: number
  at: string
  summary: string
  compensation: CompensationView | null
  rating: { score: number; comment: string; at: string } | null
  /** How it ended: confirmed by the member, closed after 3 days unanswered, reopened, or still open. */
  outcome: 'confirmed' | 'autoClosed' | 'reopened' | 'closed' | null
}

export interface PromisedTimes {
  firstResponseDueAt: string
  firstRespondedAt: string | null
  resolutionDueAt: string
}

/** What the member may do now; the buttons show exactly these. */
export interface MemberTicketActions {
  reply: boolean
  withdraw: boolean
  confirm: boolean
  reopen: boolean
  rate: boolean
}

export interface TicketSummary {
  id: string
  category: TicketCategory
  status: TicketStatus
  excerpt: string
  createdAt: string
  updatedAt: string
  /** A staff reply or a resolution the member has not opened since. */
  awaitingMember: boolean
}

export interface TicketPage {
  items: TicketSummary[]
  nextCursor: string | null
}

export interface MemberTicket {
  id: string
  category: TicketCategory
  status: TicketStatus
  text: string
  images: TicketImage[]
  ref: TicketRef | null
  createdAt: string
  promised: PromisedTimes
  thread: ThreadEntry[]
  timeline: TimelineEntry[]
  resolutions: ResolutionView[]
  can: MemberTicketActions
  /** Until when a reopen is possible (null: not now). */
  reopenUntil: string | null
}

export interface UploadFolder {
  /** The cloud-storage folder this member's ticket pictures go to; files elsewhere are refused. */
  folder: string
}

export interface StaffNote {
  at: string
  name: string
  text: string
}

export interface RevisitContact {
  at: string
  name: string
  channel: ContactChannel
  outcome: ContactOutcome
  note: string
}

export interface RevisitView {
  status: 'open' | 'closed'
  reason: 'lowRating' | 'reopened'
  openedAt: string
  contacts: RevisitContact[]
  closedAt: string | null
  closedReason: string | null
}

export interface StaffTimelineEntry extends TimelineEntry {
  name: string
  role: Role | null
}

export interface TicketMemberSummary {
  name: string
  cardNo: string
  tier: TierId
  tierName: string
  spend12mFen: number
  lastOrders: Array<{ orderNo: string; amountFen: number; at: string }>
  /** The member's tickets still open or awaiting their word, this one aside. */
  otherOpenTickets: number
}

export interface StaffTicketActions {
  assign: boolean
  assignOthers: boolean
  reply: boolean
  note: boolean
  resolve: boolean
  escalate: boolean
  close: boolean
  reopen: boolean
  logContact: boolean
  closeRevisit: boolean
}

export interface StaffTicket extends Omit<MemberTicket, 'can' | 'timeline'> {
  memberOpenidHint: string
  member: TicketMemberSummary | null
  assignee: { openid: string; name: string } | null
  notes: StaffNote[]
  timeline: StaffTimelineEntry[]
  breached: { firstResponse: boolean; resolution: boolean }
  escalated: boolean
  revisit: RevisitView | null
  can: StaffTicketActions
}

export interface QueueItem {
  id: string
  category: TicketCategory
  status: TicketStatus
  excerpt: string
  memberName: string
  assigneeName: string | null
  dueAt: string | null
  /** Which clock `dueAt` is: the first response, the resolution, or the auto-close of a 待确认 ticket. */
  dueKind: 'firstResponse' | 'resolution' | 'autoClose' | null
  breached: boolean
  escalated: boolean
  revisitOpen: boolean
  createdAt: string
}

export interface QueuePage {
  items: QueueItem[]
  nextCursor: string | null
}

/** How many tickets each queue view holds, for its tab (asked once per visit, not per page). */
export type QueueCounts = Record<(typeof QUEUE_VIEWS)[number], number>

export interface TicketFigures {
  opened: number
  closed: number
  /** Minutes from filing, on each ticket's SLA clock (only business hours count when it has them). */
  medianFirstResponseMinutes: number | null
  /** To the first resolution, on the same clock. */
  medianResolutionMinutes: number | null
  /** Share of tickets opened that breached a promised time, 0–1. */
  breachRate: number | null
  satisfaction: number | null
  ratings: number
  revisitsOpen: number
}

export interface TicketStats {
  from: string
  to: string
  totals: TicketFigures
  byCategory: Array<{ category: TicketCategory } & TicketFigures>
  /** Monday of each Beijing week, oldest first. */
  byWeek: Array<{ week: string } & TicketFigures>
}

export interface SweepReport {
  examined: number
  breaches: number
  escalations: number
  autoClosed: number
  left: boolean
  elapsedMs: number
}

export type SlaView = SlaSettings
