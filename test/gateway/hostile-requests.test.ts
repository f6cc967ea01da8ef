/**
 * The function gateway and dev endpoints under hostile requests, against `npm start`'s own pairing
 * of local cloud and dev server in a child process: whatever arrives, the process keeps running and
 * every refusal is answered with a status and a `{ errCode, errMsg }` body, as wx.cloud.callFunction
 * fails.
 */
import { startServerProcess, type Answer, type ServerProcess } from '../support/serverProcess'

jest.setTimeout(120_000)

const MEMBER = 'demo-member-gold'

/** `[[[…]]]` or `{"a":{"a":…}}` as text: built without recursion, as a hostile client would send it. */
function nested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`
}
const eventWithPayload = (payload: string) => `{"action":"me","payload":${payload}}`
const padded = (bytes: number) => eventWithPayload(`{"pad":"${'x'.repeat(bytes)}"}`)

const refused = (errCode: number, errMsg: RegExp) => ({ errCode, errMsg: expect.stringMatching(errMsg) })
const PARAM = -501007
const tooDeep = refused(PARAM, /nested deeper than 512 levels/)
const notJson = refused(PARAM, /not JSON/)
const notObject = refused(PARAM, /must be a JSON object/)
const badOpenid = refused(PARAM, /X-WX-OPENID/)
const noFunction = refused(-501000, /FunctionName parameter could not be found/)
const noRoute = refused(-501009, /no route/)
const wrongMethod = refused(43002, /HTTP METHOD/)
const invalidInput = { ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) }

interface Case {
  label: string
  method?: string
  path: string
  body?: string | Buffer
  headers?: Record<string, string | string[]>
  status: number
  answer: unknown
}

const fn = (name: string) => `/api/functions/${name}`
const json = { 'content-type': 'application/json' }
const member = { ...json, 'x-wx-openid': MEMBER }

const CASES: Case[] = [
  // Nesting: refused before any worker sees it, whatever the container.
  { label: 'a payload nested 4,000 arrays deep', path: fn('member'), body: eventWithPayload(nested(4_000, 'array')), status: 400, answer: tooDeep },
  { label: 'a payload nested 100,000 arrays deep', path: fn('member'), body: eventWithPayload(nested(100_000, 'array')), status: 400, answer: tooDeep },
  { label: 'a payload nested 4,000 objects deep', path: fn('member'), body: eventWithPayload(nested(4_000, 'object')), status: 400, answer: tooDeep },
  { label: 'a payload nested 100,000 objects deep', path: fn('member'), body: eventWithPayload(nested(100_000, 'object')), status: 400, answer: tooDeep },
  { label: 'a payload nested 3,000 arrays deep', path: fn('member'), body: eventWithPayload(nested(3_000, 'array')), status: 400, answer: tooDeep },
  { label: 'a body that is only 600 nested arrays', path: fn('member'), body: nested(600, 'array'), status: 400, answer: notObject },
  { label: 'a payload nested 20 deep (under the limit)', path: fn('member'), body: eventWithPayload(nested(20, 'object')), headers: member, status: 200, answer: invalidInput },
  // Size: the 6 MB event limit; under it the function answers.
  { label: 'a 7 MB body', path: fn('member'), body: padded(7 * 1024 * 1024), headers: member, status: 413, answer: refused(PARAM, /over the 6 MB/) },
  { label: 'a 5 MB body', path: fn('member'), body: padded(5 * 1024 * 1024), headers: member, status: 200, answer: invalidInput },
  { label: 'a 1.1 MB body', path: fn('member'), body: padded(1.1 * 1024 * 1024), headers: member, status: 200, answer: invalidInput },
  // Bodies that are not an event.
  { label: 'a body that is not JSON', path: fn('member'), body: 'action=me', status: 400, answer: notJson },
  { label: 'truncated JSON', path: fn('member'), body: '{"action":"me"', status: 400, answer: notJson },
  { label: 'invalid UTF-8', path: fn('member'), body: Buffer.from([0x7b, 0x22, 0x61, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), status: 400, answer: refused(PARAM, /UTF-8/) },
  { label: 'JSON that is a number', path: fn('member'), body: '42', status: 400, answer: notObject },
  { label: 'JSON that is null', path: fn('member'), body: 'null', status: 400, answer: notObject },
  { label: 'JSON that is an array', path: fn('member'), body: '[{"action":"me"}]', status: 400, answer: notObject },
  { label: 'JSON that is a string', path: fn('member'), body: '"me"', status: 400, answer: notObject },
  { label: 'JSON that is true', path: fn('member'), body: 'true', status: 400, answer: notObject },
  { label: 'an empty body', path: fn('member'), body: '', status: 400, answer: refused(44002, /POST BODY/) },
  {
    label: 'a UTF-8 byte order mark before the event (ignored)',
    path: fn('member'),
    body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"action":"me"}')]),
    headers: member,
    status: 200,
    answer: { ok: true, data: expect.objectContaining({ cardNo: expect.any(String) }) },
  },
  // The identity header: present means a valid OPENID, once.
  { label: 'an empty X-WX-OPENID', path: fn('member'), body: '{"action":"me"}', headers: { ...json, 'x-wx-openid': '' }, status: 400, answer: badOpenid },
  { label: 'a blank X-WX-OPENID', path: fn('member'), body: '{"action":"me"}', headers: { ...json, 'x-wx-openid': '   ' }, status: 400, answer: badOpenid },
  { label: 'an X-WX-OPENID with spaces inside', path: fn('member'), body: '{"action":"me"}', headers: { ...json, 'x-wx-openid': 'demo member gold' }, status: 400, answer: badOpenid },
  { label: 'an X-WX-OPENID of 65 characters', path: fn('member'), body: '{"action":"me"}', headers: { ...json, 'x-wx-openid': 'o'.repeat(65) }, status: 400, answer: badOpenid },
  {
    label: 'an X-WX-OPENID of 64 characters (allowed)',
    path: fn('member'),
    body: '{"action":"me"}',
    headers: { ...json, 'x-wx-openid': 'o'.repeat(64) },
    status: 200,
    answer: { ok: true, data: null },
  },
  {
    label: 'a 28-character OPENID like WeChat’s (allowed)',
    path: fn('member'),
    body: '{"action":"me"}',
    headers: { ...json, 'x-wx-openid': 'oAbC_1234-xyzXYZ0987654321ab' },
    status: 200,
    answer: { ok: true, data: null },
  },
  { label: 'an X-WX-OPENID with $', path: fn('member'), body: '{"action":"me"}', headers: { ...json, 'x-wx-openid': 'demo$member' }, status: 400, answer: badOpenid },
  { label: 'an X-WX-OPENID with markup', path: fn('member'), body: '{"action":"me"}', headers: { ...json, 'x-wx-openid': '<script>' }, status: 400, answer: badOpenid },
  { label: 'an X-WX-OPENID with a dot-dot path', path: fn('member'), body: '{"action":"me"}', headers: { ...json, 'x-wx-openid': '../demo-owner' }, status: 400, answer: badOpenid },
  { label: 'an X-WX-OPENID that is not ASCII', path: fn('member'), body: '{"action":"me"}', headers: { ...json, 'x-wx-openid': 'd\u00e9mo' }, status: 400, answer: badOpenid },
  {
    label: 'a repeated X-WX-OPENID',
    path: fn('member'),
    body: '{"action":"me"}',
    headers: { ...json, 'x-wx-openid': [MEMBER, 'demo-owner'] },
    status: 400,
    answer: refused(PARAM, /X-WX-OPENID.*once/),
  },
  {
    label: 'a repeated X-WX-OPENID with the same value',
    path: fn('member'),
    body: '{"action":"me"}',
    headers: { ...json, 'x-wx-openid': [MEMBER, MEMBER] },
    status: 400,
    answer: refused(PARAM, /X-WX-OPENID.*once/),
  },
  // Function names.
  { label: 'an unknown function', path: fn('nosuch'), body: '{"action":"me"}', status: 404, answer: noFunction },
  { label: 'a function name in the wrong case', path: fn('Member'), body: '{"action":"me"}', status: 404, answer: noFunction },
  { label: 'a function name over 60 characters', path: fn('m'.repeat(61)), body: '{"action":"me"}', status: 404, answer: noFunction },
  { label: 'a function name with a NUL', path: fn('member%00'), body: '{"action":"me"}', status: 404, answer: noFunction },
  { label: 'no function name', path: fn(''), body: '{"action":"me"}', status: 404, answer: noFunction },
  { label: 'a trailing slash', path: fn('member/'), body: '{"action":"me"}', status: 404, answer: noFunction },
  { label: 'dot-dot to another function', path: fn('member/../staff'), body: '{"action":"whoami"}', status: 404, answer: noFunction },
  { label: 'dot-dot out to a dev endpoint', path: fn('../dev/clock'), body: '{"now":"2030-01-01T00:00:00Z"}', status: 404, answer: noFunction },
  { label: 'encoded dot-dot', path: fn('member%2F..%2Fstaff'), body: '{"action":"whoami"}', status: 404, answer: noFunction },
  { label: 'encoded dots as the name', path: fn('%2e%2e'), body: '{"action":"me"}', status: 404, answer: noFunction },
  { label: 'a backslash traversal', path: fn('..\\..\\staff'), body: '{"action":"me"}', status: 404, answer: noFunction },
  // Unknown paths and wrong methods.
  { label: 'POST to an unknown /api path', path: '/api/nope', body: '{}', status: 404, answer: noRoute },
  { label: 'GET of an unknown /api path', method: 'GET', path: '/api/nope', status: 404, answer: noRoute },
  { label: 'GET of an unknown dev endpoint', method: 'GET', path: '/api/dev/nope', status: 404, answer: noRoute },
  { label: 'POST to a static path', path: '/index.html', body: '{}', status: 405, answer: wrongMethod },
  { label: 'a malformed percent-escape in a static path', method: 'GET', path: '/%E0%A4%A', status: 400, answer: refused(PARAM, /URL/) },
  { label: 'GET of a function', method: 'GET', path: fn('member'), status: 405, answer: wrongMethod },
  { label: 'PUT to a function', method: 'PUT', path: fn('member'), body: '{"action":"me"}', status: 405, answer: wrongMethod },
  { label: 'DELETE of a function', method: 'DELETE', path: fn('member'), status: 405, answer: wrongMethod },
  { label: 'OPTIONS on a function', method: 'OPTIONS', path: fn('member'), status: 405, answer: wrongMethod },
  { label: 'DELETE of the clock', method: 'DELETE', path: '/api/dev/clock', status: 405, answer: wrongMethod },
  { label: 'GET of subscribe', method: 'GET', path: '/api/dev/subscribe', status: 405, answer: wrongMethod },
  { label: 'POST to the outbox', path: '/api/dev/outbox', body: '{}', status: 405, answer: wrongMethod },
  { label: 'POST to member-codes', path: '/api/dev/member-codes', body: '{}', status: 405, answer: wrongMethod },
  { label: 'GET of a timer', method: 'GET', path: '/api/dev/timers/jobs/daily', status: 405, answer: wrongMethod },
  { label: 'GET of upload', method: 'GET', path: '/api/dev/upload', status: 405, answer: wrongMethod },
  { label: 'POST to file', path: '/api/dev/file', body: '{}', status: 405, answer: wrongMethod },
  // Dev endpoints with bodies they can't use: 400 and the reason.
  { label: 'the clock with a body that is not JSON', path: '/api/dev/clock', body: 'now=tomorrow', status: 400, answer: notJson },
  { label: 'the clock with invalid UTF-8', path: '/api/dev/clock', body: Buffer.from([0xff, 0xfe, 0xfd]), status: 400, answer: refused(PARAM, /UTF-8/) },
  { label: 'the clock with a JSON array', path: '/api/dev/clock', body: '[]', status: 400, answer: notObject },
  { label: 'the clock with JSON null', path: '/api/dev/clock', body: 'null', status: 400, answer: notObject },
  { label: 'the clock with a number for now', path: '/api/dev/clock', body: '{"now":5}', status: 400, answer: refused(PARAM, /now must be an ISO date or null/) },
  { label: 'the clock with a date that is not one', path: '/api/dev/clock', body: '{"now":"someday"}', status: 400, answer: refused(PARAM, /now must be an ISO date or null/) },
  { label: 'the clock with a 1.1 MB body', path: '/api/dev/clock', body: `{"now":"${'9'.repeat(1.1 * 1024 * 1024)}"}`, status: 413, answer: refused(PARAM, /over the 1 MB/) },
  { label: 'the clock nested 100,000 deep', path: '/api/dev/clock', body: `{"now":${nested(100_000, 'array')}}`, status: 400, answer: refused(PARAM, /now must be an ISO date or null/) },
  { label: 'subscribe with a body that is not JSON', path: '/api/dev/subscribe', body: 'openid=x', status: 400, answer: notJson },
  { label: 'subscribe without templateIds', path: '/api/dev/subscribe', body: '{"openid":"demo-member-gold"}', status: 400, answer: refused(PARAM, /openid and templateIds/) },
  {
    label: 'subscribe with templateIds that are not strings',
    path: '/api/dev/subscribe',
    body: '{"openid":"demo-member-gold","templateIds":[1,{}]}',
    status: 400,
    answer: refused(PARAM, /openid and templateIds/),
  },
  { label: 'subscribe for an openid that is not one', path: '/api/dev/subscribe', body: '{"openid":"a b","templateIds":["t"]}', status: 400, answer: refused(PARAM, /openid and templateIds/) },
  { label: 'a timer of an unknown function', path: '/api/dev/timers/nosuch/daily', status: 404, answer: refused(-501000, /no timer trigger/) },
  { label: 'an unknown timer of a function', path: '/api/dev/timers/jobs/nightly', status: 404, answer: refused(-501000, /no timer trigger/) },
  { label: 'an upload that is not an image', path: '/api/dev/upload?ext=exe', body: 'MZ', status: 400, answer: refused(PARAM, /only images/) },
  { label: 'an empty upload', path: '/api/dev/upload?ext=png', body: '', status: 400, answer: refused(PARAM, /empty file/) },
  { label: 'an upload into a folder that climbs out', path: '/api/dev/upload?ext=png&folder=..%2Fsecrets', body: 'PNG', status: 400, answer: refused(PARAM, /plain path segments/) },
  { label: 'a 3 MB upload', path: '/api/dev/upload?ext=png', body: Buffer.alloc(3 * 1024 * 1024, 1), status: 413, answer: refused(-403001, /over the 2 MB/) },
  {
    label: 'a file outside storage',
    method: 'GET',
    path: `/api/dev/file?fileID=${encodeURIComponent('cloud://local.huiyuan-local/../../etc/passwd')}`,
    status: 404,
    answer: refused(-503003, /file not found/),
  },
  { label: 'a file without an ID', method: 'GET', path: '/api/dev/file', status: 404, answer: refused(-503003, /file not found/) },
]

let server: ServerProcess

beforeAll(async () => {
  server = await startServerProcess({ seed: true })
})

afterAll(async () => {
  await server?.stop()
})

function send(testCase: Case): Promise<Answer> {
  const { method = 'POST', path, body, headers = {} } = testCase
  // An array value sends the header once per value (the repeated-header cases).
  return server.request(method, path, body, headers as Record<string, string>)
}

describe('the gateway under hostile requests', () => {
  it('answers the whole table with the status and body each one deserves, and stays up', async () => {
    const mismatches: string[] = []
    for (const testCase of CASES) {
      const answer = await send(testCase)
      try {
        expect({ status: answer.status, body: answer.body }).toEqual({ status: testCase.status, body: testCase.answer })
      } catch {
        mismatches.push(`${testCase.label}: got ${answer.status} ${answer.error ?? JSON.stringify(answer.body).slice(0, 200)}`)
      }
      if (!server.alive()) {
        mismatches.push(`${testCase.label}: the server process exited`)
        break
      }
    }
    expect(mismatches).toEqual([])
    expect(server.alive()).toBe(true)
    expect(await server.call('member', { action: 'me' }, { 'x-wx-openid': MEMBER })).toEqual({ status: 200, body: { ok: true, data: expect.objectContaining({ cardNo: expect.any(String) }) } })
    expect(server.stderr()).not.toMatch(/RangeError|Maximum call stack/)
  })

  it('finding 1: a payload nested about 4,000 levels deep is refused before a worker sees it, and the process lives', async () => {
    for (const kind of ['array', 'object'] as const) {
      const answer = await server.call('member', eventWithPayload(nested(4_000, kind)))
      expect(answer).toEqual({ status: 400, body: tooDeep })
    }
    expect(server.alive()).toBe(true)
    expect(await server.call('member', { action: 'me' }, { 'x-wx-openid': MEMBER })).toMatchObject({ status: 200, body: { ok: true } })
  })

  it('finding 2: an empty or blank X-WX-OPENID is refused, not taken for a server-side call', async () => {
    const bootstrap = { action: 'bootstrapOwner', payload: { ownerOpenid: 'intruder-openid', name: '冒名者' } }
    for (const value of ['', ' ', '\t']) {
      expect(await server.call('staff', bootstrap, { 'x-wx-openid': value })).toEqual({ status: 400, body: badOpenid })
    }
    // The intruder got no role.
    expect(await server.call('staff', { action: 'whoami' }, { 'x-wx-openid': 'intruder-openid' })).toEqual({
      status: 200,
      body: { ok: true, data: { role: null, name: null, storeId: null, storeName: null } },
    })
    // Without the header it still is a server-side call (answered by the function, not refused).
    expect((await server.call('staff', bootstrap)).status).toBe(200)
  })

  it('finding 3: refusals are answered before the connection closes, typed like callFunction failures', async () => {
    expect(await server.call('member', padded(7 * 1024 * 1024))).toEqual({ status: 413, body: refused(PARAM, /over the 6 MB/) })
    expect(await server.call('member', 'not json')).toEqual({ status: 400, body: notJson })
    expect(await server.request('POST', '/api/dev/clock', 'not json', json)).toEqual({ status: 400, body: notJson })
    expect(await server.request('POST', '/api/dev/subscribe', '{', json)).toEqual({ status: 400, body: notJson })
    expect(await server.request('POST', '/api/dev/upload?ext=png', Buffer.alloc(5 * 1024 * 1024))).toEqual({ status: 413, body: refused(-403001, /over the 2 MB/) })
    expect(server.alive()).toBe(true)
  })
})
