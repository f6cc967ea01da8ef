import type { z } from 'zod'
import type { FieldIssue } from '../contract/errors'
import { invalidInput } from './errors'

type Issue = z.core.$ZodIssue
type RawIssue = z.core.$ZodRawIssue
type Path = readonly PropertyKey[]

/**
 * Keys that name an identity. Identity comes only from getWXContext(), so these are dropped, not
 * trusted, unless the action's schema declares the key as its own field (an invitation's `role` is
 * the role offered, not the caller's).
 */
const IDENTITY_KEYS = new Set(['openid', '_openid', 'OPENID', 'unionid', 'appid', 'role', 'userInfo'])

const MAX_DEPTH = 8

/**
 * Parses an action payload: identity keys are dropped, `$`-prefixed keys anywhere are refused
 * (they would reach the database as operators), then the schema decides.
 */
export function parsePayload<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const payload = raw === undefined || raw === null ? {} : raw
  const forbidden = findOperatorKeys(payload, '', 0)
  if (forbidden.length > 0) throw invalidInput(forbidden)
  const cleaned = isPlainObject(payload) ? withoutIdentityKeys(payload, declaredKeys(schema)) : payload
  // A per-parse map ranks below every message a schema or check carries, so the contract's own words win; it words the rest.
  const result = schema.safeParse(cleaned, { error: describeIssue })
  if (!result.success) throw invalidInput(toFieldIssues(result.error.issues, []))
  return result.data
}

function withoutIdentityKeys(payload: Record<string, unknown>, declared: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => declared.has(key) || !IDENTITY_KEYS.has(key)))
}

/** The fields an object schema declares (a refined object keeps its shape); none for any other schema. */
function declaredKeys(schema: z.ZodType): ReadonlySet<string> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape
  return new Set(shape && typeof shape === 'object' ? Object.keys(shape) : [])
}

function findOperatorKeys(value: unknown, path: string, depth: number): FieldIssue[] {
  if (depth > MAX_DEPTH) return [{ path, message: `${fieldName(path)} 数据嵌套过深（最多 ${MAX_DEPTH} 层）` }]
  if (Array.isArray(value)) return value.flatMap((item, index) => findOperatorKeys(item, join(path, String(index)), depth + 1))
  if (!isPlainObject(value)) return []
  return Object.entries(value).flatMap(([key, child]) =>
    key.startsWith('$') || key.includes('.')
      ? [{ path: join(path, key), message: `${fieldName(join(path, key))} 不被允许：字段名不能以 $ 开头，也不能含有“.”` }]
      : findOperatorKeys(child, join(path, key), depth + 1),
  )
}

function toFieldIssues(issues: readonly Issue[], at: Path): FieldIssue[] {
  // zod still runs length checks on a wrong-typed value that has a length (an array for text); its type says it all.
  const wrongTyped = new Set(issues.filter((issue) => issue.code === 'invalid_type').map((issue) => dotted(issue.path)))
  const telling = issues.filter((issue) => issue.code === 'invalid_type' || !wrongTyped.has(dotted(issue.path)))
  return telling.flatMap((issue): FieldIssue[] => {
    const path = [...at, ...issue.path]
    if (issue.code === 'unrecognized_keys') {
      // One issue per key, so each lands on its own path; a message the schema wrote still wins.
      const ours = issue.message === describeIssue(issue as RawIssue)
      return issue.keys.map((key) => ({ path: dotted([...path, key]), message: ours ? `不支持的字段：${dotted([...path, key])}` : issue.message }))
    }
    if (issue.code === 'invalid_union') return unionIssues(issue, path)
    return [{ path: dotted(path), message: issue.message }]
  })
}

/**
 * zod reports a failed union with every branch's issues. The branch the payload came nearest to is
 * the one its sender meant, so its issues are the useful ones. With no clear nearest, what every
 * branch objects to is wrong whichever was meant, and the choice itself is reported. Branch issues
 * are worded before zod knows where the union sits, so their messages name paths relative to it
 * (the contract's one union is the payload itself, where the two agree).
 */
function unionIssues(issue: Extract<Issue, { code: 'invalid_union' }>, path: Path): FieldIssue[] {
  const nearest = nearestBranch(issue.errors)
  if (nearest) return toFieldIssues(nearest, path)
  const [first = [], ...others] = issue.errors
  const shared = first.filter((candidate) => others.every((branch) => branch.some((other) => sameIssue(other, candidate))))
  const choice = shared.some((common) => common.path.length === 0) ? [] : [{ path: dotted(path), message: issue.message }]
  return [...choice, ...toFieldIssues(shared, path)]
}

/** No stray keys first (a strict branch sees another branch's keys as strays), then fewest issues. */
function nearestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | null {
  const clean = branches.filter((branch) => !branch.some((issue) => issue.code === 'unrecognized_keys'))
  const pool = clean.length > 0 ? clean : branches
  const fewest = Math.min(...pool.map((branch) => branch.length))
  const nearest = pool.filter((branch) => branch.length === fewest)
  return nearest.length === 1 && fewest > 0 ? nearest[0] : null
}

const sameIssue = (a: Issue, b: Issue) => a.code === b.code && a.message === b.message && dotted(a.path) === dotted(b.path)

/*
 * Chinese for every issue zod can raise. Each names its field by its path: the first message is
 * also shown alone, as a toast, where nothing else says which field it is about. Where the
 * contract wrote its own message (naming the field in Chinese), that one ranks higher and is used.
 */

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  array: '数组',
  tuple: '数组',
  object: '对象',
  record: '对象',
  date: '日期',
  bigint: '整数',
  null: '空值',
  map: '映射',
  set: '集合',
  file: '文件',
  symbol: '符号',
  function: '函数',
}

const SIZE_UNITS: Record<string, string> = { string: '个字', array: '项', set: '项', map: '项', file: '字节' }

const FORMAT_NAMES: Record<string, string> = {
  email: '电子邮箱地址',
  url: '网址',
  emoji: '表情符号',
  uuid: 'UUID',
  uuidv4: 'UUID',
  uuidv6: 'UUID',
  guid: 'GUID',
  nanoid: 'nanoid',
  cuid: 'cuid',
  cuid2: 'cuid2',
  ulid: 'ULID',
  xid: 'XID',
  ksuid: 'KSUID',
  datetime: 'ISO 日期时间',
  date: 'ISO 日期（YYYY-MM-DD）',
  time: 'ISO 时间',
  duration: 'ISO 时长',
  ipv4: 'IPv4 地址',
  ipv6: 'IPv6 地址',
  mac: 'MAC 地址',
  cidrv4: 'IPv4 网段',
  cidrv6: 'IPv6 网段',
  base64: 'Base64 文本',
  base64url: 'Base64URL 文本',
  json_string: 'JSON 文本',
  e164: '国际格式电话号码',
  jwt: 'JWT',
  hex: '十六进制文本',
  hostname: '主机名',
}

function describeIssue(issue: RawIssue): string {
  const path = issue.path ?? []
  const field = fieldName(dotted(path))
  switch (issue.code) {
    case 'invalid_type':
      return wrongType(issue, field, path)
    case 'too_small':
      return tooSmall(issue, field)
    case 'too_big':
      return tooBig(issue, field)
    case 'invalid_format':
      return badFormat(issue, field)
    case 'not_multiple_of':
      return `${field} 须为 ${formatNumber(issue.divisor)} 的整数倍`
    case 'unrecognized_keys':
      return `不支持的字段：${issue.keys.map((key) => dotted([...path, key])).join('、')}`
    case 'invalid_union':
      return unionChoice(issue, field)
    case 'invalid_key':
      return `${field} 的键名不正确`
    case 'invalid_element':
      return `${field} 中有不正确的值`
    case 'invalid_value':
      return issue.values.length === 1 ? `${field} 应为 ${String(issue.values[0])}` : `${field} 应为以下之一：${issue.values.map(String).join('、')}`
    default:
      return `${field} 不符合要求`
  }
}

function wrongType(issue: Extract<RawIssue, { code: 'invalid_type' }>, field: string, path: Path): string {
  // zod says invalid_type for an absent field too; only the input tells the two apart.
  if (issue.input === undefined) return path.length > 0 ? `缺少字段：${dotted(path)}` : '缺少 payload'
  if (issue.expected === 'int' && Number.isFinite(issue.input)) return `${field} 应为整数，不能有小数`
  const expected = TYPE_NAMES[issue.expected]
  if (!expected) return `${field} 不应填写`
  return `${field} 应为${expected}，而不是${kindOf(issue.input)}`
}

function tooSmall(issue: Extract<RawIssue, { code: 'too_small' }>, field: string): string {
  const minimum = issue.minimum
  if (issue.origin === 'date') return `${field} 不能早于 ${dateText(minimum)}`
  const unit = SIZE_UNITS[issue.origin]
  if (unit) {
    if (issue.exact) return `${field} 应为 ${formatNumber(minimum)} ${unit}`
    if (Number(minimum) === (issue.inclusive === false ? 0 : 1)) return `${field} 不能为空`
    return issue.inclusive === false ? `${field} 须多于 ${formatNumber(minimum)} ${unit}` : `${field} 至少 ${formatNumber(minimum)} ${unit}`
  }
  return issue.inclusive === false ? `${field} 须大于 ${formatNumber(minimum)}` : `${field} 不能小于 ${formatNumber(minimum)}`
}

function tooBig(issue: Extract<RawIssue, { code: 'too_big' }>, field: string): string {
  const maximum = issue.maximum
  if (issue.origin === 'date') return `${field} 不能晚于 ${dateText(maximum)}`
  const unit = SIZE_UNITS[issue.origin]
  if (unit) {
    if (issue.exact) return `${field} 应为 ${formatNumber(maximum)} ${unit}`
    return issue.inclusive === false ? `${field} 须少于 ${formatNumber(maximum)} ${unit}` : `${field} 最多 ${formatNumber(maximum)} ${unit}`
  }
  return issue.inclusive === false ? `${field} 须小于 ${formatNumber(maximum)}` : `${field} 不能大于 ${formatNumber(maximum)}`
}

function badFormat(issue: Extract<RawIssue, { code: 'invalid_format' }>, field: string): string {
  const detail = issue as { prefix?: string; suffix?: string; includes?: string }
  if (issue.format === 'starts_with') return `${field} 须以“${detail.prefix}”开头`
  if (issue.format === 'ends_with') return `${field} 须以“${detail.suffix}”结尾`
  if (issue.format === 'includes') return `${field} 须包含“${detail.includes}”`
  const name = FORMAT_NAMES[issue.format]
  return name ? `${field} 应为有效的${name}` : `${field} 格式不正确`
}

/** What a union would have accepted: one of its object shapes (by their keys), or one of its types. */
function unionChoice(issue: Extract<RawIssue, { code: 'invalid_union' }>, field: string): string {
  const options = (issue.inst as { _zod?: { def?: { options?: readonly z.ZodType[] } } } | undefined)?._zod?.def?.options ?? []
  const shapes = options.map((option) => (option.def.type === 'object' ? Object.keys((option.def as unknown as { shape: object }).shape) : null))
  if (shapes.length > 0 && shapes.every((keys): keys is string[] => keys !== null && keys.length > 0)) {
    return shapes.every((keys) => keys.length === 1)
      ? `${field} 须包含 ${shapes.map(([key]) => key).join(' 或 ')}（只选其一）`
      : `${field} 须包含以下其中一组字段：${shapes.map((keys) => keys.join('、')).join('；')}`
  }
  const kinds = options.map((option) => TYPE_NAMES[option.def.type])
  if (kinds.length > 0 && kinds.every(Boolean)) return `${field} 应为${[...new Set(kinds)].join('或')}，而不是${kindOf(issue.input)}`
  return `${field} 不符合任何一种允许的形式`
}

function kindOf(value: unknown): string {
  if (value === null) return '空值'
  if (Array.isArray(value)) return '数组'
  if (value instanceof Date) return '日期'
  if (typeof value === 'number') return Number.isNaN(value) ? '非数字（NaN）' : '数字'
  return { string: '文本', boolean: '布尔值', bigint: '整数', object: '对象' }[typeof value as string] ?? '其他类型'
}

/** `1,000,000`, as the contract's own messages write large numbers. */
function formatNumber(value: number | bigint): string {
  const [whole, fraction] = String(value).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',')
  return fraction === undefined ? grouped : `${grouped}.${fraction}`
}

const dateText = (value: number | bigint) => new Date(Number(value)).toISOString()

/** The payload itself has no path; README calls it `payload`. */
const fieldName = (path: string) => (path ? `字段 ${path}` : 'payload')

const dotted = (path: Path) => path.map(String).join('.')

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key)
