/** Runs the conformance cases through the real wx-server-sdk against the emulator and renders CONFORMANCE.md. */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { EJSON } from 'bson'
import { functionCredentials } from '../../functions/runner'
import { startHarness } from '../sdk-harness'
import type { Case, Local, Sdk } from './case'
import { CASES, FIXTURES, INDEXES, NOW, runnerOf } from './cases'

export const CONFORMANCE_MD = path.resolve(__dirname, '..', '..', 'CONFORMANCE.md')

export interface Outcome {
  case: Case
  /** the answer through the case's view, or `{ rejects }`, normalised */
  answer: unknown
  then?: Record<string, unknown[]>
  sends: Array<Record<string, unknown>>
}

/** Body fields that are plumbing, not the request's meaning. */
const PLUMBING = new Set(['envName', 'sessionToken', 'tcb_sessionToken', 'wxCloudApiToken', 'wxCloudbaseAccesstoken', 'crossAuthorizationToken', 'collectionName'])

/** The functions openapi cases call as: `conformance` may call the three stand-ins, `bystander` none. */
function functionsDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-functions-'))
  for (const [name, openapi] of Object.entries({ conformance: ['subscribeMessage.send', 'wxacode.getUnlimited', 'phonenumber.getPhoneNumber'], bystander: [] })) {
    fs.mkdirSync(path.join(dir, name))
    fs.writeFileSync(path.join(dir, name, 'config.json'), JSON.stringify({ permissions: { openapi } }))
  }
  return dir
}

export async function runCases(cases: Case[] = CASES): Promise<Outcome[]> {
  const dir = functionsDir()
  const harness = await startHarness({ now: () => NOW, indexes: INDEXES }, { functionsDir: dir })
  const token = process.env.TENCENTCLOUD_SESSIONTOKEN
  Object.assign(process.env, functionCredentials('conformance'))
  const local: Local = {
    outbox: harness.outbox,
    consent: async (openid, templateId) => harness.outbox.grant(openid, [templateId]),
    as: async (fn, call) => {
      const saved = process.env.TENCENTCLOUD_SESSIONTOKEN
      if (fn) Object.assign(process.env, functionCredentials(fn))
      else delete process.env.TENCENTCLOUD_SESSIONTOKEN
      try {
        return await call()
      } finally {
        process.env.TENCENTCLOUD_SESSIONTOKEN = saved
      }
    },
  }
  const sent: Array<Record<string, unknown>> = []
  const handle = harness.db.handle.bind(harness.db)
  harness.db.handle = (body, caller) => {
    sent.push(body)
    return handle(body, caller)
  }
  const db = harness.sdb
  const sdk: Sdk = { db, _: db.command, $: db.command.aggregate, cloud: harness.cloud, emu: harness.db, local }
  const outcomes: Outcome[] = []
  try {
    for (const testCase of cases) {
      harness.db.clear()
      harness.outbox.clear()
      harness.db.setFault({ conflictNextCommits: 0 })
      for (const name of testCase.uses ?? []) harness.db.insertMany(name, FIXTURES[name].docs)
      sent.length = 0
      let answer: unknown
      try {
        const raw = await runnerOf(testCase)(sdk)
        answer = testCase.view ? testCase.view.of(raw) : raw
      } catch (error) {
        answer = rejection(error)
      }
      const names = new Names()
      outcomes.push({
        case: testCase,
        answer: normalise(answer, names),
        then: testCase.then ? Object.fromEntries(Object.keys(testCase.then).map((coll) => [coll, normalise(harness.db.find(coll), names) as unknown[]])) : undefined,
        sends: sent.map((body) => normalise(summarise(body), names) as Record<string, unknown>),
      })
    }
  } finally {
    if (token === undefined) delete process.env.TENCENTCLOUD_SESSIONTOKEN
    else process.env.TENCENTCLOUD_SESSIONTOKEN = token
    await harness.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return outcomes
}

/** How a rejection reads in the table: the fields an app can branch on. */
function rejection(error: unknown): { rejects: unknown } {
  if (error === null || typeof error !== 'object') return { rejects: error }
  if (!(error instanceof Error)) return { rejects: { ...(error as object) } }
  const err = error as Error & { errCode?: unknown; errMsg?: unknown; code?: unknown }
  const out: Record<string, unknown> = {}
  if (err.errCode !== undefined) out.errCode = err.errCode
  if (err.code !== undefined) out.code = err.code
  if (err.errMsg !== undefined) out.errMsg = err.errMsg
  else out.message = err.message
  return { rejects: out }
}

/** One request as the table shows it: action without `database.`, EJSON strings decoded. */
function summarise(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { action: String(body.action).replace(/^database\./, '') }
  const decode = (value: unknown) => {
    if (typeof value !== 'string' || value === '') return value
    try {
      return EJSON.parse(value, { relaxed: true })
    } catch {
      return JSON.parse(value) // EJSON bson refuses (a regex with a JS-only flag): shown as sent
    }
  }
  for (const [key, value] of Object.entries(body)) {
    if (key === 'action' || PLUMBING.has(key) || value === undefined) continue
    if (key === 'query' || key === 'order' || key === 'projection') out[key] = decode(value)
    else if (key === 'data') out[key] = Array.isArray(value) ? value.map(decode) : decode(value)
    else if (key === 'stages' && Array.isArray(value)) out[key] = value.map((stage: { stageKey: string; stageValue: unknown }) => ({ [stage.stageKey]: decode(stage.stageValue) }))
    else if (key === 'transactionId') out[key] = '<txn>'
    else out[key] = value
  }
  return out
}

/** Generated `_id`s become `<id1>`, `<id2>`… in order of first appearance within a case. */
class Names {
  private ids = new Map<string, string>()
  id(hex: string): string {
    if (!this.ids.has(hex)) this.ids.set(hex, `<id${this.ids.size + 1}>`)
    return this.ids.get(hex)!
  }
}

/** What changes from run to run (generated ids, request and transaction ids) replaced by placeholders. */
function normalise(value: unknown, names: Names): unknown {
  if (typeof value === 'string') return value.replace(/\b[0-9a-f]{32}\b/g, (match) => names.id(match)).replace(/\b[0-9a-f]{24}\b/g, '<txn>')
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return value
  const bson = value as { _bsontype?: unknown; pattern: string; options: string }
  if (bson._bsontype === 'BSONRegExp') return regexOf(bson.pattern, bson.options)
  if (Array.isArray(value)) return value.map((item) => normalise(item, names))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) out[key] = key === 'requestId' ? '<requestId>' : normalise(item, names)
  return out
}

function regexOf(pattern: string, options: string): unknown {
  try {
    return new RegExp(pattern, options)
  } catch {
    return { $regularExpression: { pattern, options } }
  }
}

/** Values as a reader writes them: `{ a: 1, "o.b": Date(…) }`, on one line. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (value === null) return 'null'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  if (typeof value !== 'object') return String(value)
  if (value instanceof Date) return `Date(${value.toISOString()})`
  if (value instanceof RegExp) return String(value)
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`
  const entries = Object.entries(value)
  if (!entries.length) return '{}'
  return `{ ${entries.map(([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${show(item)}`).join(', ')} }`
}

/** Equality as jest's toEqual sees it (undefined properties ignored), for the script's own check. */
export function same(left: unknown, right: unknown): boolean {
  return canonical(left) === canonical(right)
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value))
  if (value instanceof Date) return `Date(${value.getTime()})`
  if (value instanceof RegExp) return String(value)
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  const keys = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`
}

/** Where an outcome differs from its case's expectations (empty when it conforms). */
export function mismatches(outcome: Outcome): string[] {
  const out: string[] = []
  if (!same(outcome.answer, outcome.case.expected)) out.push(`answer ${show(outcome.answer)}, expected ${show(outcome.case.expected)}`)
  if (outcome.case.then && !same(outcome.then, outcome.case.then)) out.push(`then ${show(outcome.then)}, expected ${show(outcome.case.then)}`)
  if (outcome.case.sends && !same(outcome.sends, outcome.case.sends)) out.push(`sends ${show(outcome.sends)}, expected ${show(outcome.case.sends)}`)
  return out
}

const cell = (text: string) => text.replace(/\|/g, '\\|')
const code = (text: string) => '`' + cell(text) + '`'

export function renderMarkdown(outcomes: Outcome[]): string {
  const areas = [...new Set(outcomes.map((outcome) => outcome.case.area))]
  const lines = [
    '# Conformance: SDK call → result',
    '',
    '<!-- Generated by `npx tsx emulator/scripts/conformance.ts` from emulator/test/conformance/cases.ts; do not edit.',
    '     emulator/test/conformance/conformance.test.ts fails when this file differs from what the cases render. -->',
    '',
    `Every row ran through the real \`wx-server-sdk\` against the emulator; the result is what that run returned (${outcomes.length} cases).`,
    'Generated `_id`s read `<id1>`, `<id2>`…; `<txn>` and `<requestId>` stand for ids that change on every run.',
    "`_` is `db.command`, `$` is `db.command.aggregate`, `cloud` is `require('wx-server-sdk')`, `emu` the emulator (fault injection only),",
    '`local` the emulator’s side of openapi and storage: `local.consent(openid, template)` gives a subscription consent, `local.as(fn, call)` calls as another',
    'function (cases call as `conformance`, whose config.json lists the three openapi stand-ins; `bystander` lists none; `null` is no function).',
    'Each case starts from an empty database holding only the fixtures it names; `serverDate()` is ' + code(show(NOW)) + '.',
    'A result reads `label: value` when it shows one part of the answer; `then` is what the named collection held afterwards;',
    '`sends` (in the note) is what the SDK put on the wire, EJSON decoded.',
    '',
    'Areas: ' + areas.map((area) => `${area} (${outcomes.filter((outcome) => outcome.case.area === area).length})`).join(', ') + '.',
    '',
    '## Fixtures',
    '',
    '| collection | documents |',
    '|---|---|',
    ...Object.entries(FIXTURES).map(([name, fixture]) => `| ${name} | ${fixture.about ? cell(fixture.about) : code(show(fixture.docs))} |`),
    '',
    '## Cases',
    '',
    '| area | SDK call | result | note |',
    '|---|---|---|---|',
  ]
  for (const outcome of outcomes) {
    const testCase = outcome.case
    const fixtures = testCase.uses?.length ? `<br>on ${testCase.uses.join(', ')}` : ''
    let result = code((testCase.view && !isRejection(outcome.answer) ? `${testCase.view.label}: ` : '') + show(outcome.answer))
    for (const [coll, docs] of Object.entries(outcome.then ?? {})) result += `<br>then ${coll}: ${code(show(docs))}`
    const notes = [testCase.note ? cell(testCase.note) : '', testCase.sends ? `sends ${outcome.sends.map((sent) => code(show(sent))).join(', ') || 'nothing'}` : ''].filter(Boolean)
    lines.push(`| ${testCase.area} | ${code(testCase.call)}${fixtures} | ${result} | ${notes.join('<br>')} |`)
  }
  return lines.join('\n') + '\n'
}

function isRejection(value: unknown): boolean {
  return !!value && typeof value === 'object' && 'rejects' in value && Object.keys(value).length === 1
}
