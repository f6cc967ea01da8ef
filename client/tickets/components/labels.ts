import type { CompensationView, ResolutionView, TicketEvent, TicketRef, TicketSummary, TimelineEntry } from '@contract/ticket'
import type { TicketStatus } from '@contract/ticketFields'
import { formatPoints } from '@contract/format'

/** The colour a status reads in: waiting on the shop, waiting on the member, done. */
export const STATUS_TONE: Record<TicketStatus, 'wait' | 'work' | 'you' | 'done' | 'off'> = { new: 'wait', processing: 'work', pending: 'you', closed: 'done', withdrawn: 'off' }

export const STATUS_LINES: Record<TicketStatus, string> = {
  new: '我们已收到您的反馈，客服将尽快受理',
  processing: '客服正在处理您的反馈',
  pending: '客服已给出处理结果，请确认是否已解决',
  closed: '工单已关闭，感谢您的反馈',
  withdrawn: '您已撤回这条反馈',
}

/** The list's marker for a ticket waiting on the member: a resolution to confirm, or a staff reply to read. */
export function awaitingLabel(ticket: Pick<TicketSummary, 'status' | 'awaitingMember'>): string | null {
  if (!ticket.awaitingMember) return null
  return ticket.status === 'pending' ? '待您确认' : '客服已回复'
}

const EVENT_LABELS: Record<TicketEvent, string> = {
  file: '提交反馈',
  assign: '客服已受理',
  reply: '客服回复',
  memberReply: '补充说明',
  resolve: '客服给出处理结果',
  confirm: '确认已解决',
  rate: '评价处理结果',
  reopen: '重新打开',
  withdraw: '撤回反馈',
  escalate: '升级处理',
  close: '工单关闭',
  autoClose: '3 天未确认，自动关闭',
  note: '内部备注',
  contact: '客服回访',
  closeRevisit: '回访结束',
}

const BY_LABELS: Record<TimelineEntry['by'], string> = { member: '我', staff: '客服', system: '系统' }

/** A step of the timeline: what happened, and who did it (我, 客服 or 系统). */
export function stepOf(entry: TimelineEntry): { title: string; who: string } {
  return { title: EVENT_LABELS[entry.event], who: BY_LABELS[entry.by] }
}

/** 「补偿 200 积分」 or 「补偿优惠券：满100减20」. */
export function compensationText(compensation: CompensationView): string {
  return compensation.kind === 'points' ? `补偿 ${formatPoints(compensation.points)} 积分` : `补偿优惠券：${compensation.couponTitle ?? '优惠券'}`
}

export const OUTCOME_LABELS: Record<NonNullable<ResolutionView['outcome']>, string> = { confirmed: '已确认解决', autoClosed: '未确认，已自动关闭', reopened: '已重新打开', closed: '已关闭' }

/** What the ticket is about, beside its kind's tag: the server names an order 「订单 A001」, and the tag already says 订单. */
export function refLabel(ref: Pick<TicketRef, 'kind' | 'label'>): string {
  return ref.kind === 'order' ? ref.label.replace(/^订单\s*/, '') : ref.label
}
