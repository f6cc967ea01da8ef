import { TEMPLATE_FIELDS, type TemplateFieldKind, type TemplatePurpose } from '../contract/templates'
import { shopTime } from './calendar'

/**
 * Subscription-message (订阅消息) fields as WeChat takes them, one formatter per field type. WeChat
 * refuses a whole send (47003) when one field breaks its type's rule, so each value is either fitted
 * here (a long `thing` is cut, never in the middle of a character or an emoji) or refused here, before
 * anything is sent, with a reason in Chinese. `checkMessage` runs a whole message through its
 * template's fields (contract/templates TEMPLATE_FIELDS). Pure functions: no I/O.
 */

export type FieldResult = { ok: true; value: string } | { ok: false; reason: string }

const ok = (value: string): FieldResult => ({ ok: true, value })
const refuse = (reason: string): FieldResult => ({ ok: false, reason })

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' })

/** The characters a person sees: an emoji sequence (👨‍👩‍👧, 🇨🇳, 👍🏽, 1️⃣) or a letter with its marks is one. */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment)
}

/** Code points, as the emulator's outbox counts a field (`[...value].length`). */
const codePoints = (text: string) => [...text].length

/** A `thing` holds 20 characters. */
const THING_MAX = 20
const ELLIPSIS = '…'

/**
 * `thing` (事物): 20 characters of anything. Longer text is cut to what fits with '…' at the end,
 * cutting only between graphemes, and counting code points so a five-code-point family emoji takes
 * five. Control characters and line breaks read as a space; lone surrogates as �.
 */
export function fitThing(text: string): FieldResult {
  const clean = text
    .replace(/\p{Cs}/gu, '\uFFFD')
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .trim()
  if (clean.length === 0) return refuse('内容不能为空')
  if (codePoints(clean) <= THING_MAX) return ok(clean)
  const kept: string[] = []
  let used = codePoints(ELLIPSIS)
  for (const grapheme of graphemes(clean)) {
    used += codePoints(grapheme)
    if (used > THING_MAX) break
    kept.push(grapheme)
  }
  // No space right before the ellipsis: drop whole blank graphemes, never part of one.
  while (kept.length > 0 && /^\s+$/u.test(kept[kept.length - 1])) kept.pop()
  if (kept.length === 0) return refuse('内容无法截断到20个字符以内')
  return ok(`${kept.join('')}${ELLIPSIS}`)
}

const HAN_ONLY = /^\p{Script=Han}+$/u

/** `phrase` (汉字): 5 Chinese characters and nothing else. Longer is cut (no ellipsis); a digit, letter, punctuation or emoji cannot be fixed. */
export function fitPhrase(text: string): FieldResult {
  const clean = text.trim()
  if (clean.length === 0) return refuse('短语不能为空')
  if (!HAN_ONLY.test(clean)) return refuse('短语只能包含汉字')
  return ok([...clean].slice(0, 5).join(''))
}

/** Name characters: Chinese, Latin letters, spaces, the middle dot of 买买提·艾力 and the dot of "J. Smith". */
const NAME_CHARACTERS = /^[\p{Script=Han}A-Za-z ·.]+$/u
const HAN = /\p{Script=Han}/u

/**
 * `name` (姓名): 10 characters when it holds any Chinese (a mix counts as a Chinese name, as WeChat
 * says), 20 when only letters. Longer is cut; digits, emoji or other symbols are refused.
 */
export function fitName(text: string): FieldResult {
  const clean = text.trim().replace(/[•・]/g, '·').replace(/\s+/g, ' ')
  if (clean.length === 0) return refuse('姓名不能为空')
  if (!NAME_CHARACTERS.test(clean) || !/[\p{Script=Han}A-Za-z]/u.test(clean)) return refuse('姓名只能包含汉字或字母')
  const max = HAN.test(clean) ? 10 : 20
  const cut = [...clean].slice(0, max).join('')
  return ok(cut.replace(/[ ·]+$/, ''))
}

const NUMBER = /^-?\d+(\.\d+)?$/

/** `number` (数字): 32 characters of digits, a decimal point and a minus sign at most. Never cut: a cut number is another number. */
export function fitNumber(value: number | string): FieldResult {
  const text = typeof value === 'number' ? String(value) : value.trim()
  if (!NUMBER.test(text)) return refuse('数字格式不正确')
  if (text.length > 32) return refuse('数字不能超过32位')
  return ok(text)
}

const CHARACTER_STRING = /^[\x21-\x7E]+$/

/** `character_string` (字符串): 32 letters, digits or ASCII symbols. Never cut: a cut id is a wrong id. */
export function fitCharacterString(text: string): FieldResult {
  const clean = text.trim()
  if (clean.length === 0) return refuse('字符串不能为空')
  if (!CHARACTER_STRING.test(clean)) return refuse('字符串只能包含字母、数字和符号')
  if (clean.length > 32) return refuse('字符串不能超过32位')
  return ok(clean)
}

/** WeChat's `amount`: one currency sign and at most 10 digits (decimals included). */
const AMOUNT = /^¥(0|[1-9]\d*)\.\d{2}$/
const AMOUNT_MAX_DIGITS = 10

/** `amount` (金额) from whole fen: 8850 → ¥88.50. No grouping commas: WeChat takes digits only. */
export function formatAmount(fen: number): FieldResult {
  if (!Number.isSafeInteger(fen)) return refuse('金额必须是整数（分）')
  if (fen < 0) return refuse('金额不能为负数')
  const value = `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
  return checkAmount(value)
}

function checkAmount(value: string): FieldResult {
  if (!AMOUNT.test(value)) return refuse('金额格式应为 ¥88.50')
  if (value.replace(/\D/g, '').length > AMOUNT_MAX_DIGITS) return refuse('金额不能超过10位数字')
  return ok(value)
}

const DATE_PART = '\\d{4}年(0[1-9]|1[0-2])月(0[1-9]|[12]\\d|3[01])日'
const DATE = new RegExp(`^${DATE_PART}$`)
const TIME = new RegExp(`^${DATE_PART} ([01]\\d|2[0-3]):[0-5]\\d$`)

const isValidDate = (at: Date) => at instanceof Date && !Number.isNaN(at.getTime())

/** `time` (时间): 2026年11月22日 15:01, on the shop's clock (Beijing time). */
export function formatTemplateTime(at: Date): FieldResult {
  if (!isValidDate(at)) return refuse('时间无效')
  return checkPattern(shopTime(at).format('YYYY年MM月DD日 HH:mm'), TIME, '时间格式应为 2026年11月22日 15:01')
}

/** `date` (日期): 2026年11月22日, the shop's calendar day (Beijing time). */
export function formatTemplateDate(at: Date): FieldResult {
  if (!isValidDate(at)) return refuse('日期无效')
  return checkPattern(shopTime(at).format('YYYY年MM月DD日'), DATE, '日期格式应为 2026年11月22日')
}

function checkPattern(value: string, pattern: RegExp, reason: string): FieldResult {
  return pattern.test(value) ? ok(value) : refuse(reason)
}

/**
 * One field's string, fitted to its WeChat type. `amount`, `time` and `date` come already formatted
 * (formatAmount, formatTemplateTime, formatTemplateDate): here they are only checked against the format.
 */
export function fitField(kind: TemplateFieldKind, raw: string): FieldResult {
  if (typeof raw !== 'string') return refuse('字段值必须是文本')
  switch (kind) {
    case 'thing':
      return fitThing(raw)
    case 'phrase':
      return fitPhrase(raw)
    case 'name':
      return fitName(raw)
    case 'number':
      return fitNumber(raw)
    case 'character_string':
      return fitCharacterString(raw)
    case 'amount':
      return checkAmount(raw.trim())
    case 'time':
      return checkPattern(raw.trim(), TIME, '时间格式应为 2026年11月22日 15:01')
    case 'date':
      return checkPattern(raw.trim(), DATE, '日期格式应为 2026年11月22日')
    default:
      return refuse(`未知的字段类型 ${String(kind)}`)
  }
}

/** Object.hasOwn arrived in Node 16.9; WeChat cloud's Node 16 runtime is the floor (scripts/build-functions.ts). */
const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key)

export type MessageCheck = { ok: true; data: Record<string, string> } | { ok: false; field: string; reason: string }

/**
 * A whole message against its template (what delivery calls before sending): every field the
 * registry lists, no other, each fitted to its type. The first field that cannot be fixed is named.
 */
export function checkMessage(purpose: TemplatePurpose, data: Record<string, string>): MessageCheck {
  if (!hasOwn(TEMPLATE_FIELDS, purpose)) return { ok: false, field: '', reason: `未知的消息模板 ${String(purpose)}` }
  const fields: Record<string, TemplateFieldKind> = TEMPLATE_FIELDS[purpose]
  for (const field of Object.keys(fields)) {
    if (!hasOwn(data, field)) return { ok: false, field, reason: `缺少字段 ${field}` }
  }
  for (const field of Object.keys(data)) {
    if (!hasOwn(fields, field)) return { ok: false, field, reason: `模板没有字段 ${field}` }
  }
  const fitted: Record<string, string> = {}
  for (const [field, kind] of Object.entries(fields)) {
    const result = fitField(kind, data[field])
    if (!result.ok) return { ok: false, field, reason: result.reason }
    fitted[field] = result.value
  }
  return { ok: true, data: fitted }
}
