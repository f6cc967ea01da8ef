import { z } from 'zod'

/** A real calendar date `YYYY-MM-DD` (so 2026-02-30 is refused), between 1900 and today. */
export function calendarDate(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine(isRealDate, `${label}不是有效日期`)
    .refine((value) => value >= '1900-01-01', `${label}过早`)
}

export function isRealDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}
