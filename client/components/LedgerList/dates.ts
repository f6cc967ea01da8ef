/**
 * Dates as the shop reads them. Points expire on Beijing calendar days whatever the phone's own
 * time zone, so these read the instant in Asia/Shanghai (UTC+8, no daylight saving).
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

function shanghaiParts(iso: string) {
  const shifted = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS)
  const pad = (value: number) => String(value).padStart(2, '0')
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`,
    pad,
  }
}

/** `3月18日` */
export function monthDay(iso: string): string {
  const { month, day } = shanghaiParts(iso)
  return `${month}月${day}日`
}

/** `2026年3月18日` */
export function fullDate(iso: string): string {
  const { year, month, day } = shanghaiParts(iso)
  return `${year}年${month}月${day}日`
}

/** `2026-03-18 15:01` */
export function dateTime(iso: string): string {
  const { year, month, day, time, pad } = shanghaiParts(iso)
  return `${year}-${pad(month)}-${pad(day)} ${time}`
}
