import { formatDate, formatDateTime, formatMonthDay } from '@contract/format'

/**
 * How an activity's times read, on the shop's (Beijing) calendar through the contract's
 * formatters: `12月24日 周四 19:30–21:30`, the year only when it is not this year's.
 */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** `19:30` on the Beijing clock. */
export function clockOf(at: string): string {
  return formatDateTime(at).slice(-5)
}

export function weekdayOf(at: string): string {
  return WEEKDAYS[new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS).getUTCDay()]
}

function dayOf(at: string, now: Date): string {
  return formatDate(at).slice(0, 5) === formatDate(now).slice(0, 5) ? formatMonthDay(at) : formatDate(at)
}

/** `12月24日 周四 19:30`. */
export function formatWhen(at: string, now: Date = new Date()): string {
  return `${dayOf(at, now)} ${weekdayOf(at)} ${clockOf(at)}`
}

/** `12月24日 周四 19:30–21:30`, or both ends in full when it runs past midnight. */
export function formatSpan(startAt: string, endAt: string, now: Date = new Date()): string {
  const sameDay = formatDate(startAt) === formatDate(endAt)
  return sameDay ? `${formatWhen(startAt, now)}–${clockOf(endAt)}` : `${formatWhen(startAt, now)} – ${formatWhen(endAt, now)}`
}
