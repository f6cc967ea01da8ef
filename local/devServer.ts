import { createReadStream, existsSync, statSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { InvocationError } from '../emulator/functions/runner'
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
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024
const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' }

/** The latest live code the gateway handed each member (`member.code`), for the cashier's scan stand-in. */
export interface SeenMemberCode {
  cardNo: string
  name: string
  code: string
  expiresAt: string
}
const seenMemberCodes = new WeakMap<LocalCloud, Map<string, SeenMemberCode & { seenAt: number }>>()

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
  // Dev-only: fire a function's timer trigger now (POST /api/dev/timers/jobs/daily), as the clock would.
  const timerMatch = /^\/api\/dev\/timers\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)$/.exec(url.pathname)
  if (timerMatch && req.method === 'POST') {
    try {
      return json(res, 200, await cloud.runTimer(timerMatch[1], timerMatch[2]))
    } catch (error) {
      if (error instanceof InvocationError) return json(res, 502, { errCode: error.errCode, errMsg: error.errMsg })
      return json(res, 404, { errMsg: String((error as Error).message) })
    }
  }
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
    case 'GET /api/dev/member-codes': {
      const seen = [...(seenMemberCodes.get(cloud)?.values() ?? [])].sort((a, b) => b.seenAt - a.seenAt)
      return json(res, 200, seen.map(({ cardNo, name, code, expiresAt }) => ({ cardNo, name, code, expiresAt })))
    }
    case 'POST /api/dev/upload':
      return uploadFile(cloud, url, req, res)
    case 'GET /api/dev/file':
      return serveCloudFile(cloud, url.searchParams.get('fileID') ?? '', res)
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
    const result = await cloud.call(name, data, { openid })
    if (name === 'member' && openid) rememberMemberCode(cloud, openid, data, result)
    json(res, 200, result)
  } catch (error) {
    if (error instanceof InvocationError) return json(res, 502, { errCode: error.errCode, errMsg: error.errMsg })
    throw error
  }
}

function rememberMemberCode(cloud: LocalCloud, openid: string, request: unknown, result: unknown): void {
  const envelope = result as { ok?: boolean; data?: { code?: string; expiresAt?: string } }
  if ((request as { action?: unknown })?.action !== 'code' || !envelope?.ok || !envelope.data?.code || !envelope.data.expiresAt) return
  const [member] = cloud.db.find('members', { _id: openid }) as Array<{ cardNo: string; profile?: { name?: string } }>
  if (!member) return
  const seen = seenMemberCodes.get(cloud) ?? new Map()
  seenMemberCodes.set(cloud, seen)
  seen.set(openid, { cardNo: member.cardNo, name: member.profile?.name ?? '', code: envelope.data.code, expiresAt: envelope.data.expiresAt, seenAt: Date.now() })
}

/**
 * Stands in for `wx.cloud.uploadFile` in the H5 build: the raw image body goes into the emulated
 * cloud storage folder and the answer is its `cloud://` file ID, as WeChat would give.
 */
async function uploadFile(cloud: LocalCloud, url: URL, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const extension = (url.searchParams.get('ext') ?? 'png').toLowerCase()
  if (!IMAGE_TYPES[extension]) return json(res, 400, { errCode: -1, errMsg: 'only images can be uploaded' })
  let body: Buffer
  try {
    body = await readBody(req, MAX_UPLOAD_BYTES)
  } catch {
    return json(res, 413, { errCode: -1, errMsg: 'file too large' })
  }
  if (body.length === 0) return json(res, 400, { errCode: -1, errMsg: 'empty file' })
  const cloudPath = `avatars/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.${extension}`
  json(res, 200, { fileID: cloud.storage.put(cloudPath, body), errMsg: 'cloud.uploadFile:ok' })
}

/** What `getTempFileURL` links to in WeChat cloud: the stored file itself. */
function serveCloudFile(cloud: LocalCloud, fileID: string, res: http.ServerResponse): void {
  let content: Buffer | null = null
  try {
    content = fileID.startsWith('cloud://') ? cloud.storage.get(fileID) : null
  } catch {
    content = null
  }
  if (!content) return json(res, 404, { errCode: -1, errMsg: 'file not found' })
  const type = IMAGE_TYPES[path.extname(fileID).slice(1).toLowerCase()] ?? 'application/octet-stream'
  res.writeHead(200, { 'content-type': type, 'content-length': content.length, 'cache-control': 'private, max-age=3600' })
  res.end(content)
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new Error('body too large'))
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
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
