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

/** Dev endpoints take small JSON bodies; function events are bounded by the runner's own (WeChat's) limit. */
const MAX_DEV_BODY_BYTES = 1024 * 1024
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024
/**
 * A refused body is still read to its end, so that the answer reaches the client (a socket closed
 * while the client is still sending resets the connection and loses the answer). Past this much,
 * the client is cut off after the answer.
 */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024
const DEFAULT_MAX_SEEN_MEMBER_CODES = 1_000
/** Real OPENIDs are 28 characters of this alphabet; the demo identities (demo-member-gold) are longer. */
const OPENID = /^[A-Za-z0-9_-]{1,64}$/
const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' }

/**
 * WeChat's error codes, so a refusal reads like a wx.cloud.callFunction failure: the cloud's own
 * (-50xxxx, -40xxxx) and, for what only an HTTP caller can get wrong, invokeCloudFunction's.
 */
const ERR = {
  /** 云资源通用错误：参数错误 */
  param: -501007,
  /** FunctionName parameter could not be found (the runner's) */
  noFunction: -501000,
  /** 操作的资源对象非法或不存在 */
  noResource: -501009,
  /** 云端系统错误 */
  system: -501001,
  /** HTTP METHOD 错误 (invokeCloudFunction) */
  method: 43002,
  /** POST BODY 为空 (invokeCloudFunction) */
  emptyBody: 44002,
  /** 上传的文件超出大小上限 */
  uploadTooLarge: -403001,
  /** 文件不存在 */
  noFile: -503003,
} as const

/** A request answered with `status` and `{ errCode, errMsg }`. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly errCode: number,
    readonly errMsg: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(errMsg)
  }
}

const badRequest = (errMsg: string, errCode: number = ERR.param) => new Refusal(400, errCode, errMsg)
const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`

/** The latest live code the gateway handed each member (`member.code`), for the cashier's scan stand-in. */
export interface SeenMemberCode {
  cardNo: string
  name: string
  code: string
  expiresAt: string
}
const seenMemberCodes = new WeakMap<LocalCloud, Map<string, SeenMemberCode & { seenAt: number }>>()

export interface DevServerOptions {
  port: number
  staticDir: string
  host?: string
  /** Members whose last code GET /api/dev/member-codes remembers; the least recently seen go first. */
  maxSeenMemberCodes?: number
  /** While this returns a page (npm start's H5 build is still running), it is served in place of the app; the API answers meanwhile. */
  placeholder?: () => string | null
}

interface Context {
  cloud: LocalCloud
  options: DevServerOptions
}

/** The dev endpoints and the methods each answers; any other method is a 405. */
const DEV_ROUTES: Record<string, string[]> = {
  '/api/dev/clock': ['GET', 'POST'],
  '/api/dev/outbox': ['GET'],
  '/api/dev/subscribe': ['POST'],
  '/api/dev/member-codes': ['GET'],
  '/api/dev/upload': ['POST'],
  '/api/dev/file': ['GET'],
}

/**
 * The local app server: the H5 build, the function gateway the H5 app calls instead of
 * wx.cloud.callFunction, and dev-only controls (clock, outbox, subscription consent).
 * The HTTP interface is documented in the README ("Calling functions over HTTP").
 */
export function startDevServer(cloud: LocalCloud, options: DevServerOptions): Promise<http.Server> {
  const context: Context = { cloud, options }
  const server = http.createServer((req, res) => {
    handle(context, req, res)
      .catch((error) => {
        if (error instanceof Refusal) return answer(req, res, error.status, { errCode: error.errCode, errMsg: error.errMsg }, error.headers)
        console.error('[dev-server]', error)
        return answer(req, res, 500, { errCode: ERR.system, errMsg: 'dev server error (see its log)' })
      })
      .catch((error) => {
        console.error('[dev-server]', error)
        res.destroy()
      })
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server))
  })
}

async function handle(context: Context, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const { cloud } = context
  // Routes match the path as it was sent: dot segments are never resolved, so `member/../staff`
  // can't reach another function and `functions/../dev/clock` can't reach the clock.
  const [pathname, search = ''] = (req.url ?? '/').split(/\?(.*)/s)
  const query = new URLSearchParams(search)
  const method = req.method ?? 'GET'
  if (pathname === '/api/functions' || pathname.startsWith('/api/functions/')) {
    if (method !== 'POST') throw wrongMethod(method, ['POST'])
    const name = pathname.slice('/api/functions/'.length)
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new Refusal(404, ERR.noFunction, `FunctionName parameter could not be found: ${JSON.stringify(name.slice(0, 80))}`)
    return invokeFunction(context, name, req, res)
  }
  if (pathname.startsWith('/api/dev/timers/')) {
    // Dev-only: fire a function's timer trigger now (POST /api/dev/timers/jobs/daily), as the clock would.
    const timerMatch = /^\/api\/dev\/timers\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)$/.exec(pathname)
    if (!timerMatch) throw noRoute(method, pathname)
    if (method !== 'POST') throw wrongMethod(method, ['POST'])
    await readBody(req, 0)
    let result: unknown
    try {
      result = await cloud.runTimer(timerMatch[1], timerMatch[2])
    } catch (error) {
      if (error instanceof InvocationError) throw refusalOf(error)
      throw new Refusal(404, ERR.noFunction, String((error as Error).message))
    }
    return answer(req, res, 200, result)
  }
  const methods = DEV_ROUTES[pathname]
  if (methods && !methods.includes(method)) throw wrongMethod(method, methods)
  switch (`${method} ${pathname}`) {
    case 'GET /api/dev/clock':
      return answer(req, res, 200, { now: cloud.now().toISOString(), offsetMs: cloud.clockOffsetMs })
    case 'POST /api/dev/clock': {
      const { now } = await readJson(req)
      if (now !== undefined && now !== null && (typeof now !== 'string' || Number.isNaN(Date.parse(now)))) throw badRequest('now must be an ISO date or null')
      cloud.setNow(typeof now === 'string' ? new Date(now) : null)
      return answer(req, res, 200, { now: cloud.now().toISOString(), offsetMs: cloud.clockOffsetMs })
    }
    case 'GET /api/dev/outbox':
      return answer(req, res, 200, { sent: cloud.outbox.sent })
    case 'POST /api/dev/subscribe': {
      const { openid, templateIds } = await readJson(req)
      const valid = typeof openid === 'string' && OPENID.test(openid) && Array.isArray(templateIds) && templateIds.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 128)
      if (!valid) throw badRequest('openid and templateIds are required: { "openid": "<OPENID>", "templateIds": ["<template ID>", …] }')
      const granted = (templateIds as string[]).slice(0, 3)
      cloud.outbox.grant(openid as string, granted)
      return answer(req, res, 200, Object.fromEntries(granted.map((id) => [id, 'accept'])))
    }
    case 'GET /api/dev/member-codes': {
      const seen = [...(seenMemberCodes.get(cloud)?.values() ?? [])].sort((a, b) => b.seenAt - a.seenAt)
      return answer(
        req,
        res,
        200,
        seen.map(({ cardNo, name, code, expiresAt }) => ({ cardNo, name, code, expiresAt })),
      )
    }
    case 'POST /api/dev/upload':
      return uploadFile(cloud, query, req, res)
    case 'GET /api/dev/file':
      return serveCloudFile(cloud, query.get('fileID') ?? '', req, res)
  }
  if (pathname === '/api' || pathname.startsWith('/api/')) throw noRoute(method, pathname)
  if (method !== 'GET' && method !== 'HEAD') throw wrongMethod(method, ['GET', 'HEAD'])
  const placeholder = context.options.placeholder?.()
  if (placeholder) {
    res.writeHead(503, { 'content-type': MIME['.html'], 'cache-control': 'no-store', 'retry-after': '2' })
    return void res.end(placeholder)
  }
  return serveStatic(context.options.staticDir, pathname, res)
}

async function invokeFunction(context: Context, name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const { cloud } = context
  const { maxEventBytes } = cloud.runner.limits
  const body = await readBody(req, maxEventBytes)
  const openid = callerOpenid(req)
  if (body.overLimit) throw tooLarge(body, `request body is over the ${megabytes(maxEventBytes)} limit of a function's event`)
  if (body.size === 0) throw badRequest('POST BODY 为空: send the event as a JSON object, e.g. {"action":"me"}', ERR.emptyBody)
  const event = parseObject(body.bytes, 'the event')
  let result: unknown
  try {
    result = await cloud.call(name, event, { openid })
  } catch (error) {
    if (error instanceof InvocationError) throw refusalOf(error)
    throw error
  }
  if (name === 'member' && openid) {
    try {
      rememberMemberCode(cloud, context.options.maxSeenMemberCodes ?? DEFAULT_MAX_SEEN_MEMBER_CODES, openid, event, result)
    } catch (error) {
      console.error('[dev-server] member code not remembered:', error)
    }
  }
  return answer(req, res, 200, result)
}

/**
 * The caller WeChat would attach. Absent means a server-side call (console, CLI); present, it must
 * be one valid OPENID, or an empty header would pass for a server-side call.
 */
function callerOpenid(req: http.IncomingMessage): string | null {
  const values = req.headersDistinct['x-wx-openid']
  if (!values) return null
  if (values.length > 1) throw badRequest(`X-WX-OPENID came ${values.length} times; send it once`)
  const [value] = values
  if (value === '') throw badRequest('X-WX-OPENID is empty; leave the header out for a server-side call')
  if (!OPENID.test(value)) throw badRequest('X-WX-OPENID must be 1–64 characters of A–Z, a–z, 0–9, _ and - (a WeChat OPENID has 28)')
  return value
}

/** How the gateway answers a call the runner refused or the function failed. */
function refusalOf(error: InvocationError): Refusal {
  switch (error.refusal) {
    case 'not-found':
      return new Refusal(404, error.errCode, error.errMsg)
    case 'event-too-large':
      return new Refusal(413, error.errCode, error.errMsg)
    case 'event-too-deep':
    case 'event-not-json':
      return new Refusal(400, error.errCode, error.errMsg)
    case 'closed':
      return new Refusal(503, error.errCode, error.errMsg)
    default:
      return new Refusal(502, error.errCode, error.errMsg)
  }
}

function rememberMemberCode(cloud: LocalCloud, limit: number, openid: string, request: unknown, result: unknown): void {
  const envelope = result as { ok?: boolean; data?: { code?: string; expiresAt?: string } }
  if ((request as { action?: unknown })?.action !== 'code' || !envelope?.ok || !envelope.data?.code || !envelope.data.expiresAt) return
  const [member] = cloud.db.find('members', { _id: openid }) as Array<{ cardNo: string; profile?: { name?: string } }>
  if (!member) return
  const seen = seenMemberCodes.get(cloud) ?? new Map()
  seenMemberCodes.set(cloud, seen)
  // Re-inserted, so the Map's order is least recently seen first, and the oldest is dropped first.
  seen.delete(openid)
  seen.set(openid, { cardNo: member.cardNo, name: member.profile?.name ?? '', code: envelope.data.code, expiresAt: envelope.data.expiresAt, seenAt: Date.now() })
  for (const oldest of seen.keys()) {
    if (seen.size <= limit) break
    seen.delete(oldest)
  }
}

/**
 * Stands in for `wx.cloud.uploadFile` in the H5 build: the raw image body goes into the emulated
 * cloud storage folder and the answer is its `cloud://` file ID, as WeChat would give.
 */
async function uploadFile(cloud: LocalCloud, query: URLSearchParams, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const extension = (query.get('ext') ?? 'png').toLowerCase()
  if (!Object.prototype.hasOwnProperty.call(IMAGE_TYPES, extension)) throw badRequest(`only images can be uploaded (${Object.keys(IMAGE_TYPES).join(', ')})`)
  const body = await readBody(req, MAX_UPLOAD_BYTES)
  if (body.overLimit) throw tooLarge(body, `file is over the ${megabytes(MAX_UPLOAD_BYTES)} upload limit`, ERR.uploadTooLarge)
  if (body.size === 0) throw badRequest('empty file')
  // The folder the page asked for (as `cloudPath` would in the mini-program): plain path segments only.
  const folder = query.get('folder') ?? 'avatars'
  if (!/^[A-Za-z0-9_-]{1,40}(\/[A-Za-z0-9_-]{1,40}){0,3}$/.test(folder)) throw badRequest('folder must be plain path segments')
  const cloudPath = `${folder}/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.${extension}`
  return answer(req, res, 200, { fileID: cloud.storage.put(cloudPath, body.bytes), errMsg: 'cloud.uploadFile:ok' })
}

/** What `getTempFileURL` links to in WeChat cloud: the stored file itself. */
async function serveCloudFile(cloud: LocalCloud, fileID: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let content: Buffer | null
  try {
    content = fileID.startsWith('cloud://') ? cloud.storage.get(fileID) : null
  } catch {
    content = null
  }
  if (!content) throw new Refusal(404, ERR.noFile, 'file not found')
  await readBody(req, 0)
  const extension = path.extname(fileID).slice(1).toLowerCase()
  // An export downloads under its own (Chinese) name, as WeChat's temporary link does.
  const download = extension === 'csv' ? { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(path.basename(fileID))}` } : {}
  const type = extension === 'csv' ? 'text/csv; charset=utf-8' : (IMAGE_TYPES[extension] ?? 'application/octet-stream')
  res.writeHead(200, { 'content-type': type, 'content-length': content.length, 'cache-control': 'private, max-age=3600', ...download })
  res.end(content)
}

function serveStatic(staticDir: string, pathname: string, res: http.ServerResponse): void {
  let relative: string
  try {
    relative = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html'
  } catch {
    throw badRequest(`malformed URL: ${pathname.slice(0, 80)}`)
  }
  const root = path.resolve(staticDir)
  let file = path.resolve(root, relative)
  if (!file.startsWith(root + path.sep) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(root, 'index.html')
  if (!existsSync(file)) throw new Refusal(404, ERR.noResource, 'H5 build missing: run npm run build:h5')
  const type = MIME[path.extname(file)] ?? 'application/octet-stream'
  const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable'
  res.writeHead(200, { 'content-type': type, 'cache-control': cache })
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res)
}

interface Body {
  bytes: Buffer
  size: number
  overLimit: boolean
  /** The client sent more than MAX_DRAIN_BYTES (or went away): close the connection after answering. */
  cut: boolean
}
const bodies = new WeakMap<http.IncomingMessage, Body>()

/**
 * The request body, read to its end however large it is; past `limit` it is counted, not kept.
 * Never destroys the request: the client must still get its answer.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Body> {
  const known = bodies.get(req)
  if (known) return Promise.resolve(known)
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = (cut: boolean) => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onCut)
      req.off('close', onCut)
      const body = { bytes: size <= limit ? Buffer.concat(chunks) : Buffer.alloc(0), size, overLimit: size > limit, cut }
      bodies.set(req, body)
      resolve(body)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else chunks.length = 0
      if (size > MAX_DRAIN_BYTES) {
        req.pause()
        done(true)
      }
    }
    const onEnd = () => done(false)
    const onCut = () => done(true)
    if (req.readableEnded) return done(false)
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onCut)
    req.on('close', onCut)
  })
}

/** A dev endpoint's JSON object body; an empty body is `{}`. */
async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, MAX_DEV_BODY_BYTES)
  if (body.overLimit) throw tooLarge(body, `request body is over the ${megabytes(MAX_DEV_BODY_BYTES)} limit of a dev endpoint`)
  if (body.size === 0) return {}
  return parseObject(body.bytes, 'the body')
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Strict UTF-8 (a leading byte order mark is dropped, as RFC 8259 allows), then JSON, then an object. */
function parseObject(bytes: Buffer, what: string): Record<string, unknown> {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw badRequest('request body is not valid UTF-8')
  }
  let value: unknown
  try {
    // V8 parses iteratively, so nesting depth alone can't overflow here; the runner bounds it.
    value = JSON.parse(text)
  } catch (error) {
    throw badRequest(`request body is not JSON: ${String((error as Error).message).slice(0, 160)}`)
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(`${what} must be a JSON object, e.g. {"action":"me"}; got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}`)
  }
  return value as Record<string, unknown>
}

function tooLarge(body: Body, errMsg: string, errCode: number = ERR.param): Refusal {
  return new Refusal(413, errCode, errMsg, body.cut ? { connection: 'close' } : {})
}

function wrongMethod(method: string, allowed: string[]): Refusal {
  return new Refusal(405, ERR.method, `HTTP METHOD 错误: ${method} is not allowed here; use ${allowed.join(' or ')}`, { allow: allowed.join(', ') })
}

function noRoute(method: string, pathname: string): Refusal {
  return new Refusal(404, ERR.noResource, `no route ${method} ${pathname.slice(0, 120)}`)
}

/** Sends JSON once whatever is left of the request body has been read, so the client gets it. */
async function answer(req: http.IncomingMessage, res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): Promise<void> {
  const body = await readBody(req, 0)
  if (res.headersSent || res.destroyed) return
  const text = JSON.stringify(value)
  const close = body.cut ? { connection: 'close' } : {}
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers, ...close })
  res.end(text)
  if (body.cut) res.once('finish', () => req.destroy())
}
