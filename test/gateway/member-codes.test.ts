/** GET /api/dev/member-codes remembers the newest codes only, however many members the server has seen. */
import type { AddressInfo } from 'node:net'
import type http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { startDevServer } from '../../local/devServer'
import { useLocalCloud } from '../support/localCloud'
import { seedMember } from '../support/members'

const { cloud } = useLocalCloud()
let server: http.Server
let base: string

beforeAll(async () => {
  server = await startDevServer(cloud(), { port: 0, staticDir: path.join(os.tmpdir(), 'huiyuan-no-h5'), maxSeenMemberCodes: 3 })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

async function showCode(openid: string): Promise<void> {
  const response = await fetch(`${base}/api/functions/member`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: '{"action":"code"}' })
  expect(await response.json()).toMatchObject({ ok: true })
}

async function seenCards(): Promise<string[]> {
  const response = await fetch(`${base}/api/dev/member-codes`)
  expect(response.status).toBe(200)
  return ((await response.json()) as Array<{ cardNo: string }>).map(({ cardNo }) => cardNo)
}

it('lists the codes of the most recently seen members, newest first, up to its bound', async () => {
  const members = ['codes-a', 'codes-b', 'codes-c', 'codes-d', 'codes-e'].map((openid) => seedMember(cloud(), openid))
  for (const member of members) await showCode(member._id)
  expect(await seenCards()).toEqual([members[4].cardNo, members[3].cardNo, members[2].cardNo])
  // Seen again, the oldest comes back to the front and the next oldest goes.
  await showCode(members[2]._id)
  await showCode(members[0]._id)
  expect(await seenCards()).toEqual([members[0].cardNo, members[2].cardNo, members[4].cardNo])
})
