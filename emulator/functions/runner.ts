import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'

/** Who is calling, as WeChat would tell the function. No openid means a server-side invocation. */
export interface Identity {
  openid?: string | null
  appid?: string | null
  unionid?: string | null
}

/** How `wx.cloud.callFunction` fails when the function itself fails (not an envelope error). */
export class InvocationError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(errMsg)
    this.name = 'InvocationError'
  }
}

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
}

interface Instance {
  worker: Worker
  busy: boolean
  /** Resolves once the bundle is loaded (the cold start is not part of an invocation's timeout). */
  ready: Promise<void>
}

interface Pending {
  event: unknown
  identity: Identity
  resolve(value: unknown): void
  reject(error: unknown): void
}

const DEFAULT_TIMEOUT_SECONDS = 3

/**
 * Runs built cloud functions in worker threads. Each worker is one instance serving one invocation
 * at a time, with its own process.env, so concurrent callers never see each other's OPENID.
 */
export class FunctionRunner {
  private readonly pools = new Map<string, Instance[]>()
  private readonly queues = new Map<string, Pending[]>()
  private sequence = 0
  private closed = false
  readonly invocations: Record<string, number> = {}

  constructor(private readonly options: RunnerOptions) {}

  invoke(name: string, event: unknown, identity: Identity = {}): Promise<unknown> {
    if (this.closed) return Promise.reject(new InvocationError(-1, 'runner closed'))
    if (!/^[a-z][a-z0-9_-]*$/i.test(name) || !existsSync(this.entry(name))) {
      return Promise.reject(new InvocationError(-501000, `FunctionName parameter could not be found: ${name}`))
    }
    this.invocations[name] = (this.invocations[name] ?? 0) + 1
    return new Promise((resolve, reject) => {
      this.queue(name).push({ event, identity, resolve, reject })
      this.dispatch(name)
    })
  }

  async close(): Promise<void> {
    this.closed = true
    const workers = [...this.pools.values()].flat().map((instance) => instance.worker.terminate())
    this.pools.clear()
    await Promise.all(workers)
  }

  private dispatch(name: string): void {
    const queue = this.queue(name)
    while (queue.length > 0) {
      const instance = this.idleInstance(name)
      if (!instance) return
      this.run(name, instance, queue.shift()!)
    }
  }

  private idleInstance(name: string): Instance | undefined {
    const pool = this.pools.get(name) ?? []
    this.pools.set(name, pool)
    const idle = pool.find((instance) => !instance.busy)
    if (idle) return idle
    if (pool.length >= (this.options.maxInstances ?? 8)) return undefined
    const worker = new Worker(path.join(__dirname, 'worker.cjs'), {
      workerData: { entry: this.entry(name), name },
      env: { ...process.env, ...this.options.env },
    })
    worker.unref()
    const ready = new Promise<void>((resolve, reject) => {
      const onReady = (message: { ready?: boolean }) => {
        if (!message.ready) return
        worker.off('message', onReady)
        resolve()
      }
      worker.on('message', onReady)
      worker.once('error', reject)
    })
    ready.catch(() => undefined)
    const instance: Instance = { worker, busy: false, ready }
    pool.push(instance)
    return instance
  }

  private run(name: string, instance: Instance, job: Pending): void {
    instance.busy = true
    instance.ready.then(
      () => this.start(name, instance, job),
      (error: Error) => {
        this.retire(name, instance)
        instance.busy = false
        job.reject(new InvocationError(-504002, `functions execute fail: ${error.message}`))
        this.dispatch(name)
      },
    )
  }

  private start(name: string, instance: Instance, job: Pending): void {
    const id = `${name}-${++this.sequence}`
    const timeoutSeconds = this.timeoutSeconds(name)
    const finish = (settle: () => void) => {
      clearTimeout(timer)
      instance.worker.off('message', onMessage)
      instance.worker.off('error', onError)
      instance.busy = false
      settle()
      this.dispatch(name)
    }
    const onMessage = (message: { id: string; ok: boolean; result?: unknown; error?: { message: string } }) => {
      if (message.id !== id) return
      finish(() => (message.ok ? job.resolve(message.result) : job.reject(new InvocationError(-504002, `functions execute fail: ${message.error?.message}`))))
    }
    const onError = (error: Error) => {
      this.retire(name, instance)
      finish(() => job.reject(new InvocationError(-504002, `functions execute fail: ${error.message}`)))
    }
    // Like WeChat cloud: a timed-out instance is killed and the caller is told so.
    const timer = setTimeout(() => {
      this.retire(name, instance)
      finish(() => job.reject(new InvocationError(-504003, `Invoking task timed out after ${timeoutSeconds} seconds`)))
    }, timeoutSeconds * 1000 * (this.options.timeoutScale ?? 1))
    instance.worker.on('message', onMessage)
    instance.worker.on('error', onError)
    instance.worker.postMessage({
      id,
      event: job.event,
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
    })
  }

  /**
   * Kills every instance of a function mid-invocation, as a timeout does: calls in flight fail with
   * -504002 and whatever they had not committed never lands. For tests of cut-off jobs.
   */
  kill(name: string): void {
    for (const instance of [...(this.pools.get(name) ?? [])]) instance.worker.emit('error', new Error('instance killed (a timeout stand-in)'))
  }

  private retire(name: string, instance: Instance): void {
    const pool = this.pools.get(name) ?? []
    this.pools.set(name, pool.filter((candidate) => candidate !== instance))
    void instance.worker.terminate()
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
