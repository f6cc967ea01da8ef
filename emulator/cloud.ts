import type http from 'node:http'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { EmulatedDatabase, sdkEnv, startDatabaseServer, type DatabaseServer, type IndexSpec } from './database'
import { FunctionRunner, type Identity } from './functions/runner'
import { Outbox } from './openapi/outbox'
import { getPhoneNumber } from './openapi/phonenumber'
import { getUnlimited } from './openapi/wxacode'
import { LocalStorage } from './storage'
import { readTimerTriggers, TimerClock, timerEvent, type TimerTrigger } from './timers'

export interface LocalCloudOptions {
  /** The project's declared indexes: unique ones are enforced, all of them plan queries and count examined documents. */
  indexes?: IndexSpec[]
  /** Environment variables every function instance gets, as set in the cloud console (secrets, template IDs). */
  env?: Record<string, string>
  /** Keep the database in this folder across restarts (npm start); in memory when absent (tests). */
  persistDir?: string
  /** Fold the database journal into snapshots at this segment size (bytes); see database/persist.ts. */
  compactAtBytes?: number
  /** Cloud storage folder; a fresh temp folder when absent. */
  storageDir?: string
  /** The `<env>.<bucket>` of cloud storage file IDs (`cloud://<env>.<bucket>/<path>`). */
  storageBucket?: string
  /** Built functions: <dir>/<name>/index.js and config.json, as they are uploaded to WeChat cloud. */
  functionsDir: string
  port?: number
  maxInstances?: number
  timeoutScale?: number
  /** An instance idle this long is reclaimed, as WeChat reclaims idle instances (default 60 s). */
  idleInstanceMs?: number
  strictIndexes?: boolean
  /** Fills the database before the server starts (benches build large data sets without HTTP). */
  seed?: (db: EmulatedDatabase) => void
  /** Run the invocations functions make of each other (jobs handing over); default: only record them. */
  followReinvocations?: boolean
}

/**
 * The local stand-in for one WeChat cloud environment: database (the real wx-server-sdk talks to
 * it over HTTP), function instances, the subscription-message outbox, and a clock that can be moved.
 */
export class LocalCloud {
  readonly outbox: Outbox
  readonly storage: LocalStorage
  /** Milliseconds the emulated "now" runs ahead of (or behind) the real clock. */
  clockOffsetMs = 0
  /** Built functions this cloud runs (their config.json holds the timer triggers). */
  functionsDir = ''
  /** Invocations functions asked for (a job handing over the rest of its work), in order; the newest 1,000. */
  readonly reinvocations: Array<{ fn: string; event: unknown; at: string }> = []
  followReinvocations = false
  private timerClock: TimerClock | null = null

  private constructor(
    readonly db: EmulatedDatabase,
    readonly server: DatabaseServer,
    readonly runner: FunctionRunner,
    outbox: Outbox,
    storage: LocalStorage,
  ) {
    this.outbox = outbox
    this.storage = storage
  }

  static async start(options: LocalCloudOptions): Promise<LocalCloud> {
    // Read by the closures below before it is set, so it cannot be a const.
    // eslint-disable-next-line prefer-const
    let cloud: LocalCloud | undefined
    const now = () => new Date(Date.now() + (cloud?.clockOffsetMs ?? 0))
    const db = new EmulatedDatabase({ persistDir: options.persistDir, compactAtBytes: options.compactAtBytes, now, indexes: options.indexes ?? [], strictIndexes: options.strictIndexes })
    options.seed?.(db)
    const functionsDir = options.functionsDir
    const outbox = new Outbox(now)
    const storage = new LocalStorage(options.storageDir, options.storageBucket)
    const server = await startDatabaseServer(db, {
      port: options.port,
      fallback: (req, res, body) => (req.url?.startsWith('/functions/') ? cloud?.answerReinvocation(req, res, body) : answerSideChannel(outbox, storage, functionsDir, req, res, body)),
    })
    const origin = server.url.replace(/\/admin$/, '')
    const runner = new FunctionRunner({
      functionsDir,
      env: { ...options.env, ...sdkEnv(server.url), WX_EMULATOR_OPENAPI_URL: `${origin}/openapi`, WX_EMULATOR_STORAGE_URL: `${origin}/storage`, WX_EMULATOR_FUNCTIONS_URL: `${origin}/functions` },
      maxInstances: options.maxInstances,
      timeoutScale: options.timeoutScale,
      idleInstanceMs: options.idleInstanceMs,
      clockOffsetMs: () => cloud?.clockOffsetMs ?? 0,
    })
    cloud = new LocalCloud(db, server, runner, outbox, storage)
    cloud.functionsDir = functionsDir
    cloud.followReinvocations = options.followReinvocations ?? false
    return cloud
  }

  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs)
  }

  /** Moves the emulated clock so that "now" is `at`; functions and serverDate() follow. */
  setNow(at: Date | null): void {
    this.clockOffsetMs = at ? at.getTime() - Date.now() : 0
  }

  /** `wx.cloud.callFunction({ name, data })` as the given user; resolves to the function's result. */
  call(name: string, data: unknown, identity: Identity = {}): Promise<unknown> {
    return this.runner.invoke(name, data, identity)
  }

  /** Every timer trigger in the built functions' config.json files. */
  timerTriggers(): TimerTrigger[] {
    return readTimerTriggers(this.functionsDir)
  }

  /** Fires a function's timer trigger now, as WeChat would: a server invocation (no OPENID) with the timer event. */
  runTimer(fn: string, triggerName: string): Promise<unknown> {
    if (!this.timerTriggers().some((trigger) => trigger.fn === fn && trigger.name === triggerName)) {
      return Promise.reject(new Error(`no timer trigger ${triggerName} in ${fn}/config.json`))
    }
    return this.runner.invoke(fn, timerEvent(triggerName, this.now()), {})
  }

  /** Fires timers on the emulated clock (npm start); moving the clock past a fire time fires it. */
  startTimers(intervalMs = 1_000): TimerClock {
    if (!this.timerClock) {
      this.timerClock = new TimerClock(
        this.timerTriggers(),
        () => this.now(),
        (fn, trigger) => this.runTimer(fn, trigger),
      )
      this.timerClock.start(intervalMs)
    }
    return this.timerClock
  }

  /** A function invoking another (the jobs' hand-over port): recorded, and run when followReinvocations is set. */
  answerReinvocation(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    // A server that runs for days would otherwise hold every hand-over it was ever asked for.
    const MAX_REINVOCATIONS = 1_000
    const reply = (status: number, value: unknown) => {
      const text = JSON.stringify(value)
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
      res.end(text)
    }
    const fn = (req.url ?? '').slice('/functions/'.length).split('?')[0]
    if (req.method !== 'POST') return reply(405, { errCode: 43002, errMsg: `HTTP METHOD 错误: ${req.method} is not allowed here; use POST` })
    if (!this.runner.has(fn)) return reply(404, { errCode: -501000, errMsg: `FunctionName parameter could not be found: ${JSON.stringify(fn.slice(0, 80))}` })
    let event: unknown
    try {
      event = JSON.parse(body.toString('utf8'))
    } catch {
      return reply(400, { errCode: -501007, errMsg: 'the event is not JSON' })
    }
    const refusal = this.runner.vet(event)
    if (refusal) return reply(refusal.refusal === 'event-too-large' ? 413 : 400, { errCode: refusal.errCode, errMsg: refusal.errMsg })
    this.reinvocations.push({ fn, event, at: this.now().toISOString() })
    if (this.reinvocations.length > MAX_REINVOCATIONS) this.reinvocations.splice(0, this.reinvocations.length - MAX_REINVOCATIONS)
    if (this.followReinvocations) this.runner.invoke(fn, event, {}).catch((error) => console.error(`[reinvoke] ${fn}:`, error))
    reply(200, { errMsg: 'callFunction:ok', followed: this.followReinvocations })
  }

  async close(): Promise<void> {
    this.timerClock?.stop()
    await this.runner.close()
    await this.server.close()
    await this.db.close()
  }
}

function openapiPermitted(functionsDir: string, fn: string, api: string): boolean {
  // The name comes from a request header: only a function name may become part of a path.
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(fn)) return false
  try {
    const config = JSON.parse(readFileSync(path.join(functionsDir, fn, 'config.json'), 'utf8')) as { permissions?: { openapi?: string[] } }
    return config.permissions?.openapi?.includes(api) ?? false
  } catch {
    return false
  }
}

/**
 * The openapi and storage ports' local endpoints, beside the database on the same server. Every
 * request gets an answer, errors included, in WeChat's `{ errCode, errMsg }` shape.
 */
function answerSideChannel(outbox: Outbox, storage: LocalStorage, functionsDir: string, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
  const reply = (status: number, value: unknown) => {
    if (res.headersSent || res.destroyed) return
    const text = JSON.stringify(value)
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
    res.end(text)
  }
  try {
    const url = req.url ?? ''
    const api = /^\/openapi\/([A-Za-z]+\.[A-Za-z]+)/.exec(url)?.[1]
    const caller = req.headers['x-emulator-function']
    if (api && typeof caller === 'string' && caller && !openapiPermitted(functionsDir, caller, api)) {
      // WeChat refuses an openapi call the function's config.json does not list.
      return reply(200, { errCode: -604101, errMsg: `function ${caller} has no permission to call ${api}: list it under permissions.openapi in config.json` })
    }
    const parsed = (): Record<string, unknown> | null => {
      try {
        const value = JSON.parse(body.toString('utf8')) as unknown
        return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
      } catch {
        return null
      }
    }
    if (req.method === 'POST' && url.startsWith('/openapi/subscribeMessage.send')) {
      const message = parsed()
      try {
        if (message) return reply(200, outbox.send(message as unknown as Parameters<Outbox['send']>[0]))
      } catch {
        // falls through to the same answer as an unreadable body
      }
      return reply(200, { errCode: 40003, errMsg: 'invalid request body' })
    }
    if (req.method === 'POST' && url.startsWith('/openapi/wxacode.getUnlimited')) {
      const request = parsed()
      if (!request) return reply(200, { errCode: 40097, errMsg: 'invalid args' })
      // JSON carries the PNG as base64; the port turns it back into the Buffer the SDK would give.
      Promise.resolve()
        .then(() => getUnlimited(request))
        .then(
          (answer) => reply(200, 'buffer' in answer ? { errCode: 0, errMsg: answer.errMsg, contentType: answer.contentType, base64: answer.buffer.toString('base64') } : answer),
          (error: unknown) => reply(200, { errCode: -1, errMsg: String(error) }),
        )
        .catch((error: unknown) => {
          console.error('[side-channel]', error)
          reply(500, { errCode: -501001, errMsg: 'side channel error' })
        })
      return
    }
    if (req.method === 'POST' && url.startsWith('/openapi/phonenumber.getPhoneNumber')) {
      return reply(200, getPhoneNumber(parsed() ?? {}))
    }
    const query = new URL(url, 'http://local').searchParams
    if (req.method === 'POST' && url.startsWith('/storage/upload')) {
      try {
        return reply(200, { fileID: storage.put(query.get('path') ?? '', body) })
      } catch (error) {
        return reply(400, { errCode: -501007, errMsg: String((error as Error).message ?? error) })
      }
    }
    if (req.method === 'POST' && url.startsWith('/storage/delete')) {
      try {
        const fileID = query.get('fileID') ?? ''
        return reply(200, { fileID, status: storage.remove(fileID) ? 0 : -503003 })
      } catch (error) {
        return reply(400, { errCode: -501007, errMsg: String((error as Error).message ?? error) })
      }
    }
    if (req.method === 'GET' && url.startsWith('/storage/download')) {
      let content: Buffer | null
      try {
        content = storage.get(query.get('fileID') ?? '')
      } catch (error) {
        return reply(400, { errCode: -501007, errMsg: String((error as Error).message ?? error) })
      }
      if (!content) return reply(404, { errCode: -503003, errMsg: 'file not found' })
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': content.length })
      return void res.end(content)
    }
    reply(404, { errCode: -501009, errMsg: `no emulated endpoint at ${req.method} ${url.slice(0, 120)}` })
  } catch (error) {
    console.error('[side-channel]', error)
    reply(500, { errCode: -501001, errMsg: 'side channel error' })
  }
}
