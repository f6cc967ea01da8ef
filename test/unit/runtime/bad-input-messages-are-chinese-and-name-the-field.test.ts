/**
 * Bad input, field by field, over every action of every function: each field message a person may
 * read is Chinese, names its field, and says 缺少 only when the field really is absent. The payloads
 * are generated from the schemas themselves, so a new action or field is covered without editing this.
 */
import path from 'node:path'
import { z } from 'zod'
import { accessOf } from '../../../cloudfunctions/shared/contract/access'
import type { ActionName, FunctionName } from '../../../cloudfunctions/shared/contract/actions'
import type { ActionError, FieldIssue } from '../../../cloudfunctions/shared/contract/errors'
import type { Role } from '../../../cloudfunctions/shared/contract/roles'
import type { Caller, Database } from '../../../cloudfunctions/shared/runtime/cloud'
import { AppError } from '../../../cloudfunctions/shared/runtime/errors'
import { createRouter, type ActionDef, type Runtime } from '../../../cloudfunctions/shared/runtime/router'
import { parsePayload } from '../../../cloudfunctions/shared/runtime/validate'
import { FUNCTIONS_SOURCE, functionNames } from '../../../scripts/functions'

type ActionTable = Record<string, ActionDef>

// The tables are local to each function's index.ts; catching what it hands to serve() is the one way to see them whole.
const mockTables = new Map<string, ActionTable>()
jest.mock('../../../cloudfunctions/shared/runtime', () => ({
  ...jest.requireActual('../../../cloudfunctions/shared/runtime'),
  serve: (fn: string, actions: ActionTable) => {
    mockTables.set(fn, actions)
    return async () => {
      throw new Error('the captured main is not for calling')
    }
  },
}))
// eslint-disable-next-line @typescript-eslint/no-require-imports -- each function's index registers its actions on load, after the mock above
for (const fn of functionNames()) require(path.join(FUNCTIONS_SOURCE, fn, 'index.ts'))

/** The contract's action list, checked by the compiler to be exactly ActionMap's, so no action escapes the table below. */
const CONTRACT = {
  member: { me: 1, join: 1, code: 1, updateProfile: 1, bindPhone: 1, lookup: 1, setBirthday: 1, joinCode: 1, sceneInfo: 1, search: 1, archive: 1, addNote: 1, removeMember: 1, erase: 1, myData: 1 },
  points: { accrue: 1, refund: 1, payWithPoints: 1, adjust: 1, summary: 1, history: 1, memberHistory: 1, orders: 1, quote: 1, checkout: 1, refundableOrder: 1, categories: 1, setCategories: 1 },
  rewards: { list: 1, adminList: 1, create: 1, update: 1, retire: 1, relist: 1, redeem: 1, redeemAtTill: 1, myRedemptions: 1, confirm: 1 },
  tiers: { status: 1, dismissNotice: 1, rules: 1, preview: 1, publish: 1 },
  coupons: { wallet: 1, birthday: 1, inspect: 1, redeem: 1, memberCoupons: 1 },
  jobs: { expirePoints: 1, reconcile: 1, evaluateTiers: 1, applyRules: 1, daily: 1, birthdays: 1 },
  staff: {
    whoami: 1,
    list: 1,
    updateStaff: 1,
    revokeStaff: 1,
    transferOwnership: 1,
    stores: 1,
    saveStore: 1,
    closeStore: 1,
    reopenStore: 1,
    invite: 1,
    invitations: 1,
    revokeInvitation: 1,
    invitationInfo: 1,
    acceptInvitation: 1,
    audit: 1,
    startExport: 1,
    exportStatus: 1,
    exports: 1,
    exportChunk: 1,
    bootstrapOwner: 1,
  },
  activity: {
    list: 1,
    detail: 1,
    signup: 1,
    cancelSignup: 1,
    mine: 1,
    rate: 1,
    adminList: 1,
    adminDetail: 1,
    create: 1,
    update: 1,
    publish: 1,
    unpublish: 1,
    cancel: 1,
    roster: 1,
    checkIn: 1,
    evaluate: 1,
    compare: 1,
    hourly: 1,
  },
  ticket: {
    uploadFolder: 1,
    file: 1,
    mine: 1,
    detail: 1,
    reply: 1,
    withdraw: 1,
    confirm: 1,
    reopen: 1,
    rate: 1,
    queue: 1,
    counts: 1,
    staffDetail: 1,
    assign: 1,
    staffReply: 1,
    note: 1,
    resolve: 1,
    escalate: 1,
    close: 1,
    staffReopen: 1,
    logContact: 1,
    closeRevisit: 1,
    stats: 1,
    sla: 1,
    setSla: 1,
    sweep: 1,
  },
  marketing: {
    consent: 1,
    subscriptions: 1,
    setOptOut: 1,
    opened: 1,
    rfmOverview: 1,
    setRfmThresholds: 1,
    countSegment: 1,
    segments: 1,
    saveSegment: 1,
    deleteSegment: 1,
    tagSegment: 1,
    campaigns: 1,
    campaign: 1,
    createCampaign: 1,
    updateCampaign: 1,
    previewCampaign: 1,
    startCampaign: 1,
    pauseCampaign: 1,
    resumeCampaign: 1,
    cancelCampaign: 1,
    tick: 1,
    segmentFor: 1,
  },
  stats: { overview: 1, members: 1, consumption: 1, churn: 1, service: 1, daily: 1, backfill: 1 },
} satisfies { [F in FunctionName]: Record<ActionName<F>, 1> }

/** A map key no id pattern accepts: the record case's bad key. */
const BAD_KEY = 'bad key!'

/**
 * How the contract's own messages name a field in Chinese. A message the contract wrote may name
 * its field this way; every other message must carry the field's path.
 */
const LABELS: Record<string, string[]> = {
  name: ['姓名', '名称'],
  birthday: ['生日'],
  gender: ['性别'],
  avatarFileId: ['头像'],
  imageFileId: ['图片'],
  scene: ['二维码'],
  memberCode: ['会员码'],
  cardNo: ['卡号'],
  referrerCardNo: ['卡号'],
  reason: ['原因'],
  storeId: ['门店'],
  orderNo: ['单号'],
  refundId: ['单号'],
  amount: ['金额'],
  orderAmount: ['金额'],
  expectedPayable: ['应付'],
  couponId: ['优惠券'],
  items: ['商品'],
  quantity: ['数量'],
  price: ['金额'],
  points: ['积分'],
  pointsCost: ['积分'],
  delta: ['积分', '调整'],
  requestId: ['requestId', '请求编号'],
  rewardId: ['礼品'],
  description: ['描述', '介绍'],
  stock: ['库存'],
  code: ['兑换码', '券码'],
  staffOpenid: ['openid'],
  ownerOpenid: ['openid'],
  tiers: ['等级'],
  activityId: ['活动'],
  type: ['活动类型'],
  coverFileId: ['封面'],
  place: ['地点'],
  startAt: ['时间'],
  endAt: ['时间'],
  signupOpensAt: ['时间'],
  signupClosesAt: ['时间'],
  cancelCutoffAt: ['时间'],
  capacity: ['名额'],
  waitlist: ['候补'],
  minTier: ['等级'],
  priorityHours: ['优先报名'],
  attendancePoints: ['签到积分'],
  score: ['评分'],
  comment: ['评价'],
  tab: ['列表'],
  view: ['名单', '列表'],
  ticketId: ['工单'],
  category: ['问题类型', '商品分类'],
  categories: ['商品分类'],
  text: ['问题描述', '回复内容', '内部备注', '备注内容'],
  query: ['搜索内容'],
  confirm: ['注销'],
  images: ['图片'],
  ref: ['订单', '活动'],
  summary: ['处理结果'],
  compensation: ['补偿'],
  to: ['处理人', '结束日期'],
  assignee: ['处理人'],
  breached: ['超时'],
  channel: ['联系方式'],
  outcome: ['回访结果'],
  note: ['回访记录'],
  weeks: ['周数'],
  firstResponseMinutes: ['时限'],
  resolutionMinutes: ['时限'],
  opens: ['时间'],
  closes: ['时间'],
  weekdays: ['营业日'],
  cursor: ['分页'],
  id: ['等级', '订单', '活动', '分群', '营销活动', '落地页', '门店', '导出'],
  kind: ['订单或活动', '补偿', '落地页', '导出内容'],
  coupon: ['优惠券'],
  threshold: ['门槛'],
  color: ['颜色'],
  pointsMultiplier: ['积分倍率'],
  discountPercent: ['折扣'],
  birthdayPoints: ['生日积分'],
  title: ['券名称', '活动名称', '消息内容'],
  itemName: ['赠品'],
  value: ['减免金额', '折扣', '赠品券'],
  minSpendFen: ['最低消费'],
  validDays: ['有效天数'],
  pointsPerYuan: ['所得积分'],
  pointsPerCashYuan: ['所需积分'],
  maxCashShare: ['最多抵扣'],
  expiryMonths: ['有效期'],
  explanation: ['说明'],
  // Marketing (issue 12). `key-1` is the key the record case puts a bad value under: a template id in a consent answer.
  'key-1': ['订阅'],
  [BAD_KEY]: ['模板编号'],
  purpose: ['消息类型'],
  optedOut: ['退订'],
  campaignId: ['营销活动'],
  segmentId: ['分群'],
  newDays: ['天数'],
  activeDays: ['天数'],
  activeWindowDays: ['天数'],
  atRiskDays: ['天数'],
  dormantDays: ['天数'],
  activeMinPurchases: ['消费次数'],
  purchasedWithinDays: ['天数'],
  notPurchasedForDays: ['天数'],
  joinedWithinDays: ['天数'],
  purchasesMin: ['消费次数'],
  purchasesMax: ['消费次数'],
  spendMinFen: ['消费金额'],
  spendMaxFen: ['消费金额'],
  birthdayMonth: ['生日月份'],
  rfm: ['会员分类'],
  store: ['门店'],
  tags: ['标签'],
  tag: ['标签'],
  holdoutPercent: ['对照组'],
  messages: ['频次'],
  days: ['频次', '天数'],
  sendAt: ['发送时间'],
  template: ['消息模板'],
  body: ['消息内容'],
  tip: ['消息内容'],
  // The staff workspace (issue 13).
  role: ['角色', '要修改的内容'],
  confirmName: ['员工姓名'],
  address: ['门店地址'],
  phone: ['门店电话'],
  token: ['邀请码'],
  actorOpenid: ['openid'],
  action: ['操作类型'],
  // The 数据 pages (issue 14).
  end: ['结束日期'],
  silentDays: ['沉默天数'],
  day: ['日期'],
  from: ['开始日期'],
}

const HAN = /[\u4e00-\u9fff]/

const asMember = { openid: 'o-member' }
const asServer = { openid: null }

function fakeRuntime(caller: Partial<Caller>, roles: Record<string, Role> = {}): Runtime {
  return {
    caller: () => ({ openid: null, appid: null, unionid: null, ...caller }),
    now: () => new Date('2026-11-22T07:00:00Z'),
    db: () => ({}) as Database,
    roleOf: async (_db, openid) => roles[openid] ?? null,
    audit: async () => undefined,
    logError: () => undefined,
  }
}

/** A router for one action, called by someone allowed to call it, whose handler must never run. */
function routerFor(fn: string, name: string, def: ActionDef) {
  const guarded: ActionDef = { ...def, handler: async () => Promise.reject(new Error(`${fn}.${name} ran on a bad payload`)) }
  const table = { [name]: guarded }
  const access = accessOf(fn as FunctionName, name as never)
  const guard = { [name]: access }
  if (access === 'server') return createRouter(fn, table, guard, fakeRuntime(asServer))
  if (access === 'member') return createRouter(fn, table, guard, fakeRuntime(asMember))
  return createRouter(fn, table, guard, fakeRuntime({ openid: 'o-staff' }, { 'o-staff': access[0] }))
}

interface Case {
  label: string
  /** Dotted path of the field made bad ('' for the payload itself). */
  target: string
  payload: unknown
}

type Path = Array<string | number>

/** `value` placed at `at` inside otherwise empty objects and arrays: only the field under test is present. */
function placed(at: Path, value: unknown): unknown {
  if (at.length === 0) return value
  const [head, ...rest] = at
  if (typeof head === 'number') return [placed(rest, value)]
  return { [head]: placed(rest, value) }
}

const dotted = (at: Path) => at.map(String).join('.')

type Check = { check?: string; format?: string; pattern?: RegExp; minimum?: number; maximum?: number; length?: number; inclusive?: boolean }
const checksOf = (schema: z.ZodType): Check[] => ((schema.def as { checks?: Array<{ _zod: { def: Check } }> }).checks ?? []).map((check) => check._zod.def)

/**
 * Bad values for the field `schema` describes at `at`, and recursively for the fields inside it.
 * `field` is the schema as the field declares it (before unwrapping optional, nullable, default,
 * pipe), which must refuse each value, so no case is accidentally a good one.
 */
function* badValues(schema: z.ZodType, at: Path, field: z.ZodType = schema): Generator<{ label: string; at: Path; value: unknown }> {
  const def = schema.def as { type: string; catchall?: z.ZodType }
  const here = function* (label: string, value: unknown) {
    if (!field.safeParse(value).success) yield { label, at, value }
  }
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      yield* badValues((schema as unknown as { unwrap(): z.ZodType }).unwrap(), at, field)
      return
    case 'pipe':
      yield* badValues((schema as unknown as { in: z.ZodType }).in, at, field)
      return
    case 'string': {
      const string = schema as z.ZodString
      yield* here('a number for text', 12345)
      yield* here('true for text', true)
      yield* here('an array for text', ['文本'])
      yield* here('an object for text', { text: 'x' })
      yield* here('null for text', null)
      if (string.maxLength !== null) yield* here(`${string.maxLength + 1} characters`, 'a'.repeat(string.maxLength + 1))
      if (string.minLength !== null && string.minLength > 0) {
        yield* here(`${string.minLength - 1} characters`, 'a'.repeat(string.minLength - 1))
        yield* here('only spaces', ' '.repeat(string.minLength))
      }
      for (const check of checksOf(schema)) {
        if (check.pattern) yield* here(`text not matching ${check.pattern}`, ' 坏 值 ')
      }
      return
    }
    case 'number': {
      const number = schema as z.ZodNumber
      yield* here('a numeric string for a number', '12')
      yield* here('true for a number', true)
      yield* here('an array for a number', [1])
      yield* here('an object for a number', { value: 1 })
      if (number.minValue !== null && number.minValue > -Number.MAX_SAFE_INTEGER) yield* here(`below ${number.minValue}`, number.minValue - 1)
      if (number.maxValue !== null && number.maxValue < Number.MAX_SAFE_INTEGER) yield* here(`above ${number.maxValue}`, number.maxValue + 1)
      if (number.isInt) yield* here('a fraction for an integer', 1.5)
      return
    }
    case 'boolean':
      yield* here('a string for a boolean', 'true')
      yield* here('a number for a boolean', 1)
      return
    case 'enum':
    case 'literal':
      yield* here('a value not in the list', 'not-an-option')
      yield* here('a number for a choice', 7)
      return
    case 'array': {
      yield* here('text for an array', 'x')
      yield* here('an object for an array', { 0: {} })
      for (const check of checksOf(schema)) {
        if (check.check === 'length_equals' && check.length !== undefined) {
          yield* here(
            `${check.length - 1} items`,
            Array.from({ length: check.length - 1 }, () => ({})),
          )
          yield* here(
            `${check.length + 1} items`,
            Array.from({ length: check.length + 1 }, () => ({})),
          )
        }
        if (check.check === 'min_length' && check.minimum) yield* here(`${check.minimum - 1} items`, [])
        if (check.check === 'max_length' && check.maximum !== undefined)
          yield* here(
            `${check.maximum + 1} items`,
            Array.from({ length: check.maximum + 1 }, () => ({})),
          )
      }
      yield* badValues((schema as z.ZodArray<z.ZodType>).element, [...at, 0])
      return
    }
    case 'object': {
      const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>
      yield* here('text for an object', 'x')
      yield* here('an array for an object', [])
      if (at.length > 0) yield* here('null for an object', null)
      // Only a strict object refuses a key it does not know; a plain one would drop it.
      if (def.catchall?.def.type === 'never') yield { label: 'an unknown key', at: [...at, 'unexpectedKey'], value: 1 }
      for (const [key, child] of Object.entries(shape)) yield* badValues(child, [...at, key])
      return
    }
    case 'record': {
      // A map keyed by ids (a consent answer per template): bad keys and bad values, each at its key.
      const record = schema as unknown as { keyType: z.ZodType; valueType: z.ZodType }
      yield* here('text for a map', 'x')
      yield* here('an array for a map', [])
      if (!record.keyType.safeParse(BAD_KEY).success && !field.safeParse({ [BAD_KEY]: 'accept' }).success) yield { label: 'a key not matching its pattern', at: [...at, BAD_KEY], value: 'accept' }
      yield* badValues(record.valueType, [...at, 'key-1'])
      return
    }
    case 'union':
      yield* here('text for a choice of shapes', 'x')
      for (const option of (schema as z.ZodUnion<z.ZodType[]>).options) yield* badValues(option, at)
      return
    default:
      throw new Error(`no bad values for a ${def.type} schema at ${dotted(at) || '(payload)'}: teach this test that kind`)
  }
}

function casesFor(schema: z.ZodType): Case[] {
  const cases: Case[] = schema.safeParse({}).success ? [] : [{ label: 'an empty payload', target: '', payload: {} }]
  for (const { label, at, value } of badValues(schema, [])) {
    cases.push({ label: `${dotted(at) || 'payload'}: ${label}`, target: dotted(at), payload: placed(at, value) })
  }
  return cases
}

/** What the payload holds at a field's path; undefined when the field is absent. */
function valueAt(payload: unknown, fieldPath: string): unknown {
  if (fieldPath === '') return payload
  return fieldPath.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload)
}

/** The last named (non-index) segment of a path: the key a label belongs to. */
const leafKey = (fieldPath: string) =>
  fieldPath
    .split('.')
    .filter((segment) => !/^\d+$/.test(segment))
    .pop() ?? ''

function namesItsField(issue: FieldIssue): boolean {
  if (issue.path === '') return issue.message.includes('payload')
  if (issue.message.includes(issue.path)) return true
  return (LABELS[leafKey(issue.path)] ?? []).some((label) => issue.message.includes(label))
}

/** Every problem with one field message, as text, so a failure lists them all at once. */
function problemsWith(issue: FieldIssue, payload: unknown): string[] {
  const problems: string[] = []
  if (!HAN.test(issue.message)) problems.push('has no Chinese')
  if (!namesItsField(issue)) problems.push('does not name its field')
  if (issue.message.includes('缺少') && valueAt(payload, issue.path) !== undefined) problems.push(`says 缺少 of a field that is present (${JSON.stringify(valueAt(payload, issue.path))})`)
  return problems
}

const everyAction = [...mockTables].flatMap(([fn, table]) => Object.entries(table).map(([name, def]) => ({ fn, name, def })))

describe('the action tables this test walks', () => {
  it('are every function’s, and list exactly the contract’s actions', () => {
    expect([...mockTables.keys()].sort()).toEqual(Object.keys(CONTRACT).sort())
    for (const [fn, table] of mockTables) expect(Object.keys(table).sort()).toEqual(Object.keys(CONTRACT[fn as FunctionName]).sort())
  })
})

describe.each(everyAction.map(({ fn, name, def }) => [`${fn}.${name}`, fn, name, def] as const))('%s with a bad payload', (_label, fn, name, def) => {
  const cases = casesFor(def.schema)
  const main = routerFor(fn, name, def)

  it.each(cases.map((badCase) => [badCase.label, badCase] as const))('%s', async (_case, { target, payload }) => {
    const envelope = await main({ action: name, payload })
    if (envelope.ok) throw new Error(`accepted ${JSON.stringify(payload)}`)
    const error: ActionError = envelope.error
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.fields?.length).toBeGreaterThan(0)
    const fields = error.fields ?? []
    const problems = fields.flatMap((issue) => problemsWith(issue, payload).map((problem) => `${issue.path || '(payload)'} «${issue.message}» ${problem}`))
    expect(problems).toEqual([])
    // The field made bad is the one reported (or, for the payload itself, something is).
    if (target !== '') expect(fields.map((issue) => issue.path)).toContain(target)
    expect(error.message).toBe(fields[0].message)
  })
})

describe('every kind of zod issue, worded in Chinese with its field', () => {
  const issuesOf = (schema: z.ZodType, payload: unknown): FieldIssue[] => {
    try {
      parsePayload(schema, payload)
    } catch (error) {
      if (error instanceof AppError && error.code === 'INVALID_INPUT') return error.fields ?? []
      throw error
    }
    throw new Error(`accepted ${JSON.stringify(payload)}`)
  }
  const only = (schema: z.ZodType, payload: unknown): string => {
    const issues = issuesOf(schema, payload)
    expect(issues).toHaveLength(1)
    for (const issue of issues) expect(problemsWith(issue, payload)).toEqual([])
    return issues[0].message
  }

  it.each([
    ['文本', z.string(), 5, '数字'],
    ['数字', z.number(), 'x', '文本'],
    ['整数', z.number().int(), 1.5, '小数'],
    ['布尔值', z.boolean(), 'yes', '文本'],
    ['数组', z.array(z.string()), {}, '对象'],
    ['对象', z.strictObject({}), [], '数组'],
    ['日期', z.date(), 'x', '文本'],
  ])('invalid_type says the field should be %s, and what it got instead', (expected, schema, value, received) => {
    const message = only(z.strictObject({ field: schema }), { field: value })
    expect(message).toContain(`应为${expected}`)
    expect(message).toContain(received)
    expect(message).not.toContain('缺少')
  })

  it('invalid_type on an absent field says 缺少 and names it', () => {
    expect(only(z.strictObject({ field: z.string() }), {})).toBe('缺少字段：field')
  })

  it('a wrong-typed value is reported once, by its type, not also by the length checks zod still runs on it', () => {
    expect(issuesOf(z.strictObject({ reason: z.string().trim().min(2, '请填写原因') }), { reason: [] })).toEqual([{ path: 'reason', message: '字段 reason 应为文本，而不是数组' }])
  })

  it('a fraction for an integer says it must be whole', () => {
    expect(only(z.strictObject({ field: z.number().int() }), { field: 1.5 })).toMatch(/field.*整数/)
  })

  it('null for a required field is a wrong type, not a missing one', () => {
    expect(only(z.strictObject({ field: z.string() }), { field: null })).toMatch(/field.*应为文本.*空值/)
  })

  it.each([
    ['text too short', z.string().min(3), 'ab', /field.*至少 3 个字/],
    ['empty text', z.string().min(1), '', /field.*不能为空/],
    ['text too long', z.string().max(3), 'abcd', /field.*最多 3 个字/],
    ['text of the wrong length', z.string().length(4), 'abc', /field.*应为 4 个字/],
    ['a number too small', z.number().min(10), 9, /field.*不能小于 10/],
    ['a number not above 0', z.number().positive(), 0, /field.*须大于 0/],
    ['a number too big', z.number().max(1_000_000), 1_000_001, /field.*不能大于 1,000,000/],
    ['a number not below 5', z.number().lt(5), 5, /field.*须小于 5/],
    ['too few items', z.array(z.number()).min(2), [1], /field.*至少 2 项/],
    ['too many items', z.array(z.number()).max(1), [1, 2], /field.*最多 1 项/],
    ['the wrong number of items', z.array(z.number()).length(2), [1], /field.*应为 2 项/],
    ['a date too early', z.date().min(new Date('2026-01-01T00:00:00Z')), new Date('2025-01-01T00:00:00Z'), /field.*不能早于 2026-01-01/],
  ])('too_small / too_big: %s', (_label, schema, value, expected) => {
    expect(only(z.strictObject({ field: schema }), { field: value })).toMatch(expected)
  })

  it.each([
    ['a regex', z.string().regex(/^\d+$/), 'x', /field.*格式不正确/],
    ['an email', z.email(), 'x', /field.*电子邮箱/],
    ['a URL', z.url(), 'x', /field.*网址/],
    ['a prefix', z.string().startsWith('ab'), 'x', /field.*须以“ab”开头/],
    ['a suffix', z.string().endsWith('yz'), 'x', /field.*须以“yz”结尾/],
    ['a substring', z.string().includes('mm'), 'x', /field.*须包含“mm”/],
    ['an ISO date', z.iso.date(), '2026-13-45', /field.*日期/],
  ])('invalid_format: %s', (_label, schema, value, expected) => {
    expect(only(z.strictObject({ field: schema }), { field: value })).toMatch(expected)
  })

  it('invalid_value lists the allowed values', () => {
    expect(only(z.strictObject({ field: z.enum(['spend', 'points']) }), { field: 'x' })).toMatch(/field.*应为以下之一：spend、points/)
    expect(only(z.strictObject({ field: z.literal('on') }), { field: 'x' })).toMatch(/field.*应为 on/)
  })

  it('not_multiple_of names the step', () => {
    expect(only(z.strictObject({ field: z.number().multipleOf(100) }), { field: 150 })).toMatch(/field.*100 的整数倍/)
  })

  it('unrecognized_keys names each unknown key at its full path', () => {
    const issues = issuesOf(z.strictObject({ nested: z.strictObject({}) }), { nested: { a: 1, b: 2 } })
    expect(issues).toEqual([
      { path: 'nested.a', message: '不支持的字段：nested.a' },
      { path: 'nested.b', message: '不支持的字段：nested.b' },
    ])
  })

  it('invalid_union reports the branch the payload came nearest to, or the choice itself', () => {
    const schema = z.union([z.strictObject({ memberCode: z.string().min(10) }), z.strictObject({ cardNo: z.string() })])
    expect(issuesOf(schema, { memberCode: 5 })).toEqual([{ path: 'memberCode', message: expect.stringMatching(/memberCode.*应为文本/) }])
    const [choice] = issuesOf(schema, {})
    expect(choice.path).toBe('')
    expect(choice.message).toMatch(/payload.*memberCode.*cardNo/)
    expect(HAN.test(choice.message)).toBe(true)
    expect(only(z.strictObject({ field: z.union([z.string(), z.number()]) }), { field: true })).toMatch(/field.*文本.*数字/)
  })

  it('custom: a refinement without a message still says which field', () => {
    expect(only(z.strictObject({ field: z.string().refine((value) => value === 'ok') }), { field: 'no' })).toMatch(/field.*不符合要求/)
  })

  it('invalid_key and invalid_element name the field holding them', () => {
    expect(only(z.strictObject({ field: z.record(z.string().regex(/^[a-z]+$/), z.number()) }), { field: { A1: 1 } })).toMatch(/field\.A1.*键名不正确/)
    expect(only(z.strictObject({ field: z.map(z.string(), z.number()) }), { field: new Map([['a', 'x']]) })).toMatch(/field/)
  })

  it('the payload itself of the wrong type is named as payload', () => {
    expect(only(z.strictObject({}), 'x')).toMatch(/payload.*应为对象.*文本/)
  })

  it('a message the contract wrote keeps winning', async () => {
    const { joinPayload } = await import('../../../cloudfunctions/shared/contract/member')
    const { adjustPayload } = await import('../../../cloudfunctions/shared/contract/points')
    const { publishPayload } = await import('../../../cloudfunctions/shared/contract/tiers')
    const { ADJUST_POINTS } = await import('../../../cloudfunctions/shared/contract/staffFields')
    expect(issuesOf(joinPayload, { name: 'x'.repeat(21), birthday: '1990-01-01', gender: 'male' })).toEqual([{ path: 'name', message: '姓名最多 20 个字' }])
    expect(issuesOf(adjustPayload, { cardNo: '8000000001', delta: 1.5, reason: '盘点', requestId: 'req-000001' })).toEqual([{ path: 'delta', message: ADJUST_POINTS.message }])
    expect(
      issuesOf(publishPayload, { draft: { basis: 'spend', tiers: [], points: { pointsPerYuan: 1, pointsPerCashYuan: 100, maxCashShare: 0.5, expiryMonths: 12 } }, explanation: '调整门槛' }),
    ).toEqual([{ path: 'draft.tiers', message: '须设置 4 个等级' }])
  })

  it('the refusals before the schema (operator keys, depth) are Chinese and name the field', () => {
    const schema = z.strictObject({ text: z.string() })
    const [operator] = issuesOf(schema, { text: 'x', nested: [{ deeper: { $where: '1' } }] })
    expect(operator.path).toBe('nested.0.deeper.$where')
    expect(problemsWith(operator, {})).toEqual([])
    const [dottedKey] = issuesOf(schema, { 'a.b': 1 })
    expect(dottedKey.path).toBe('a.b')
    expect(dottedKey.message).toContain('a.b')
    expect(HAN.test(dottedKey.message)).toBe(true)
    let deep: Record<string, unknown> = {}
    const root = deep
    for (let depth = 0; depth < 12; depth++) deep = deep.next = {} as Record<string, unknown>
    const [tooDeep] = issuesOf(schema, root)
    expect(tooDeep.message).toContain(tooDeep.path)
    expect(tooDeep.message).toContain('嵌套过深')
  })
})
