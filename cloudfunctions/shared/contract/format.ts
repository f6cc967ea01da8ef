/**
 * How contract values read on screen: one formatter per kind of figure, plain functions the client
 * imports from `@contract/format` (members' pages, staff pages, the till) so each figure reads the
 * same wherever it appears.
 */

/** `1,000,000`: thousands grouped without toLocaleString, which some mini-program runtimes do not group. */
export function groupDigits(value: number): string {
  const [whole, fraction] = String(Math.abs(value)).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`
}

/** `6,280`: a points figure (a balance, a price in points, a count of points). */
export function formatPoints(points: number): string {
  return groupDigits(points)
}

/** `+1,000` / `-300` / `0`: a points movement always carries its sign. */
export function formatSignedPoints(delta: number): string {
  return `${delta > 0 ? '+' : ''}${groupDigits(delta)}`
}

/** `8123 4567 89`: a card number grouped for reading aloud at the till. */
export function formatCardNo(cardNo: string): string {
  return cardNo.replace(/^(\d{4})(\d{4})(\d+)$/, '$1 $2 $3')
}

/** `ABCD EFGH`, `ABCDE 23456`: a redemption or coupon code in two halves, read aloud more easily across the counter. */
export function formatCode(code: string): string {
  const half = Math.ceil(code.length / 2)
  return code.length > 1 ? `${code.slice(0, half)} ${code.slice(half)}` : code
}

/** `¥1,234.50` from whole fen. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const [yuan, cents] = (Math.abs(fen) / 100).toFixed(2).split('.')
  return `${sign}¥${yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`
}

/** `¥10`, `¥12.50`: whole yuan without trailing `.00`. */
export function shortYuan(fen: number): string {
  return formatFen(fen).replace(/\.00$/, '')
}

/**
 * `9.5折` for 5 % off, `8折` for 20 % off, `无折扣` for none: how a shop in China says a discount,
 * to the member and to the cashier alike.
 */
export function formatDiscount(percentOff: number): string {
  if (percentOff <= 0) return '无折扣'
  return `${Number(((100 - percentOff) / 10).toFixed(2))}折`
}

/** Beijing has no daylight saving: the shop's calendar is UTC+8 all year, whatever the phone's time zone. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * A calendar date (`1992-03-18`, a birthday: no time zone) as it stands, or an instant (an ISO
 * string or a Date) on the shop's calendar: points expire and tiers lapse on Beijing days.
 */
function shopParts(value: string | Date): { year: number; month: number; day: number; time: string } {
  const calendar = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null
  if (calendar) return { year: Number(calendar[1]), month: Number(calendar[2]), day: Number(calendar[3]), time: '00:00' }
  const shifted = new Date(new Date(value).getTime() + SHANGHAI_OFFSET_MS)
  const pad = (part: number) => String(part).padStart(2, '0')
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(), time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}` }
}

/** `2026年12月1日`: every date the app shows, birthdays included. */
export function formatDate(value: string | Date): string {
  const { year, month, day } = shopParts(value)
  return `${year}年${month}月${day}日`
}

/** `3月18日`: a date within the coming months, where the year goes without saying. */
export function formatMonthDay(value: string | Date): string {
  const { month, day } = shopParts(value)
  return `${month}月${day}日`
}

/** `2026年3月18日 15:01`: when something happened, as WeChat's own messages write it. */
export function formatDateTime(value: string | Date): string {
  const { time } = shopParts(value)
  return `${formatDate(value)} ${time}`
}

/** `83.3%` from a share of a whole (0.833): rates such as 签到率, to one decimal at most. */
export function formatPercent(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`
}
