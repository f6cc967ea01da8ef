/**
 * The function runner when functions, events or the runner's own callbacks misbehave: each failure
 * must fail only its invocation, with the error callFunction would give, and leave the pool able to
 * serve the next call. Fixtures are tiny bundles written to a temp folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { FunctionRunner, InvocationError, type RunnerOptions } from '../functions/runner'

const FIXTURES: Record<string, string> = {
  ok: `exports.main = async (event) => ({ openid: process.env.WX_OPENID || null, keys: event && typeof event === 'object' ? Object.keys(event) : [] })`,
  echo: `exports.main = async (event) => event`,
  exits: `exports.main = async () => { process.exit(3) }`,
  deep: `exports.main = async ({ depth }) => { let value = 0; for (let i = 0; i < depth; i++) value = [value]; return value }`,
  big: `exports.main = async ({ bytes }) => 'x'.repeat(bytes)`,
  bigint: `exports.main = async () => ({ amount: 10n })`,
  throwsLater: `exports.main = async () => { setTimeout(() => { throw new Error('thrown after the answer') }, 20); return 'answered' }`,
  slow: `exports.main = ({ ms }) => new Promise((resolve) => setTimeout(() => resolve('slow'), ms))`,
}

let dir: string
const runners: FunctionRunner[] = []

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'runner-fixtures-'))
  for (const [name, source] of Object.entries(FIXTURES)) {
    mkdirSync(path.join(dir, name))
    writeFileSync(path.join(dir, name, 'index.js'), source)
    // 2 s: long enough for any fixture, short enough that a hang shows up as a timeout, not a pass.
    writeFileSync(path.join(dir, name, 'config.json'), JSON.stringify({ timeout: 2 }))
  }
})

afterEach(async () => {
  jest.restoreAllMocks()
  await Promise.all(runners.splice(0).map((runner) => runner.close()))
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

function runner(options: Partial<RunnerOptions> = {}): FunctionRunner {
  const created = new FunctionRunner({ functionsDir: dir, env: {}, maxInstances: 2, ...options })
  runners.push(created)
  return created
}

/** The rejection, and how long it took (a hang until the 2 s timeout is not a typed failure). */
async function failure(call: Promise<unknown>): Promise<{ error: InvocationError; ms: number }> {
  const started = Date.now()
  try {
    await call
  } catch (error) {
    return { error: error as InvocationError, ms: Date.now() - started }
  }
  throw new Error('expected the invocation to fail')
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const nestedArrays = (depth: number) => {
  let value: unknown = 0
  for (let i = 0; i < depth; i++) value = [value]
  return value
}
const nestedObjects = (depth: number) => {
  let value: unknown = 0
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

describe('function runner', () => {
  it('fails a call whose worker exits with -504002 at once, and the next call gets a fresh instance', async () => {
    const functions = runner()
    const { error, ms } = await failure(functions.invoke('exits', {}))
    expect(error).toBeInstanceOf(InvocationError)
    expect(error).toMatchObject({ errCode: -504002, errMsg: expect.stringMatching(/exited with code 3/) })
    expect(ms).toBeLessThan(1_500)
    await until(() => functions.instances('exits').length === 0)
    expect((await failure(functions.invoke('exits', {}))).error).toMatchObject({ errCode: -504002 })
    expect(await functions.invoke('ok', {}, { openid: 'o-after-exit' })).toEqual({ openid: 'o-after-exit', keys: [] })
  })

  it('fails a result too deep for structured clone with -504002 instead of losing it', async () => {
    const functions = runner()
    // About 3,500 levels and more overflow the main thread's stack when it deserialises a worker's message.
    for (const depth of [5_000, 100_000]) {
      const { error, ms } = await failure(functions.invoke('deep', { depth }))
      expect(error).toMatchObject({ errCode: -504002, errMsg: expect.stringMatching(/result is nested deeper than 512 levels/) })
      expect(ms).toBeLessThan(1_500)
    }
    expect(await functions.invoke('deep', { depth: 3 })).toEqual([[[0]]])
  })

  it('fails a result that cannot be serialised, or is over 6 MB, with -504002', async () => {
    const functions = runner()
    expect((await failure(functions.invoke('bigint', {}))).error).toMatchObject({ errCode: -504002, errMsg: expect.stringMatching(/BigInt/) })
    const { error } = await failure(functions.invoke('big', { bytes: 6 * 1024 * 1024 + 1 }))
    expect(error).toMatchObject({ errCode: -504002, errMsg: expect.stringMatching(/over the 6 MB/) })
    expect(await functions.invoke('big', { bytes: 10 })).toBe('xxxxxxxxxx')
  })

  it('fails only the call whose postMessage throws, and keeps the instance serving', async () => {
    const functions = runner({ maxInstances: 1 })
    expect(await functions.invoke('ok', {})).toEqual({ openid: null, keys: [] })
    jest.spyOn(Worker.prototype, 'postMessage').mockImplementationOnce(() => {
      throw new RangeError('Maximum call stack size exceeded')
    })
    const { error, ms } = await failure(functions.invoke('ok', {}))
    expect(error).toMatchObject({ errCode: -504002, errMsg: expect.stringMatching(/Maximum call stack size exceeded/) })
    expect(ms).toBeLessThan(1_500)
    expect(await functions.invoke('ok', { action: 'me' })).toEqual({ openid: null, keys: ['action'] })
  })

  it('fails only the call during which one of its own callbacks throws', async () => {
    let clockBroken = true
    const functions = runner({
      clockOffsetMs: () => {
        if (clockBroken) throw new Error('clock callback failed')
        return 0
      },
    })
    const { error, ms } = await failure(functions.invoke('ok', {}))
    expect(error).toMatchObject({ errCode: -504002, errMsg: expect.stringMatching(/clock callback failed/) })
    expect(ms).toBeLessThan(1_500)
    clockBroken = false
    expect(await functions.invoke('ok', {})).toEqual({ openid: null, keys: [] })
  })

  it('fails every queued call when a callback keeps throwing, without recursing through the queue', async () => {
    const functions = runner({
      maxInstances: 1,
      clockOffsetMs: () => {
        throw new Error('clock callback failed')
      },
    })
    const answers = await Promise.allSettled(Array.from({ length: 5_000 }, () => functions.invoke('ok', {})))
    expect(answers.every((answer) => answer.status === 'rejected' && (answer.reason as InvocationError).errCode === -504002)).toBe(true)
  })

  it('drops an instance whose function throws after answering, so the next call is not sent to a dead worker', async () => {
    const functions = runner({ maxInstances: 1 })
    expect(await functions.invoke('throwsLater', {})).toBe('answered')
    await until(() => functions.instances('throwsLater').length === 0)
    const started = Date.now()
    expect(await functions.invoke('throwsLater', {})).toBe('answered')
    expect(Date.now() - started).toBeLessThan(1_500)
  })

  it('reaps instances idle longer than idleInstanceMs, and starts a fresh one when called again', async () => {
    const functions = runner({ idleInstanceMs: 200 })
    await Promise.all([functions.invoke('ok', {}), functions.invoke('ok', {})])
    expect(functions.instances('ok')).toHaveLength(2)
    await until(() => functions.instances('ok').length === 0, 3_000)
    expect(await functions.invoke('ok', {})).toEqual({ openid: null, keys: [] })
    expect(functions.instances('ok')).toHaveLength(1)
  })

  it('keeps a busy instance while it works past idleInstanceMs', async () => {
    const functions = runner({ idleInstanceMs: 100 })
    expect(await functions.invoke('slow', { ms: 400 })).toBe('slow')
    expect(functions.instances('slow')).toHaveLength(1)
  })

  it('adds no listeners per invocation to a long-lived worker', async () => {
    const functions = runner({ maxInstances: 1 })
    for (let i = 0; i < 10; i++) await functions.invoke('ok', { i })
    const [early] = functions.instances('ok')
    for (let i = 0; i < 300; i++) await functions.invoke('ok', { i })
    const [late] = functions.instances('ok')
    expect(late.threadId).toBe(early.threadId)
    expect(late.listeners).toBe(early.listeners)
    expect(late.listeners).toBeLessThanOrEqual(6)
  })

  it('refuses events too deep, too large or not JSON before any instance starts', async () => {
    const functions = runner()
    const circular: Record<string, unknown> = { action: 'me' }
    circular.self = circular
    const cases: Array<[unknown, string, RegExp]> = [
      [{ payload: nestedArrays(4_000) }, 'event-too-deep', /nested deeper than 512 levels/],
      [{ payload: nestedObjects(4_000) }, 'event-too-deep', /nested deeper than 512 levels/],
      [nestedArrays(100_000), 'event-too-deep', /nested deeper than 512 levels/],
      [nestedObjects(100_000), 'event-too-deep', /nested deeper than 512 levels/],
      [nestedArrays(3_000), 'event-too-deep', /nested deeper than 512 levels/],
      [circular, 'event-too-deep', /nested deeper than 512 levels/],
      [{ pad: 'x'.repeat(6 * 1024 * 1024) }, 'event-too-large', /over the 6 MB/],
      [{ pad: '中'.repeat(2 * 1024 * 1024 + 1) }, 'event-too-large', /over the 6 MB/],
      [{ amount: 10n }, 'event-not-json', /BigInt/],
    ]
    for (const [event, refusal, errMsg] of cases) {
      const { error, ms } = await failure(functions.invoke('ok', event))
      expect(error).toMatchObject({ errCode: -501007, refusal, errMsg: expect.stringMatching(errMsg) })
      expect(ms).toBeLessThan(500)
    }
    expect(functions.instances('ok')).toHaveLength(0)
    expect(functions.invocations.ok).toBeUndefined()
    // At the limits: accepted.
    expect(await functions.invoke('ok', nestedArrays(512))).toEqual({ openid: null, keys: ['0'] })
    expect(await functions.invoke('ok', { pad: 'x'.repeat(6 * 1024 * 1024 - 20) })).toEqual({ openid: null, keys: ['pad'] })
  })

  it('hands the function its event as JSON, as WeChat does', async () => {
    const functions = runner()
    const at = new Date('2026-11-22T00:00:00.000Z')
    expect(await functions.invoke('echo', { at, skip: undefined, list: [undefined, 1], buffer: Buffer.from([1, 2]) })).toEqual({
      at: at.toISOString(),
      list: [null, 1],
      buffer: { type: 'Buffer', data: [1, 2] },
    })
  })

  it('refuses unknown function names with -501000', async () => {
    const functions = runner()
    for (const name of ['nosuch', '../ok', 'ok/../echo', '', 'o'.repeat(61)]) {
      expect((await failure(functions.invoke(name, {}))).error).toMatchObject({ errCode: -501000, refusal: 'not-found' })
    }
    expect(functions.has('ok')).toBe(true)
    expect(functions.has('nosuch')).toBe(false)
  })

  it('fails calls in flight and queued when it closes, and refuses new ones', async () => {
    const functions = runner({ maxInstances: 1 })
    const inFlight = failure(functions.invoke('slow', { ms: 10_000 }))
    const queued = failure(functions.invoke('slow', { ms: 10_000 }))
    await until(() => functions.instances('slow').some((instance) => instance.busy))
    await functions.close()
    for (const { error, ms } of [await inFlight, await queued]) {
      expect(error).toMatchObject({ errCode: -1, errMsg: 'runner closed' })
      expect(ms).toBeLessThan(1_500)
    }
    expect((await failure(functions.invoke('ok', {}))).error).toMatchObject({ errCode: -1, refusal: 'closed' })
  })
})
