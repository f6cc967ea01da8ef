/**
 * Memory stays flat: one server in a process of its own takes a warm-up, then 3,000 more requests:
 * the shop's mixed workload (the mix the `emulator` bench section measures), every other request one
 * the gateway refuses (bad identity header, unknown function, broken JSON, an over-deep payload).
 * Its resident memory may not grow past a bound, and once idle its function instances are reclaimed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fillInstancePools, prepareMembers, runMixedWorkload } from '../support/mixedWorkload'
import { startServerProcess, type ServerProcess } from '../support/serverProcess'

/**
 * Long enough to see a leak of a request's size, short enough for `npm test`'s budget: the bench's
 * `emulator` section runs the full 10,000-request soak against the tighter 50 MB goal on a quiet
 * machine, so this one catches gross leaks (about 33 KB per request and up) and the idle reclaim.
 */
const SOAK_REQUESTS = 3_000
const WARM_UP_REQUESTS = 1_000
/** V8's lazy collection on a loaded 2-core machine stays below it. */
const RSS_GROWTH_BOUND_MB = 100
/** Long enough that no instance is reclaimed mid-soak (every function is called every second or so). */
const IDLE_MS = 4_000
const INSTANCES = 2
const MB = 1024 * 1024

const threads = (server: ServerProcess) => Number(/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0)

describe('memory under a long mixed workload', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huiyuan-soak-'))
  let server: ServerProcess
  beforeAll(async () => {
    server = await startServerProcess({ db: dir, seed: true, instances: INSTANCES, idleInstanceMs: IDLE_MS })
  })
  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it(`stays within ${RSS_GROWTH_BOUND_MB} MB over ${SOAK_REQUESTS.toLocaleString('en')} requests after warm-up, and gives instances back when idle`, async () => {
    const members = await prepareMembers(server, 'soak', 40)
    const warm = await runMixedWorkload(server, { requests: WARM_UP_REQUESTS, concurrency: 8, members, run: 'warm', refusals: true })
    expect(warm.samples).toEqual([])
    await fillInstancePools(server, INSTANCES)
    const rssWarm = server.rss()
    const threadsBusy = threads(server)

    const soak = await runMixedWorkload(server, { requests: SOAK_REQUESTS, concurrency: 8, members, run: 'soak', refusals: true })
    const rssAfter = server.rss()
    expect(soak.samples).toEqual([])
    expect(soak.requests).toBe(SOAK_REQUESTS)
    expect((rssAfter - rssWarm) / MB).toBeLessThan(RSS_GROWTH_BOUND_MB)
    expect(server.alive()).toBe(true)

    // Idle: every function instance (a worker thread each) is reclaimed.
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 2 + 1_000))
    expect(threads(server)).toBeLessThan(threadsBusy)
    expect((await server.call('member', { action: 'me' }, { 'X-WX-OPENID': members[0] })).body).toMatchObject({ ok: true })
  }, 420_000)
})
