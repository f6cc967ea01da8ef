/**
 * The TCB endpoint under requests the SDK would never send: each gets an answer, and the server
 * (which every function instance and the dev server share) keeps answering.
 */
import http from 'node:http'
import { EmulatedDatabase, startDatabaseServer, type DatabaseServer, type ServerOptions } from '../database'

interface Answer {
  status: number
  body: unknown
  error?: string
}

function post(server: DatabaseServer, path: string, body: string | Buffer, method = 'POST'): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(`http://127.0.0.1:${server.port}${path}`, { method, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let parsed: unknown = text
        try {
          parsed = JSON.parse(text)
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body: parsed })
      })
    })
    req.on('error', (error) => resolve({ status: 0, body: null, error: error.message }))
    req.end(body)
  })
}

const servers: Array<{ server: DatabaseServer; db: EmulatedDatabase }> = []

async function start(options: ServerOptions = {}): Promise<DatabaseServer> {
  const db = new EmulatedDatabase()
  const server = await startDatabaseServer(db, options)
  servers.push({ server, db })
  return server
}

afterEach(async () => {
  for (const { server, db } of servers.splice(0)) {
    await server.close()
    await db.close()
  }
})

const count = '{"action":"database.getDocument","dbName":"","collectionName":"c","query":{},"queryType":"WHERE"}'

describe('TCB endpoint', () => {
  it.each([
    ['null', 'null'],
    ['a number', '5'],
    ['an array', '[{"action":"database.getDocument"}]'],
    ['a string', '"database.getDocument"'],
  ])('answers a body that is %s with INVALID_PARAM and keeps serving', async (_label, body) => {
    const server = await start()
    expect(await post(server, '/admin', body)).toEqual({ status: 200, body: expect.objectContaining({ code: 'INVALID_PARAM' }) })
    expect((await post(server, '/admin', count)).status).toBe(200)
  })

  it('refuses a body over the limit with 413, answered before the connection closes', async () => {
    const server = await start({ maxBodyBytes: 64 * 1024 })
    const answer = await post(server, '/admin', `{"action":"database.addDocument","data":"${'x'.repeat(2 * 1024 * 1024)}"}`)
    expect(answer).toEqual({ status: 413, body: expect.objectContaining({ code: 'EXCEED_MAX_PAYLOAD_SIZE' }) })
    expect((await post(server, '/admin', count)).status).toBe(200)
  })

  it('caps bodies at 16 MB by default', async () => {
    const server = await start()
    expect((await post(server, '/admin', Buffer.alloc(16 * 1024 * 1024 + 1, 0x20))).status).toBe(413)
  })

  it('answers 500 when the handler behind it throws or rejects, and keeps serving', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const throwing = await start({
      fallback: () => {
        throw new Error('side channel broke')
      },
    })
    expect(await post(throwing, '/openapi/x', 'not json')).toEqual({ status: 500, body: expect.objectContaining({ code: 'SYS_ERR', message: 'side channel broke' }) })
    expect(await post(throwing, '/storage/x', '{}')).toEqual({ status: 500, body: expect.objectContaining({ message: 'side channel broke' }) })
    expect((await post(throwing, '/admin', count)).status).toBe(200)
    const rejecting = await start({ fallback: () => Promise.reject(new Error('later')) })
    expect(await post(rejecting, '/storage/x', '{}')).toEqual({ status: 500, body: expect.objectContaining({ message: 'later' }) })
    expect(logged).toHaveBeenCalledTimes(3)
    logged.mockRestore()
  })
})
