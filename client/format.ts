/** What pages show comes from the contract's formatters (`@contract/format`); this keeps what only the phone needs. */

/** `YYYY-MM-DD` on the phone's own calendar (the date picker's bounds), not UTC's. */
export function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
