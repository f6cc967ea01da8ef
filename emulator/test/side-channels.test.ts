/**
 * What the emulator's endpoint answers besides the database (the storage actions and objects, a
 * function calling another): typed answers to whatever arrives, and a bounded record of hand-overs.
 * The SDK's own openapi and storage calls are in openapi-storage-through-the-sdk.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { LocalCloud } from '../cloud'

let dir: string
let cloud: LocalCloud
let origin: string

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'side-channel-fixtures-'))
  mkdirSync(path.join(dir, 'jobs'))
  writeFileSync(path.join(dir, 'jobs', 'index.js'), 'exports.main = async (event) => event')
  writeFileSync(path.join(dir, 'jobs', 'config.json'), '{}')
  cloud = await LocalCloud.start({ functionsDir: dir })
  origin = cloud.server.url.replace(/\/admin$/, '')
})

afterAll(async () => {
  await cloud.close()
  rmSync(dir, { recursive: true, force: true })
})

beforeEach(() => {
  cloud.reinvocations.length = 0
})

function send(method: string, pathname: string, body?: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const req = http.request(`${origin}${pathname}`, { method, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) })
        } catch {
          resolve({ status: res.statusCode ?? 0, body: text })
        }
      })
    })
    req.on('error', () => resolve({ status: 0, body: null }))
    req.end(body)
  })
}

const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`
/** `cloud.callFunction({ name, data })` from inside a function, as the SDK sends it. */
const handOver = (name: string, requestData: string) => JSON.stringify({ action: 'functions.invokeFunction', function_name: name, request_data: requestData })

describe('side channels', () => {
  const tcbRefusal = (message: RegExp) => ({ requestId: expect.any(String), code: 'INVALID_PARAM', message: expect.stringMatching(message) })
  const cosRefusal = (code: string) => expect.stringContaining(`<Code>${code}</Code>`)
  it.each([
    ['an action that is not emulated', 'POST', '/admin?env=local', '{"action":"storage.nosuch"}', 200, tcbRefusal(/storage\.nosuch is not emulated/)],
    ['an action that is no storage action', 'POST', '/admin?env=local', '{"action":"wx.api","apiName":"x"}', 200, tcbRefusal(/no emulated endpoint/)],
    ['a body that is not JSON', 'POST', '/admin?env=local', 'action=x', 200, tcbRefusal(/no emulated endpoint/)],
    ['a file list that is not a list', 'POST', '/admin?env=local', '{"action":"storage.batchDeleteFile","fileid_list":"a"}', 200, tcbRefusal(/must be an array/)],
    ['upload metadata without a path', 'POST', '/admin?env=local', '{"action":"storage.getUploadMetadata"}', 200, tcbRefusal(/path is required/)],
    ['upload metadata outside storage', 'POST', '/admin?env=local', '{"action":"storage.getUploadMetadata","path":"../../etc/passwd"}', 200, tcbRefusal(/invalid cloud path/)],
    ['an object outside storage', 'GET', '/storage/object/..%2F..%2Fetc%2Fpasswd', undefined, 403, cosRefusal('AccessDenied')],
    ['an object URL that is not a URI', 'GET', '/storage/object/%E0%A4%A', undefined, 400, cosRefusal('InvalidURI')],
    ['an object by POST', 'POST', '/storage/object/a.png', 'x', 405, cosRefusal('MethodNotAllowed')],
    ['an unknown endpoint', 'POST', '/nowhere', '{}', 404, tcbRefusal(/no emulated endpoint/)],
    ['a hand-over to an unknown function', 'POST', '/admin?env=local', handOver('nosuch', '{"action":"x"}'), 200, tcbRefusal(/could not be found/)],
    ['a hand-over to a path', 'POST', '/admin?env=local', handOver('../jobs', '{"action":"x"}'), 200, tcbRefusal(/could not be found/)],
    ['a hand-over whose event is not JSON', 'POST', '/admin?env=local', handOver('jobs', 'action=x'), 200, tcbRefusal(/not JSON/)],
    ['a hand-over nested 100,000 deep', 'POST', '/admin?env=local', handOver('jobs', `{"payload":${nestedArrays(100_000)}}`), 200, tcbRefusal(/deeper than/)],
    ['a hand-over by GET', 'GET', '/admin?env=local', undefined, 200, tcbRefusal(/no emulated endpoint/)],
  ])('answers %s', async (_label, method, pathname, body, status, answer) => {
    expect(await send(method, pathname, body)).toEqual({ status, body: answer })
    expect(cloud.reinvocations).toHaveLength(0)
    expect(cloud.storage.get('cloud://x/a.png')).toBeNull()
  })

  it('keeps the newest 1,000 hand-overs', async () => {
    for (let round = 0; round < 1_005; round++) {
      expect(await send('POST', '/admin?env=local', handOver('jobs', JSON.stringify({ action: 'expirePoints', payload: { round } })))).toEqual({
        status: 200,
        body: { requestId: expect.any(String), data: { response_data: 'null' } },
      })
    }
    expect(cloud.reinvocations).toHaveLength(1_000)
    expect(cloud.reinvocations[0].event).toEqual({ action: 'expirePoints', payload: { round: 5 } })
    expect(cloud.reinvocations[999].event).toEqual({ action: 'expirePoints', payload: { round: 1_004 } })
  })
})
