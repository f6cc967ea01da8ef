import { groupDigits, shortYuan } from './format'

/**
 * What a valid field is, as plain values and checks. The payload schemas are built from these
 * (validators.ts turns a rule into zod), and the mini-program checks its forms with the same ones
 * without bundling zod. Change a limit or a message here and the server and every form change
 * with it. Nothing here may import zod: the client imports these files at runtime.
 *
 * This file holds the kinds of rule and the fields members fill in; staffFields.ts and
 * rulesFields.ts hold the staff's, so the main package carries only what member pages use.
 */

/** Text a person types, counted after trimming. */
export interface TextRule {
  min: number
  max: number
  tooShort: string
  tooLong: string
}

/** A number in the contract's own units (fen, points, a share), and one message for any value outside the rule. */
export interface NumberRule {
  min: number
  max: number
  /** Digits allowed after the point, in the contract's units. */
  decimals: number
  /** Places the point moves from what a person types to the contract's value: yuan → fen 2, percent → share −2. */
  shift: number
  empty: string
  message: string
}

/** A code or number matched whole after trimming. */
export interface PatternRule {
  pattern: RegExp
  /** The longest valid value; inputs that allow typed spaces add a few characters. */
  maxLength: number
  empty: string
  invalid: string
}

export type Reading<T = number> = { value: T; error: null } | { value: null; error: string }

export function textRule(label: string, min: number, max: number): TextRule {
  return { min, max, tooShort: min > 1 ? `请填写${label}（至少 ${min} 个字）` : `请填写${label}`, tooLong: `${label}最多 ${max} 个字` }
}

/** Whole numbers: points, days, months, stock. */
export function countRule(label: string, min: number, max: number): NumberRule {
  return { min, max, decimals: 0, shift: 0, empty: `请填写${label}`, message: `${label}须为 ${groupDigits(min)}–${groupDigits(max)} 的整数` }
}

export function decimalRule(label: string, min: number, max: number, decimals: number, unit = ''): NumberRule {
  return { min, max, decimals, shift: 0, empty: `请填写${label}`, message: `${label}须在 ${groupDigits(min)}–${groupDigits(max)}${unit} 之间，最多 ${decimals} 位小数` }
}

/** Money in whole fen, typed as yuan with at most two decimals. */
export function moneyRule(label: string, minFen: number, maxFen: number): NumberRule {
  return { min: minFen, max: maxFen, decimals: 0, shift: 2, empty: `请填写${label}`, message: `${label}须在 ${shortYuan(minFen)}–${shortYuan(maxFen)} 之间，最多两位小数` }
}

/** A share of a whole (0.5 = half), typed as a percent with at most two decimals. */
export function shareRule(label: string, min: number, max: number): NumberRule {
  return { min, max, decimals: 4, shift: -2, empty: `请填写${label}`, message: `${label}须在 ${min * 100}–${max * 100}% 之间，最多两位小数` }
}

export function hasDecimals(value: number, decimals: number): boolean {
  if (decimals === 0) return Number.isSafeInteger(value)
  const scaled = value * 10 ** decimals
  return Math.abs(Math.round(scaled) - scaled) < 1e-6
}

export function textProblem(text: string, rule: TextRule): string | null {
  const length = text.trim().length
  if (length < rule.min) return rule.tooShort
  return length > rule.max ? rule.tooLong : null
}

export function numberProblem(value: number, rule: NumberRule): string | null {
  return Number.isFinite(value) && value >= rule.min && value <= rule.max && hasDecimals(value, rule.decimals) ? null : rule.message
}

/** A number as typed into a form, converted to the contract's units, or what is wrong with it. */
export function readNumber(text: string, rule: NumberRule): Reading {
  const trimmed = text.trim()
  if (!trimmed) return { value: null, error: rule.empty }
  const typedDecimals = Math.max(0, rule.decimals + rule.shift)
  const typed = typedDecimals > 0 ? new RegExp(`^\\d+(\\.\\d{0,${typedDecimals}})?$`) : /^\d+$/
  if (!typed.test(trimmed)) return { value: null, error: rule.message }
  // Moving the point multiplies floats (0.29 × 100 = 28.999…); the rule's decimals say where to round.
  const value = Math.round(Number(trimmed) * 10 ** (rule.shift + rule.decimals)) / 10 ** rule.decimals
  const problem = numberProblem(value, rule)
  return problem ? { value: null, error: problem } : { value, error: null }
}

/** A contract value as the form shows it for editing: fen as yuan, a share as a percent. */
export function typedNumber(value: number, rule: NumberRule): string {
  const typedDecimals = Math.max(0, rule.decimals + rule.shift)
  return String(Math.round(value * 10 ** (typedDecimals - rule.shift)) / 10 ** typedDecimals)
}

/** `0.01–100`, `0–100`: a rule's range as a person types it, for placeholders. */
export function typedRange(rule: NumberRule): string {
  return `${groupDigits(Number(typedNumber(rule.min, rule)))}–${groupDigits(Number(typedNumber(rule.max, rule)))}`
}

export function patternProblem(text: string, rule: PatternRule): string | null {
  const trimmed = text.trim()
  if (!trimmed) return rule.empty
  return rule.pattern.test(trimmed) ? null : rule.invalid
}

// Members

export const MEMBER_NAME = textRule('姓名', 1, 20)
export const GENDER_REQUIRED = '请选择性别'
export const GENDER_INVALID = '性别只能是男、女或保密'
/** Birthdays (and any calendar date the contract takes) start here; the join page's date picker too. */
export const EARLIEST_DATE = '1900-01-01'
/** Tier colours: the owner sets them, the member card paints with them. */
export const HEX_COLOR: PatternRule = { pattern: /^#[0-9a-fA-F]{6}$/, maxLength: 7, empty: '请填写颜色', invalid: '颜色格式应为 #RRGGBB' }
