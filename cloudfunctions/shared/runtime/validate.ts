import type { z } from 'zod'
import type { FieldIssue } from '../contract/errors'
import { invalidInput } from './errors'

/** Keys that name an identity. Identity comes only from getWXContext(), so these are dropped, not trusted. */
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
  const cleaned = isPlainObject(payload) ? withoutIdentityKeys(payload) : payload
  const result = schema.safeParse(cleaned)
  if (!result.success) throw invalidInput(toFieldIssues(result.error))
  return result.data
}

function withoutIdentityKeys(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !IDENTITY_KEYS.has(key)))
}

function findOperatorKeys(value: unknown, path: string, depth: number): FieldIssue[] {
  if (depth > MAX_DEPTH) return [{ path: path || '(root)', message: '数据嵌套过深' }]
  if (Array.isArray(value)) return value.flatMap((item, index) => findOperatorKeys(item, join(path, String(index)), depth + 1))
  if (!isPlainObject(value)) return []
  return Object.entries(value).flatMap(([key, child]) =>
    key.startsWith('$') || key.includes('.')
      ? [{ path: join(path, key), message: `字段名 ${key} 不被允许` }]
      : findOperatorKeys(child, join(path, key), depth + 1),
  )
}

function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    if (issue.code === 'unrecognized_keys') return { path: issue.keys.join(','), message: `不支持的字段：${issue.keys.join('、')}` }
    if (issue.code === 'invalid_type' && issue.input === undefined) return { path, message: `缺少字段：${path}` }
    return { path, message: issue.message }
  })
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key)
