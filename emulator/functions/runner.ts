import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'

/** Who is calling, as WeChat would tell the function. No openid means a server-side invocation. */
export interface Identity {
  openid?: string | null
  appid?: string | null
  unionid?: string | null
}

/** Why an invocation was refused before any instance ran it: lets an HTTP front answer 404/413/400 rather than 502. */
export type InvocationRefusal = 'not-found' | 'event-too-large' | 'event-too-deep' | 'event-not-json' | 'closed'

/** How `wx.cloud.callFunction` fails when the function itself fails (not an envelope error). */
export class InvocationError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
    readonly refusal?: InvocationRefusal,
  ) {
    super(errMsg)
    this.name = 'InvocationError'
  }
}

/**
 * WeChat cloud functions run on Tencent SCF, which caps a synchronous invocation's event and its
 * response at 6 MB each (SCF 配额限制: 同步请求事件大小 / 同步请求响应大小), measured as JSON.
 */
export const MAX_EVENT_BYTES = 6 * 1024 * 1024
export const MAX_RESULT_BYTES = 6 * 1024 * 1024
/**
 * Real events nest a handful of levels. Structured clone and JSON.stringify recurse, and overflow the
 * main thread's stack from about 3,100 levels, so anything this deep is refused before either runs.
 */
export const MAX_EVENT_DEPTH = 512
/**
 * SCF hands every function its own temporary credentials (TENCENTCLOUD_SECRETID/SECRETKEY/
 * SESSIONTOKEN), which the SDK sends with each call, and WeChat knows from them which function calls
 * an openapi. Locally the session token names the function.
 */
const FUNCTION_TOKEN_PREFIX = 'emu-function:'

/** The credentials a process must carry to call the emulator as function `name` (the runner sets them in each instance). */
export function functionCredentials(name: string): Record<string, string> {
  return { TENCENTCLOUD_SESSIONTOKEN: `${FUNCTION_TOKEN_PREFIX}${name}` }
}

/** The function a request's `sessionToken` names; null for a caller outside any function. */
export function callingFunction(sessionToken: string | undefined): string | null {
  return sessionToken?.startsWith(FUNCTION_TOKEN_PREFIX) ? sessionToken.slice(FUNCTION_TOKEN_PREFIX.length) : null
}

/** Locally a minute; WeChat also reclaims instances that sit idle (after a longer, unpublished while). */
export const DEFAULT_IDLE_INSTANCE_MS = 60_000

export interface RunnerOptions {
  /** Folder of built functions: <dir>/<name>/index.js + config.json (npm run build:functions). */
  functionsDir: string
  /** Environment every instance starts with (the database endpoint and SDK credentials). */
  env: Record<string, string>
  /** Instances per function; further invocations queue, as a concurrency-limited function would. */
  maxInstances?: number
  /** Multiplies config.json timeouts (a slow CI machine); 1 keeps WeChat's. */
  timeoutScale?: number
  /** Milliseconds added to the real clock inside functions (the emulator's clock control). */
  clockOffsetMs?: () => number
  appid?: string
  /** An instance idle this long is terminated; the next call starts a cold one. */
  idleInstanceMs?: number
  maxEventBytes?: number
  maxEventDepth?: number
  maxResultBytes?: number
}

export interface RunnerLimits {
  maxEventBytes: number
  maxEventDepth: number
  maxResultBytes: number
}

interface Pending {
  /** The event as the JSON text WeChat would deliver; undefined when the caller passed none. */
  eventText: string | undefined
  identity: Identity
  resolve(value: unknown): void
  reject(error: unknown): void
}

interface Running {
  id: string
  job: Pending
  timer: NodeJS.Timeout
}

interface Instance {
  name: string
  worker: Worker
  /** The bundle has loaded (the cold start is not part of an invocation's timeout). */
  ready: boolean
  /** Retired or exited: never handed another job, whatever events the worker still emits. */
  gone: boolean
  /** Assigned before the bundle is ready; started when it is. */
  waiting: Pending | null
  running: Running | null
  idleTimer: NodeJS.Timeout | null
}

interface WorkerReply {
  ready?: boolean
  id?: string
  ok?: boolean
  resultText?: string
  error?: { message?: string }
}

const DEFAULT_TIMEOUT_SECONDS = 3
/** SCF: a letter first, then letters, digits, - and _, at most 60 characters. */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/
const INSTANCE_EVENTS = ['message', 'messageerror', 'error', 'exit', 'online'] as const
const OMITTED = new Set(['undefined', 'function', 'symbol'])

export interface JsonShape {
  depth: number
  /** A lower bound of the JSON text's UTF-8 size, exact enough to stop early. */
  bytes: number
  tooDeep: boolean
  tooLarge: boolean
}

/**
 * The depth and approximate JSON size of a value, walked with an explicit stack of at most
 * `maxDepth` frames: the recursive walks in JSON.stringify and structured clone are what a hostile
 * value overflows. Stops as soon as a limit is crossed, so cycles and huge values cost little.
 */
export function measureJson(value: unknown, maxDepth: number, maxBytes: number): JsonShape {
  const stack: Array<{ items: unknown[]; index: number }> = [{ items: [value], index: 0 }]
  let depth = 0
  let bytes = 0
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]
    if (frame.index >= frame.items.length) {
      stack.pop()
      continue
    }
    let item = frame.items[frame.index++]
    if (item !== null && typeof item === 'object' && typeof (item as { toJSON?: unknown }).toJSON === 'function') {
      try {
        item = (item as { toJSON(): unknown }).toJSON()
      } catch {
        item = null
      }
    }
    if (item === null || typeof item !== 'object') {
      bytes += scalarBytes(item)
    } else {
      const level = stack.length
      if (level > maxDepth) return { depth: level, bytes, tooDeep: true, tooLarge: false }
      depth = Math.max(depth, level)
      if (Array.isArray(item)) {
        bytes += 1 + item.length
        stack.push({ items: item, index: 0 })
      } else {
        const record = item as Record<string, unknown>
        // JSON leaves these keys out, so counting them would no longer be a lower bound.
        const keys = Object.keys(record).filter((key) => !OMITTED.has(typeof record[key]))
        bytes += 1 + keys.length
        for (const key of keys) bytes += Buffer.byteLength(key) + 3
        stack.push({ items: keys.map((key) => record[key]), index: 0 })
      }
    }
    if (bytes > maxBytes) return { depth, bytes, tooDeep: false, tooLarge: true }
  }
  return { depth, bytes, tooDeep: false, tooLarge: false }
}

function scalarBytes(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return Buffer.byteLength(value) + 2
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4
    case 'boolean':
      return value ? 4 : 5
    case 'bigint':
      return String(value).length
    default:
      return value === null ? 4 : 0
  }
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`

/**
 * Runs built cloud functions in worker threads. Each worker is one instance serving one invocation
 * at a time, with its own process.env, so concurrent callers never see each other's OPENID.
 * Whatever a function, an event or a worker does, only that invocation fails; the process and the
 * rest of the pool carry on.
 */
export class FunctionRunner {
  private readonly pools = new Map<string, Instance[]>()
  private readonly queues = new Map<string, Pending[]>()
  private sequence = 0
  private closed = false
  readonly invocations: Record<string, number> = {}
  readonly limits: RunnerLimits

  constructor(private readonly options: RunnerOptions) {
    this.limits = {
      maxEventBytes: options.maxEventBytes ?? MAX_EVENT_BYTES,
      maxEventDepth: options.maxEventDepth ?? MAX_EVENT_DEPTH,
      maxResultBytes: options.maxResultBytes ?? MAX_RESULT_BYTES,
    }
  }

  /** Whether a built function of this name exists. */
  has(name: string): boolean {
    return FUNCTION_NAME.test(name) && existsSync(this.entry(name))
  }

  invoke(name: string, event: unknown, identity: Identity = {}): Promise<unknown> {
    if (this.closed) return Promise.reject(new InvocationError(-1, 'runner closed', 'closed'))
    if (!this.has(name)) {
      return Promise.reject(new InvocationError(-501000, `FunctionName parameter could not be found: ${name}`, 'not-found'))
    }
    let eventText: string | undefined
    try {
      eventText = this.serialiseEvent(event)
    } catch (error) {
      return Promise.reject(error)
    }
    this.invocations[name] = (this.invocations[name] ?? 0) + 1
    return new Promise((resolve, reject) => {
      this.queue(name).push({ eventText, identity, resolve, reject })
      this.dispatch(name)
    })
  }

  /** Terminates every instance; calls in flight and queued fail with -1. */
  async close(): Promise<void> {
    this.closed = true
    for (const queue of this.queues.values()) {
      for (const job of queue.splice(0)) settle(() => job.reject(new InvocationError(-1, 'runner closed', 'closed')))
    }
    const instances = [...this.pools.values()].flat()
    for (const instance of instances) this.fail(instance, new InvocationError(-1, 'runner closed', 'closed'))
    await Promise.all(instances.map((instance) => this.retire(instance)))
    this.pools.clear()
  }

  /**
   * Kills every instance of a function mid-invocation, as a timeout does: calls in flight fail with
   * -504002 and whatever they had not committed never lands. For tests of cut-off jobs.
   */
  kill(name: string): void {
    for (const instance of [...(this.pools.get(name) ?? [])]) instance.worker.emit('error', new Error('instance killed (a timeout stand-in)'))
  }

  /** The live instances of a function, for tests and diagnostics. */
  instances(name: string): Array<{ threadId: number; busy: boolean; listeners: number }> {
    return (this.pools.get(name) ?? []).map((instance) => ({
      threadId: instance.worker.threadId,
      busy: this.busy(instance),
      listeners: INSTANCE_EVENTS.reduce((sum, event) => sum + instance.worker.listenerCount(event), 0),
    }))
  }

  /** The refusal `invoke` would give this event, if any (for endpoints that take events to run later). */
  vet(event: unknown): InvocationError | undefined {
    try {
      this.serialiseEvent(event)
      return undefined
    } catch (error) {
      return error as InvocationError
    }
  }

  /** The event as JSON text, as WeChat passes it on; refused when it is too deep, too large or not JSON. */
  private serialiseEvent(event: unknown): string | undefined {
    const { maxEventDepth, maxEventBytes } = this.limits
    const shape = measureJson(event, maxEventDepth, maxEventBytes)
    if (shape.tooDeep) throw new InvocationError(-501007, `event is nested deeper than ${maxEventDepth} levels`, 'event-too-deep')
    if (shape.tooLarge) throw tooLarge(maxEventBytes)
    let text: string | undefined
    try {
      text = JSON.stringify(event)
    } catch (error) {
      throw new InvocationError(-501007, `event is not JSON: ${(error as Error).message}`, 'event-not-json')
    }
    if (text !== undefined && Buffer.byteLength(text) > maxEventBytes) throw tooLarge(maxEventBytes)
    return text
  }

  private dispatch(name: string): void {
    const queue = this.queue(name)
    while (queue.length > 0 && !this.closed) {
      const instance = this.idleInstance(name)
      if (!instance) return
      const job = queue.shift()!
      if (instance.idleTimer) clearTimeout(instance.idleTimer)
      instance.idleTimer = null
      if (instance.ready) this.start(instance, job)
      else instance.waiting = job
    }
  }

  private busy(instance: Instance): boolean {
    return instance.running !== null || instance.waiting !== null
  }

  private idleInstance(name: string): Instance | undefined {
    const pool = this.pools.get(name) ?? []
    this.pools.set(name, pool)
    const idle = pool.find((instance) => !instance.gone && !this.busy(instance))
    if (idle) return idle
    if (pool.length >= (this.options.maxInstances ?? 8)) return undefined
    return this.spawn(name, pool)
  }

  private spawn(name: string, pool: Instance[]): Instance | undefined {
    let worker: Worker
    try {
      worker = new Worker(path.join(__dirname, 'worker.cjs'), {
        workerData: { entry: this.entry(name), name, limits: { maxDepth: this.limits.maxEventDepth, maxResultBytes: this.limits.maxResultBytes } },
        env: { ...process.env, ...this.options.env, ...functionCredentials(name) },
        // A function is a built CommonJS bundle: the parent's loader flags (`--import tsx` under npm
        // start and the tests) would put every one of its requires through TypeScript hooks.
        execArgv: [],
      })
    } catch (error) {
      const job = this.queue(name).shift()
      if (job) settle(() => job.reject(executeFail(error)))
      return undefined
    }
    worker.unref()
    const instance: Instance = { name, worker, ready: false, gone: false, waiting: null, running: null, idleTimer: null }
    // One set of listeners for the instance's whole life, never one per invocation; each is guarded
    // so that nothing a worker does can throw out of an EventEmitter and take the process down.
    worker.on(
      'message',
      guarded((message: WorkerReply) => this.onMessage(instance, message)),
    )
    worker.on(
      'messageerror',
      guarded((error: Error) => {
        this.fail(instance, executeFail(`the instance's answer could not be received: ${error.message}`))
        void this.retire(instance)
      }),
    )
    worker.on(
      'error',
      guarded((error: Error) => {
        this.fail(instance, executeFail(error))
        void this.retire(instance)
      }),
    )
    worker.on(
      'exit',
      guarded((code: number) => {
        this.fail(instance, executeFail(`the instance exited with code ${code}`))
        this.forget(instance)
        worker.removeAllListeners()
        this.dispatch(name)
      }),
    )
    pool.push(instance)
    return instance
  }

  private onMessage(instance: Instance, message: WorkerReply): void {
    if (message?.ready) {
      instance.ready = true
      const job = instance.waiting
      instance.waiting = null
      if (job && !instance.gone) this.start(instance, job)
      return
    }
    const running = instance.running
    if (!running || message?.id !== running.id) return
    if (!message.ok) return this.finish(instance, () => running.job.reject(executeFail(message.error?.message ?? 'unknown error')))
    let result: unknown
    try {
      result = message.resultText === undefined ? null : JSON.parse(message.resultText)
    } catch (error) {
      return this.finish(instance, () => running.job.reject(executeFail(error)))
    }
    this.finish(instance, () => running.job.resolve(result))
  }

  private start(instance: Instance, job: Pending): void {
    const { name } = instance
    const id = `${name}-${++this.sequence}`
    let message: unknown
    try {
      message = {
        id,
        eventText: job.eventText,
        identity: {
          WX_OPENID: job.identity.openid ?? '',
          WX_APPID: job.identity.appid ?? this.options.appid ?? 'wx0000000000000000',
          WX_UNIONID: job.identity.unionid ?? '',
          WX_SOURCE: job.identity.openid ? 'wx_client' : 'wx_devtools',
          // WeChat hands each invocation an API token the database trusts; locally it names the caller
          // so inserts get their `_openid` as they would in the cloud. The SDK reads it only when it is
          // listed in WX_CONTEXT_KEYS.
          WX_API_TOKEN: job.identity.openid ? `emu-openid:${job.identity.openid}` : '',
        },
        env: { WX_EMULATOR_CLOCK_OFFSET_MS: String(this.options.clockOffsetMs?.() ?? 0) },
      }
    } catch (error) {
      settle(() => job.reject(executeFail(error)))
      return this.idleLater(instance)
    }
    const timeoutSeconds = this.timeoutSeconds(name)
    // Like WeChat cloud: a timed-out instance is killed and the caller is told so.
    const timer = setTimeout(
      guarded(() => {
        if (instance.running?.id !== id) return
        this.fail(instance, new InvocationError(-504003, `Invoking task timed out after ${timeoutSeconds} seconds`))
        void this.retire(instance)
      }),
      timeoutSeconds * 1000 * (this.options.timeoutScale ?? 1),
    )
    instance.running = { id, job, timer }
    try {
      instance.worker.postMessage(message)
    } catch (error) {
      // Nothing reached the worker, so it is as good as before; only this call fails.
      clearTimeout(timer)
      instance.running = null
      settle(() => job.reject(executeFail(`the event could not be handed to the instance: ${(error as Error).message}`)))
      this.idleLater(instance)
    }
  }

  /**
   * After a failure inside start(), which dispatch() itself may be running: going on from a fresh
   * stack keeps a failure that repeats for every queued call from recursing through the queue.
   */
  private idleLater(instance: Instance): void {
    setImmediate(guarded(() => this.idle(instance)))
  }

  /** The running invocation is over: settle it and give the instance the next job, or let it idle. */
  private finish(instance: Instance, outcome: () => void): void {
    if (instance.running) clearTimeout(instance.running.timer)
    instance.running = null
    settle(outcome)
    this.idle(instance)
  }

  private idle(instance: Instance): void {
    if (instance.gone) return
    this.dispatch(instance.name)
    if (this.busy(instance) || instance.gone) return
    const idleMs = this.options.idleInstanceMs ?? DEFAULT_IDLE_INSTANCE_MS
    instance.idleTimer = setTimeout(
      guarded(() => {
        instance.idleTimer = null
        if (!this.busy(instance)) void this.retire(instance)
      }),
      idleMs,
    )
    instance.idleTimer.unref()
  }

  /** Fails whatever the instance was doing or about to do. */
  private fail(instance: Instance, error: InvocationError): void {
    const running = instance.running
    const waiting = instance.waiting
    instance.running = null
    instance.waiting = null
    if (running) {
      clearTimeout(running.timer)
      settle(() => running.job.reject(error))
    }
    if (waiting) settle(() => waiting.reject(error))
  }

  /** Out of the pool at once; the worker's listeners go when it has exited. */
  private retire(instance: Instance): Promise<void> {
    const wasGone = instance.gone
    this.forget(instance)
    if (wasGone) return Promise.resolve()
    return instance.worker.terminate().then(
      () => undefined,
      () => undefined,
    )
  }

  private forget(instance: Instance): void {
    instance.gone = true
    if (instance.idleTimer) clearTimeout(instance.idleTimer)
    instance.idleTimer = null
    const pool = this.pools.get(instance.name)
    if (pool)
      this.pools.set(
        instance.name,
        pool.filter((candidate) => candidate !== instance),
      )
  }

  private timeoutSeconds(name: string): number {
    try {
      const config = JSON.parse(readFileSync(path.join(this.options.functionsDir, name, 'config.json'), 'utf8')) as { timeout?: number }
      return config.timeout ?? DEFAULT_TIMEOUT_SECONDS
    } catch {
      return DEFAULT_TIMEOUT_SECONDS
    }
  }

  private entry(name: string): string {
    return path.join(this.options.functionsDir, name, 'index.js')
  }

  private queue(name: string): Pending[] {
    const queue = this.queues.get(name) ?? []
    this.queues.set(name, queue)
    return queue
  }
}

function tooLarge(maxBytes: number): InvocationError {
  return new InvocationError(-501007, `event is over the ${megabytes(maxBytes)} limit of a synchronous invocation (as JSON)`, 'event-too-large')
}

function executeFail(cause: unknown): InvocationError {
  const text = typeof cause === 'string' ? cause : cause instanceof Error ? cause.message : String(cause)
  return new InvocationError(-504002, `functions execute fail: ${text}`)
}

/** Runs a caller's resolve/reject; whatever it throws stays here. */
function settle(outcome: () => void): void {
  try {
    outcome()
  } catch (error) {
    console.error('[runner]', error)
  }
}

function guarded<A extends unknown[]>(listener: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      listener(...args)
    } catch (error) {
      console.error('[runner]', error)
    }
  }
}
