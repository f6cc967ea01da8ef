import { createReadStream, existsSync, statSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { InvocationError } from './functions/runner'
import type { LocalCloud } from './cloud'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
}

const MAX_BODY_BYTES = 1024 * 1024

/**
 * The local app server: the H5 build, the function gateway the H5 app calls instead of
 * wx.cloud.callFunction, and dev-only controls (clock, outbox, subscription consent).
 * The HTTP interface is documented in the README ("Calling functions over HTTP").
 */
export function startDevServer(cloud: LocalCloud, options: { port: number; staticDir: string; host?: string }): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    handle(cloud, options.staticDir, req, res).catch((error) => {
      console.error('[dev-server]', error)
      if (!res.headersSent) json(res, 500, { errCode: -1, errMsg: 'dev server error' })
    })
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server))
  })
}

async function handle(cloud: LocalCloud, staticDir: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const route = `${req.method} ${url.pathname}`
  const fnMatch = /^\/api\/functions\/([A-Za-z0-9_-]+)$/.exec(url.pathname)
  if (fnMatch && req.method === 'POST') return invokeFunction(cloud, fnMatch[1], req, res)
  switch (route) {
    case 'GET /api/dev/clock':
      return json(res, 200, { now: cloud.now().toISOString(), offsetMs: cloud.clockOffsetMs })
    case 'POST /api/dev/clock': {
      const { now } = (await readJson(req)) as { now?: string | null }
      if (now && Number.isNaN(Date.parse(now))) return json(res, 400, { errMsg: 'now must be an ISO date or null' })
      cloud.setNow(now ? new Date(now) : null)
      return json(res, 200, { now: cloud.now().toISOString(), offsetMs: cloud.clockOffsetMs })
    }
    case 'GET /api/dev/outbox':
      return json(res, 200, { sent: cloud.outbox.sent })
    case 'POST /api/dev/subscribe': {
      const { openid, templateIds } = (await readJson(req)) as { openid?: string; templateIds?: string[] }
      if (!openid || !Array.isArray(templateIds)) return json(res, 400, { errMsg: 'openid and templateIds required' })
      cloud.outbox.grant(openid, templateIds.slice(0, 3))
      return json(res, 200, Object.fromEntries(templateIds.slice(0, 3).map((id) => [id, 'accept'])))
    }
    default:
      if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(staticDir, url.pathname, res)
      return json(res, 404, { errMsg: `no route ${route}` })
  }
}

async function invokeFunction(cloud: LocalCloud, name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let data: unknown
  try {
    data = await readJson(req)
  } catch {
    return json(res, 400, { errCode: -1, errMsg: 'body must be JSON' })
  }
  const header = req.headers['x-wx-openid']
  const openid = (Array.isArray(header) ? header[0] : header) || null
  try {
    json(res, 200, await cloud.call(name, data, { openid }))
  } catch (error) {
    if (error instanceof InvocationError) return json(res, 502, { errCode: error.errCode, errMsg: error.errMsg })
    throw error
  }
}

function serveStatic(staticDir: string, pathname: string, res: http.ServerResponse): void {
  const relative = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html'
  let file = path.resolve(staticDir, relative)
  if (!file.startsWith(path.resolve(staticDir)) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(staticDir, 'index.html')
  if (!existsSync(file)) return json(res, 404, { errMsg: 'H5 build missing: run npm run build:h5' })
  const type = MIME[path.extname(file)] ?? 'application/octet-stream'
  const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable'
  res.writeHead(200, { 'content-type': type, 'cache-control': cache })
  createReadStream(file).pipe(res)
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'))
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve(text ? JSON.parse(text) : {})
      } catch (error) {
        reject(error)
      }
    })
    req.on('error', reject)
  })
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}
