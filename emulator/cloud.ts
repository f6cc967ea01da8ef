import type http from 'node:http'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { EmulatedDatabase, sdkEnv, startDatabaseServer, type DatabaseServer, type IndexSpec } from './database'
import { callingFunction, FunctionRunner, type Identity } from './functions/runner'
import { Outbox } from './openapi/outbox'
import { getPhoneNumber } from './openapi/phonenumber'
import { getUnlimited } from './openapi/wxacode'
import { requestId } from './database/tcb-handler'
import { bufferAnswer, decodeOpenApiCall, jsonAnswer, parseMultipart, systemError } from './openapi/wire'
import { LocalStorage, StorageEndpoint } from './storage'
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
    let origin = ''
    const services: TcbServices = {
      outbox,
      storage: new StorageEndpoint(storage, () => origin, now),
      functionsDir,
      invokeFunction: (body) => cloud?.handOver(body) ?? { code: 'SYS_ERR', message: 'starting' },
    }
    const server = await startDatabaseServer(db, {
      port: options.port,
      fallback: (req, res, body) => answerTcb(services, req, res, body),
    })
    origin = server.url.replace(/\/admin$/, '')
    const runner = new FunctionRunner({
      functionsDir,
      env: { ...options.env, ...sdkEnv(server.url) },
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

  /**
   * `callFunction` from inside a function (the jobs' hand-over port), as the SDK sends it
   * (`functions.invokeFunction`): recorded, and run when followReinvocations is set. Answered at
   * once with a null result, where WeChat answers when the callee finishes (the port does not wait
   * for that anyway).
   */
  handOver(body: Record<string, unknown>): Record<string, unknown> {
    // A server that runs for days would otherwise hold every hand-over it was ever asked for.
    const MAX_REINVOCATIONS = 1_000
    const fn = typeof body.function_name === 'string' ? body.function_name : ''
    if (!this.runner.has(fn)) return { code: 'INVALID_PARAM', message: `FunctionName parameter could not be found: ${JSON.stringify(fn.slice(0, 80))}` }
    let event: unknown
    try {
      event = typeof body.request_data === 'string' && body.request_data !== '' ? JSON.parse(body.request_data) : {}
    } catch {
      return { code: 'INVALID_PARAM', message: 'request_data is not JSON' }
    }
    const refusal = this.runner.vet(event)
    if (refusal) return { code: 'INVALID_PARAM', message: refusal.errMsg }
    this.reinvocations.push({ fn, event, at: this.now().toISOString() })
    if (this.reinvocations.length > MAX_REINVOCATIONS) this.reinvocations.splice(0, this.reinvocations.length - MAX_REINVOCATIONS)
    if (this.followReinvocations) this.runner.invoke(fn, event, {}).catch((error) => console.error(`[reinvoke] ${fn}:`, error))
    return { data: { response_data: 'null' } }
  }

  async close(): Promise<void> {
    this.timerClock?.stop()
    await this.runner.close()
    await this.server.close()
    await this.db.close()
  }
}

function openapiPermitted(functionsDir: string, fn: string, api: string): boolean {
  // The name comes from a request field: only a function name may become part of a path.
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(fn)) return false
  try {
    const config = JSON.parse(readFileSync(path.join(functionsDir, fn, 'config.json'), 'utf8')) as { permissions?: { openapi?: string[] } }
    return config.permissions?.openapi?.includes(api) ?? false
  } catch {
    return false
  }
}

/** What the TCB endpoint answers beside the database with: the outbox, storage, and the functions' config.json (openapi permissions). */
export interface TcbServices {
  outbox: Outbox
  storage: StorageEndpoint
  functionsDir: string
  /** `functions.invokeFunction` (a function calling another); refused when absent. */
  invokeFunction?: (body: Record<string, unknown>) => Record<string, unknown>
}

/**
 * What the TCB endpoint answers besides the database, as the unmodified SDK calls it: `wx.openApi`
 * (a multipart form carrying a protobuf, answered with one), the `storage.*` actions and the
 * storage object URLs they hand out, and `functions.invokeFunction`.
 */
export async function answerTcb(services: TcbServices, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
  const send = (status: number, headers: Record<string, string>, content: Buffer) => {
    if (res.headersSent || res.destroyed) return
    res.writeHead(status, { ...headers, 'content-length': String(content.length) })
    res.end(content)
  }
  const json = (value: Record<string, unknown>, status = 200) => send(status, { 'content-type': 'application/json; charset=utf-8' }, Buffer.from(JSON.stringify({ requestId: requestId(), ...value })))
  const url = req.url ?? ''
  // The TCB endpoint answers every action with 200 and a code; any other path is not there.
  const isAdmin = url === '/admin' || url.startsWith('/admin?')
  if (url.startsWith('/storage/object/')) {
    const answer = services.storage.object(req.method ?? 'GET', url, req.headers, body)
    return send(answer.status, answer.headers, answer.body)
  }
  const form = req.method === 'POST' && isAdmin ? parseMultipart(req.headers['content-type'], body) : null
  if (form) {
    const action = form.get('action')?.toString('utf8') ?? ''
    if (action !== 'wx.openApi') return json({ code: 'INVALID_PARAM', message: `[emulator] action ${action.slice(0, 80) || '(none)'} is not emulated` })
    const answer = await answerOpenApi(services, form)
    return send(200, { 'content-type': 'application/octet-stream' }, answer)
  }
  let request: Record<string, unknown> | null = null
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown
    if (value && typeof value === 'object' && !Array.isArray(value)) request = value as Record<string, unknown>
  } catch {
    // answered below
  }
  const action = typeof request?.action === 'string' ? request.action : ''
  if (req.method === 'POST' && request && action === 'functions.invokeFunction' && services.invokeFunction) return json(services.invokeFunction(request))
  if (req.method !== 'POST' || !request || !action.startsWith('storage.')) {
    return json({ code: 'INVALID_PARAM', message: `[emulator] no emulated endpoint at ${req.method} ${url.slice(0, 120)}${action ? ` for action ${action.slice(0, 80)}` : ''}` }, isAdmin ? 200 : 404)
  }
  try {
    return json({ data: services.storage.action(action, request) })
  } catch (error) {
    return json({ code: 'INVALID_PARAM', message: String((error as Error)?.message ?? error) })
  }
}

/**
 * One `cloud.openapi.*` call: the function's permission first (-604101 when its config.json does not
 * list the API, as WeChat refuses it), then the stand-in, answered as WeChat's HTTP API answers.
 */
async function answerOpenApi(services: TcbServices, form: Map<string, Buffer>): Promise<Buffer> {
  const api = form.get('apiName')?.toString('utf8') ?? ''
  const call = decodeOpenApiCall(api, form.get('requestData') ?? Buffer.alloc(0))
  if (!call) return systemError(-601002) // system args error
  const caller = callingFunction(form.get('sessionToken')?.toString('utf8'))
  if (!caller) return systemError(-604104) // an openapi call from outside a cloud function
  if (!Object.hasOwn(STAND_INS, api)) return systemError(-604100) // API not found
  if (!openapiPermitted(services.functionsDir, caller, api)) return systemError(-604101)
  try {
    return await STAND_INS[api](services, call.params)
  } catch (error) {
    console.error(`[openapi] ${api}:`, error)
    return jsonAnswer({ errcode: -1, errmsg: 'system error' })
  }
}

type StandIn = (services: TcbServices, params: Record<string, unknown>) => Buffer | Promise<Buffer>

const STAND_INS: Record<string, StandIn> = {
  'subscribeMessage.send': ({ outbox }, params) => {
    let result: { errCode: number; errMsg: string }
    try {
      const { touser, template_id, page, data } = params as { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }
      result = outbox.send({ touser, templateId: template_id, ...(page === undefined ? {} : { page }), data })
    } catch {
      result = { errCode: 40003, errMsg: 'invalid request body' }
    }
    return jsonAnswer({ errcode: result.errCode, errmsg: result.errMsg })
  },
  'wxacode.getUnlimited': async (_services, params) => {
    const answer = await getUnlimited({ scene: params.scene, page: params.page, checkPath: params.check_path, width: params.width })
    return 'buffer' in answer ? bufferAnswer(answer.contentType, answer.buffer) : jsonAnswer({ errcode: answer.errCode, errmsg: answer.errMsg })
  },
  'phonenumber.getPhoneNumber': (_services, params) => {
    const answer = getPhoneNumber({ code: params.code })
    if (answer.errCode !== 0 || !answer.phoneNumber) return jsonAnswer({ errcode: answer.errCode, errmsg: answer.errMsg })
    const pure = answer.phoneNumber.replace(/^\+86/, '')
    return jsonAnswer({ errcode: 0, errmsg: 'ok', phone_info: { phoneNumber: answer.phoneNumber, purePhoneNumber: pure, countryCode: '86' } })
  },
}
