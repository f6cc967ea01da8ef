import type { QueueItem, TicketEvent } from '@contract/ticket'
import type { TicketStatus } from '@contract/ticketFields'

/**
 * How the service desk says times and steps: durations in 天/小时/分钟, the time left to a promise
 * or past it, and each timeline step as a verb. The labels of categories, statuses, channels and
 * outcomes are the contract's own (ticketFields.ts).
 */

const MINUTE_MS = 60_000

/** `不到1分钟`, `45分钟`, `2小时`, `2小时30分`, `1天3小时`: a span the way a person reads it at a glance. */
export function formatMinutes(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes))
  if (whole < 1) return '不到1分钟'
  if (whole < 60) return `${whole}分钟`
  const days = Math.floor(whole / 1440)
  const hours = Math.floor((whole % 1440) / 60)
  const rest = whole % 60
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`
  return rest > 0 ? `${hours}小时${rest}分` : `${hours}小时`
}

export type Tone = 'ok' | 'soon' | 'late' | 'quiet'

/** Under this much time left a promise turns orange: the agent should pick it up now. */
const SOON_MS = 30 * MINUTE_MS

/** What is left until `dueAt` (`剩 1小时20分`) or how long it is past (`超时 35分钟`), and its colour. */
export function timeLeft(dueAt: string, now: number): { text: string; tone: Tone } {
  const left = new Date(dueAt).getTime() - now
  if (left <= 0) return { text: `超时 ${formatMinutes(Math.max(1, -left / MINUTE_MS))}`, tone: 'late' }
  // Rounded up, so the last minute reads 剩 1分钟 and never 剩 0分钟.
  return { text: `剩 ${formatMinutes(Math.ceil(left / MINUTE_MS))}`, tone: left <= SOON_MS ? 'soon' : 'ok' }
}

/** The queue row's clock: the promise being run against while open, the auto-close while 待确认. */
export function queueClock(status: TicketStatus, dueAt: string | null, breached: boolean, now: number, kind: QueueItem['dueKind'] = null): { text: string; tone: Tone } | null {
  if (!dueAt) return null
  if (status === 'pending' || kind === 'autoClose') {
    const left = new Date(dueAt).getTime() - now
    return { text: left > 0 ? `${formatMinutes(Math.ceil(left / MINUTE_MS))}后自动关闭` : '即将自动关闭', tone: 'quiet' }
  }
  const clock = timeLeft(dueAt, now)
  // Which promise is running: 响应剩 40分钟, 解决超时 3分钟.
  const named = kind === 'firstResponse' ? { ...clock, text: `响应${clock.text.replace(' ', '')}` } : kind === 'resolution' ? { ...clock, text: `解决${clock.text.replace(' ', '')}` } : clock
  return breached ? { ...named, tone: 'late' } : named
}

export const EVENT_LABELS: Record<TicketEvent, string> = {
  file: '提交反馈',
  assign: '受理',
  reply: '回复会员',
  memberReply: '会员补充说明',
  resolve: '提交处理结果',
  confirm: '会员确认解决',
  rate: '会员评价',
  reopen: '重新打开',
  withdraw: '会员撤回',
  escalate: '升级',
  close: '关闭工单',
  autoClose: '超时未确认，自动关闭',
  note: '添加内部备注',
  contact: '记录回访',
  closeRevisit: '结束回访',
}

export const RESOLUTION_OUTCOME_LABELS = { confirmed: '会员已确认', autoClosed: '3 天未确认，自动关闭', reopened: '已重新打开', closed: '已关闭' } as const

export const REVISIT_REASON_LABELS = { lowRating: '会员评价偏低', reopened: '会员重新打开工单' } as const

/** Tickets still being worked or awaiting the member: the ones a member's 进行中 count includes. */
export function isOpen(status: TicketStatus): boolean {
  return status === 'new' || status === 'processing' || status === 'pending'
}

export function stars(score: number): string {
  return '★'.repeat(score) + '☆'.repeat(5 - score)
}
