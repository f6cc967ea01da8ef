import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/** Function runtimes run in UTC; the shop's calendar is China's. Every calendar date is computed here. */
export const SHOP_TIME_ZONE = 'Asia/Shanghai'

/**
 * China has kept UTC+8 without daylight saving since 1991, so the shop's wall clock is a fixed
 * offset. dayjs's timezone plugin asks Intl for the zone's offset on every call (about 0.4 ms, a
 * large share of an accrual's CPU time); a fixed offset gives the same dates for a fraction of it.
 */
const SHOP_UTC_OFFSET_MINUTES = 8 * 60

/** `at` on the shop's wall clock: format, startOf/endOf and add work in Beijing time. */
export function shopTime(at: Date | number): dayjs.Dayjs {
  return dayjs(at).utcOffset(SHOP_UTC_OFFSET_MINUTES)
}

/** `YYYY-MM-DD` of `now` in the shop's time zone. */
export function shopDate(now: Date): string {
  return shopTime(now).format('YYYY-MM-DD')
}

/** `MM-DD` of a `YYYY-MM-DD` date, the field birthday queries use. */
export function monthDay(date: string): string {
  return date.slice(5)
}

/** Beijing midnight at the start of a `YYYY-MM-DD` shop date. */
export function shopDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`)
}

/** Beijing midnight at the end of a `YYYY-MM-DD` shop date (the next day's start): `[start, end)` is the whole day. */
export function shopDayEnd(date: string): Date {
  return shopTime(shopDayStart(date)).add(1, 'day').toDate()
}
