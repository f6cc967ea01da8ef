/**
 * `npm start` as a developer meets it, timed in Chromium: a cold start (no H5 build, no build cache)
 * to the app's first screen, the card tab's join prompt for a new visitor (the 正在构建… page does
 * not count), then the first member card after switching to 会员 A; then a second start over what
 * the first left. Each start gets a throwaway build folder, build cache and database, on a free port,
 * so the developer's dist/h5 and .local/ are never touched.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { ROOT } from '../../scripts/functions'
import type { BenchSection, Row } from '../types'
import { reported } from '../verdict'

const COLD_GOAL_S = 60
const WARM_GOAL_S = 15
/**
 * Two round trips to warm instances (member.me twice: on load and on show) plus the page reloading
 * with the new identity take well under a second; a cold instance alone takes longer than this.
 */
const FIRST_CARD_GOAL_S = 1.5
const GIVE_UP_MS = 10 * 60_000

interface StartTiming {
  /** Seconds from spawning npm start to the server answering (the 正在构建… page or the app). */
  answering: number
  /** Seconds to the join prompt on screen. */
  firstPage: number
  /** The H5 build's own seconds as start.ts printed them; null when it did not build. */
  build: number | null
  /** Why start.ts rebuilt (in a shared checkout, a source saved since the cold start); null when it did not. */
  rebuiltBecause: string | null
  /** Seconds from choosing 会员 A in the 身份 menu to their card on screen. */
  firstCard: number
  /** What start.ts printed, each line with the seconds since the spawn: where the time went. */
  log: string[]
}

export const start: BenchSection = {
  name: 'start',
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-start-'))
    const env = {
      HUIYUAN_H5_DIR: path.join(dir, 'h5'),
      HUIYUAN_BUILD_CACHE_DIR: path.join(dir, 'build-cache'),
      HUIYUAN_DATA_DIR: path.join(dir, 'data'),
    }
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
    try {
      console.log('start: a cold npm start (no H5 build, no build cache)…')
      const cold = await timeStart(browser, env)
      console.log('start: a second npm start…')
      const warm = await timeStart(browser, env)
      const s = (seconds: number) => `${seconds.toFixed(1)} s`
      const rows: Row[] = [
        { figure: 'start: cold, npm start to the first page (no build, no cache)', value: s(cold.firstPage), goal: `≤ ${COLD_GOAL_S} s`, met: cold.firstPage <= COLD_GOAL_S },
        reported('start: cold, npm start to the server answering', s(cold.answering)),
        reported('start: cold, the H5 build', cold.build === null ? 'not built' : s(cold.build)),
        { figure: 'start: second start to the first page', value: s(warm.firstPage), goal: `≤ ${WARM_GOAL_S} s`, met: warm.firstPage <= WARM_GOAL_S },
        reported('start: second start, the H5 build', warm.build === null ? 'not rebuilt' : `${s(warm.build)} (${warm.rebuiltBecause})`),
        { figure: 'start: cold, the first card after switching to 会员 A', value: s(cold.firstCard), goal: `≤ ${FIRST_CARD_GOAL_S} s`, met: cold.firstCard <= FIRST_CARD_GOAL_S },
        { figure: 'start: second start, the first card after switching to 会员 A', value: s(warm.firstCard), goal: `≤ ${FIRST_CARD_GOAL_S} s`, met: warm.firstCard <= FIRST_CARD_GOAL_S },
      ]
      return { rows, results: { cold, warm, cpus: os.cpus().length } }
    } finally {
      await browser.close()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}

/** One npm start, timed from the spawn to the join prompt and on to 会员 A's card, then stopped. */
async function timeStart(browser: Browser, env: Record<string, string>): Promise<StartTiming> {
  const port = await freePort()
  const started = Date.now()
  const server = spawnStart(port, env)
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' })
  try {
    const page = await context.newPage()
    const answering = await openWhenAnswering(page, `http://127.0.0.1:${port}/`, server, started)
    // The 正在构建… page reloads itself until the build is swapped in; the join prompt is the app.
    await page.getByTestId('join-prompt').waitFor({ state: 'visible', timeout: Math.max(1, GIVE_UP_MS - (Date.now() - started)) })
    const firstPage = (Date.now() - started) / 1000
    const firstCard = await timeFirstCard(page)
    const output = server.output()
    return { answering, firstPage, build: buildSeconds(output), rebuiltBecause: /building the H5 app \((.*?);/.exec(output)?.[1] ?? null, firstCard, log: server.lines() }
  } catch (error) {
    throw new Error(`npm start did not reach the first page: ${(error as Error).message}\n--- its output ---\n${server.output().slice(-4000)}`, { cause: error })
  } finally {
    await context.close()
    await server.stop()
  }
}

async function timeFirstCard(page: Page): Promise<number> {
  await page.locator('.dev-panel__toggle').click()
  const chosen = Date.now()
  await page.locator('.dev-panel__item', { hasText: '会员 A' }).click()
  await page.getByTestId('member-card').filter({ hasText: '林晓雨' }).waitFor({ state: 'visible', timeout: 60_000 })
  return (Date.now() - chosen) / 1000
}

/** Loads the address as soon as something listens there; the seconds since the spawn when it did. */
async function openWhenAnswering(page: Page, url: string, server: StartProcess, started: number): Promise<number> {
  for (;;) {
    if (server.exited()) throw new Error(`npm start exited (${server.exited()})`)
    if (Date.now() - started > GIVE_UP_MS) throw new Error(`nothing answered on ${url} within ${GIVE_UP_MS / 1000} s`)
    try {
      await page.goto(url, { waitUntil: 'commit', timeout: 5_000 })
      return (Date.now() - started) / 1000
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

function buildSeconds(output: string): number | null {
  const match = /built the H5 app \(([\d.]+) s\)/.exec(output)
  return match ? Number(match[1]) : null
}

interface StartProcess {
  output(): string
  lines(): string[]
  exited(): string | null
  stop(): Promise<void>
}

/** `npx tsx scripts/start.ts` in a process group of its own, so stopping it stops its build too. */
function spawnStart(port: number, env: Record<string, string>): StartProcess {
  const child: ChildProcess = spawn('npx', ['tsx', 'scripts/start.ts', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const spawned = Date.now()
  let output = ''
  const lines: string[] = []
  let exit: string | null = null
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk
    const at = ((Date.now() - spawned) / 1000).toFixed(1)
    for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(`${at} s  ${line.trim()}`)
  })
  child.stderr?.on('data', (chunk) => (output += chunk))
  const closed = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exit = signal ?? `exit ${code}`
      resolve()
    }),
  )
  return {
    output: () => output,
    lines: () => lines,
    exited: () => exit,
    async stop() {
      if (exit === null && child.pid) process.kill(-child.pid, 'SIGTERM')
      // It may first let the build finish writing webpack's cache (scripts/h5Build.ts settleH5Build).
      const forced = setTimeout(() => exit === null && child.pid && process.kill(-child.pid, 'SIGKILL'), 90_000)
      await closed
      clearTimeout(forced)
    },
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
