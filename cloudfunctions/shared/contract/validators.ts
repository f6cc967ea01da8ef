import { z } from 'zod'
import { EARLIEST_DATE, hasDecimals, type NumberRule, type PatternRule, type TextRule } from './fields'

/**
 * Schemas built from the plain rules in fields.ts, with zod's own checks so their bounds stay
 * visible to tools that read schemas (the bad-input test generates its cases from them).
 */

export function textField(rule: TextRule) {
  const text = z.string().trim()
  return (rule.min > 0 ? text.min(rule.min, rule.tooShort) : text).max(rule.max, rule.tooLong)
}

export function numberField(rule: NumberRule) {
  const number = z.number().min(rule.min, rule.message).max(rule.max, rule.message)
  return rule.decimals === 0 ? number.int(rule.message) : number.refine((value) => hasDecimals(value, rule.decimals), rule.message)
}

/**
 * A type error's message: `absent` when the field is missing, `wrong` when it is there but of the
 * wrong type (a number for a code), so a present field is never asked for as if it were missing.
 */
export function absentOr(absent: string, wrong: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? absent : wrong)
}

export function patternField(rule: PatternRule, normalize: (text: string) => string = (text) => text.trim()) {
  return z
    .string({ error: absentOr(rule.empty, rule.invalid) })
    .overwrite(normalize)
    .min(1, rule.empty)
    .regex(rule.pattern, rule.invalid)
}

/** Refuses what a plain check from fields.ts refuses, with its message: the form and the server run the same check. */
export function refusedBy<T>(problem: (value: T) => string | null) {
  return (value: T, context: z.RefinementCtx<T>) => {
    const message = problem(value)
    if (message) context.addIssue({ code: 'custom', message })
  }
}

/** A real calendar date `YYYY-MM-DD` (so 2026-02-30 is refused), between 1900 and today. */
export function calendarDate(label: string) {
  return z
    .string({ error: absentOr(`请填写${label}`, `${label}格式应为 YYYY-MM-DD`) })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine(isRealDate, `${label}不是有效日期`)
    .refine((value) => value >= EARLIEST_DATE, `${label}过早`)
}

export function isRealDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}
