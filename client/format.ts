/** Display formatting used by pages. */
export { formatCardNo } from '@contract/format'

export function formatDate(iso: string): string {
  const date = new Date(iso)
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`
}

/** `YYYY-MM-DD` on the phone's own calendar (pickers), not UTC's. */
export function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
