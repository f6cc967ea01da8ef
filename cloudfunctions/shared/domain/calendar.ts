import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

/** Function runtimes run in UTC; the shop's calendar is China's. Every calendar date is computed here. */
export const SHOP_TIME_ZONE = 'Asia/Shanghai'

/** `YYYY-MM-DD` of `now` in the shop's time zone. */
export function shopDate(now: Date): string {
  return dayjs(now).tz(SHOP_TIME_ZONE).format('YYYY-MM-DD')
}

/** `MM-DD` of a `YYYY-MM-DD` date, the field birthday queries use. */
export function monthDay(date: string): string {
  return date.slice(5)
}
