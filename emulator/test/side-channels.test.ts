/**
 * The endpoints beside the database that functions call (storage, openapi, hand-overs): typed
 * answers to whatever arrives, and a bounded record of hand-overs.
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

describe('side channels', () => {
  it.each([
    ['a download without a file ID', 'GET', '/storage/download?fileID=', undefined, 400, -501007],
    ['a download outside storage', 'GET', `/storage/download?fileID=${encodeURIComponent('cloud://local.x/../../etc/passwd')}`, undefined, 400, -501007],
    ['a download of a missing file', 'GET', `/storage/download?fileID=${encodeURIComponent('cloud://local.x/avatars/none.png')}`, undefined, 404, -503003],
    ['an upload without a path', 'POST', '/storage/upload', 'x', 400, -501007],
    ['a delete outside storage', 'POST', `/storage/delete?fileID=${encodeURIComponent('cloud://local.x/../../etc/passwd')}`, undefined, 400, -501007],
    ['an unknown endpoint', 'POST', '/nowhere', '{}', 404, -501009],
    ['a hand-over to an unknown function', 'POST', '/functions/nosuch', '{"action":"x"}', 404, -501000],
    ['a hand-over to a path', 'POST', '/functions/..%2Fjobs', '{"action":"x"}', 404, -501000],
    ['a hand-over that is not JSON', 'POST', '/functions/jobs', 'action=x', 400, -501007],
    ['a hand-over nested 100,000 deep', 'POST', '/functions/jobs', `{"payload":${nestedArrays(100_000)}}`, 400, -501007],
    ['a hand-over by GET', 'GET', '/functions/jobs', undefined, 405, 43002],
  ])('answers %s', async (_label, method, pathname, body, status, errCode) => {
    expect(await send(method, pathname, body)).toEqual({ status, body: { errCode, errMsg: expect.any(String) } })
    expect(cloud.reinvocations).toHaveLength(0)
    expect((await send('GET', '/storage/download?fileID=cloud%3A%2F%2Fx%2Fa.png')).status).toBe(404)
  })

  it('keeps the newest 1,000 hand-overs', async () => {
    for (let round = 0; round < 1_005; round++) {
      expect((await send('POST', '/functions/jobs', JSON.stringify({ action: 'expirePoints', payload: { round } }))).status).toBe(200)
    }
    expect(cloud.reinvocations).toHaveLength(1_000)
    expect(cloud.reinvocations[0].event).toEqual({ action: 'expirePoints', payload: { round: 5 } })
    expect(cloud.reinvocations[999].event).toEqual({ action: 'expirePoints', payload: { round: 1_004 } })
  })
})
