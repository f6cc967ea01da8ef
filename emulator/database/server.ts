/** A plain node:http server answering the TCB endpoint (`POST /admin?env=..&seqId=..`). */
import * as http from 'node:http'
import type { EmulatedDatabase } from './database'
import { requestId } from './tcb-handler'

/** Requests beyond this are refused (413) rather than buffered: WeChat's quota caps a database packet (its output) at 16 MB. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024
/** A refused body is read to its end so the answer arrives; past this the client is cut off after it. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024

export interface ServerOptions {
  port?: number
  /** requests whose `action` does not start with `database.` (functions, storage, wx.openApi…) go here if set */
  fallback?: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void | Promise<void>
  maxBodyBytes?: number
}

export interface DatabaseServer {
  url: string
  port: number
  close(): Promise<void>
}

export function startDatabaseServer(db: EmulatedDatabase, opts: ServerOptions = {}): Promise<DatabaseServer> {
  const maxBodyBytes = opts.maxBodyBytes ?? MAX_BODY_BYTES
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    let size = 0
    let cut = false
    const reply = (status: number, obj: unknown) => {
      if (res.headersSent || res.destroyed) return
      const text = JSON.stringify(obj)
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...(cut ? { connection: 'close' } : {}) })
      res.end(text)
      if (cut) res.once('finish', () => req.destroy())
    }
    // Whatever a request or the handlers behind it do, the answer is an error for that request only:
    // a throw out of these listeners would take down every function and the dev server with it.
    const failed = (error: unknown) => {
      console.error('[tcb-endpoint]', error)
      reply(500, { requestId: requestId(), code: 'SYS_ERR', message: String((error as Error)?.message ?? error) })
    }
    const answer = () => {
      try {
        if (size > maxBodyBytes) {
          return reply(413, { requestId: requestId(), code: 'EXCEED_MAX_PAYLOAD_SIZE', message: `request body is ${size} bytes, over the ${maxBodyBytes} allowed` })
        }
        const raw = Buffer.concat(chunks)
        const fallback = () => Promise.resolve(opts.fallback?.(req, res, raw)).catch(failed)
        let body: unknown
        try {
          body = JSON.parse(raw.toString('utf8') || '{}')
        } catch {
          if (opts.fallback) return void fallback()
          return reply(200, { requestId: requestId(), code: 'INVALID_PARAM', message: 'body is not JSON' })
        }
        const request = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null
        const action = String(request?.action ?? '')
        if (!action.startsWith('database.') && opts.fallback) return void fallback()
        if (!request) return reply(200, { requestId: requestId(), code: 'INVALID_PARAM', message: 'body must be a JSON object' })
        const openidHeader = req.headers['x-wx-openid']
        const openid = Array.isArray(openidHeader) ? openidHeader[0] : openidHeader
        Promise.resolve()
          .then(() => db.handle(request, openid ? { openid } : undefined))
          .then(
            (ans) => reply(200, ans),
            (error) => reply(200, { requestId: requestId(), code: 'DATABASE_REQUEST_FAILED', message: String(error?.message ?? error) }),
          )
          .catch(failed)
      } catch (error) {
        failed(error)
      }
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBodyBytes) chunks.push(chunk)
      else chunks.length = 0
      if (size > MAX_DRAIN_BYTES && !cut) {
        cut = true
        req.pause()
        answer()
      }
    })
    req.on('end', () => {
      if (!cut) answer()
    })
    req.on('error', () => req.destroy())
  })
  // the SDK uses keep-alive agents; don't let idle sockets hold close()
  server.keepAliveTimeout = 1000
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port
      resolve({
        url: `http://127.0.0.1:${port}/admin`,
        port,
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve())
            server.closeAllConnections?.()
          }),
      })
    })
  })
}

/** The environment variables the real wx-server-sdk needs to talk to the emulator at `url`.
 *  Set them in process.env before `require('wx-server-sdk')` / `cloud.init()`. */
export function sdkEnv(url: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: url }),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    // DYNAMIC_CURRENT_ENV resolves to TCB_ENV || SCF_NAMESPACE (TCB_ENV only when listed in TCB/WX_CONTEXT_KEYS)
    SCF_NAMESPACE: 'local',
    TCB_ENV: 'local',
    // skips the SDK's probe of http://metadata.tencentyun.com (30 ms timeout, repeated on every request when unreachable)
    TENCENTCLOUD: 'true',
  }
}
