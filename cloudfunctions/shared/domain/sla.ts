import type { BusinessHours, SlaSettings, SlaTimes, TicketCategory } from '../contract/ticketFields'

/**
 * SLA clocks on the shop's calendar. Beijing keeps UTC+8 all year, so a shop day is a fixed span of
 * UTC and no time-zone library is needed here: the runtime's UTC clock and a timer firing on
 * another calendar day in UTC both read the same Beijing day.
 */

const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * MINUTE_MS
const SHOP_OFFSET_MS = 8 * 60 * MINUTE_MS
const WEEK_MS = 7 * DAY_MS
/** After the whole weeks are skipped what is left fits in the next 8 days; the bound only guards against a broken setting. */
const MAX_DAYS_WALKED = 16

/** Midnight in Beijing of the day holding `atMs`, as a UTC instant. */
function shopDayStart(atMs: number): number {
  return Math.floor((atMs + SHOP_OFFSET_MS) / DAY_MS) * DAY_MS - SHOP_OFFSET_MS
}

/** ISO weekday (1 Monday … 7 Sunday) of the Beijing day starting at `dayStartMs`. */
function isoWeekday(dayStartMs: number): number {
  const day = new Date(dayStartMs + SHOP_OFFSET_MS).getUTCDay()
  return day === 0 ? 7 : day
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number)
  return hours * 60 + minutes
}

/** The business window of the Beijing day starting at `dayStartMs`, or null when the shop is shut that day. */
function windowOf(dayStartMs: number, hours: BusinessHours): { opens: number; closes: number } | null {
  if (!hours.weekdays.includes(isoWeekday(dayStartMs))) return null
  return { opens: dayStartMs + minutesOf(hours.opens) * MINUTE_MS, closes: dayStartMs + minutesOf(hours.closes) * MINUTE_MS }
}

/**
 * Business time in any 7 days running: the windows repeat weekly, so every span of a week holds
 * exactly this much, wherever it starts. Zero for hours with no time in them (businessHoursProblem
 * refuses those).
 */
function weeklyMs(hours: BusinessHours): number {
  const daily = (minutesOf(hours.closes) - minutesOf(hours.opens)) * MINUTE_MS
  const days = new Set(hours.weekdays.filter((weekday) => weekday >= 1 && weekday <= 7)).size
  return daily > 0 ? days * daily : 0
}

/**
 * The instant `minutes` of clock time after `from`: plain minutes without business hours; with
 * them only the open spans count, so a ticket filed at 20:30 with 2 hours to answer is due at
 * 10:30 the next business day. Whole weeks are skipped first: a long promise on short hours (30
 * days on one hour a week, which the settings allow) would otherwise walk the calendar for years.
 */
export function dueAfter(from: Date, minutes: number, hours: BusinessHours | null): Date {
  let left = minutes * MINUTE_MS
  let cursor = from.getTime()
  const week = hours ? weeklyMs(hours) : 0
  if (!hours || week === 0) return new Date(cursor + left)
  // Keep some of the last week back, so the due time lands inside a window rather than a week on from `from`.
  const wholeWeeks = Math.max(0, Math.floor((left - 1) / week))
  cursor += wholeWeeks * WEEK_MS
  left -= wholeWeeks * week
  for (let day = shopDayStart(cursor), walked = 0; walked < MAX_DAYS_WALKED; day += DAY_MS, walked++) {
    const open = windowOf(day, hours)
    if (!open) continue
    const start = Math.max(cursor, open.opens)
    if (start >= open.closes) continue
    if (start + left <= open.closes) return new Date(start + left)
    left -= open.closes - start
    cursor = open.closes
  }
  return new Date(cursor + left)
}

/** Clock minutes between two instants: all of them, or only those inside business hours. */
export function clockMinutesBetween(from: Date, to: Date, hours: BusinessHours | null): number {
  const end = to.getTime()
  if (end <= from.getTime()) return 0
  if (!hours) return (end - from.getTime()) / MINUTE_MS
  let counted = 0
  for (let day = shopDayStart(from.getTime()); day < end; day += DAY_MS) {
    const open = windowOf(day, hours)
    if (!open) continue
    const start = Math.max(from.getTime(), open.opens)
    const stop = Math.min(end, open.closes)
    if (stop > start) counted += stop - start
  }
  return counted / MINUTE_MS
}

export function slaTimesOf(settings: SlaSettings, category: TicketCategory): SlaTimes {
  return settings.categories[category]
}

/** Both promised times of a ticket whose clock starts at `from` (filing, or a reopen for the resolution). */
export function promisedTimes(from: Date, times: SlaTimes, hours: BusinessHours | null): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  return { firstResponseDueAt: dueAfter(from, times.firstResponseMinutes, hours), resolutionDueAt: dueAfter(from, times.resolutionMinutes, hours) }
}
