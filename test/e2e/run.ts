/**
 * End-to-end journeys in headless Chromium against the H5 build and an in-memory local cloud.
 *
 *   npm run test:e2e                    all journeys
 *   npm run test:e2e -- --build         rebuild the H5 app first (also E2E_BUILD=1)
 *   npm run test:e2e -- gold-member     only the journeys whose name contains an argument
 *   E2E_TIMEOUT_S=120                   hard limit for the whole run (default 240 s)
 *
 * The H5 app is rebuilt automatically when dist/h5 is missing or older than its sources. Every
 * journey runs in a fresh browser context and leaves test-results/e2e/<journey>.png (full page,
 * pass or fail); a journey with more than one person (the cashier's phone, the owner's) gets a
 * context each from newPhone(label), screenshotted as <journey>--<label>.png. The last line is
 * `e2e: N passed, M failed`; the exit code is non-zero on failure.
 *
 * A console error, an uncaught page error or an HTTP ≥ 400 answer from /api/ fails a journey unless
 * the journey declares it (Journey.expectedProblems). The runner's self-tests (support/problems.ts)
 * run first, on blank pages, and count among the passed and failed: each deliberate problem must
 * fail its journey for that reason, and a declared one must not.
 *
 * All journeys share one cloud, in this order: each leaves what it did in the database. Journeys
 * that change shared state come after the ones that read it (owner-publishes-rules, which changes
 * the shop's tier rules, runs last).
 */
import { mkdirSync, rmSync } from 'node:fs'
import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startLocalCloud, type LocalCloud } from '../../local/cloud'
import { startDevServer } from '../../local/devServer'
import { ROOT } from '../../scripts/functions'
import { seedIfEmpty } from '../../scripts/seed'
import { birthdayCouponAtTill } from './journeys/birthdayCouponAtTill'
import { goldMember } from './journeys/goldMember'
import { identitySwitcher } from './journeys/identitySwitcher'
import { joinByQrAndFirstPurchase } from './journeys/joinByQrAndFirstPurchase'
import { joinValidation } from './journeys/joinValidation'
import { newVisitorJoins } from './journeys/newVisitorJoins'
import { ownerPublishesRules } from './journeys/ownerPublishesRules'
import { tierUpgradeAtTill } from './journeys/tierUpgradeAtTill'
import { H5_DIR, buildForE2E, stopBuild } from './support/build'
import type { Journey } from './support/harness'
import { SELF_TESTS, sortProblems, type SelfTest } from './support/problems'

const JOURNEYS: Journey[] = [
  newVisitorJoins,
  joinValidation,
  goldMember, // reads 林晓雨's seeded balance: before birthday-coupon-at-till adds the perk's points
  identitySwitcher,
  joinByQrAndFirstPurchase,
  tierUpgradeAtTill, // needs 陈一鸣 still 普通 under the seeded rules
  birthdayCouponAtTill,
  ownerPublishesRules, // changes the tier rules for everyone: keep last
]

const OVERALL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_S ?? 240) * 1000 // including an H5 build (~30 s)
const JOURNEY_TIMEOUT_MS = 45_000
const ACTION_TIMEOUT_MS = 10_000
const RESULTS_DIR = path.join(ROOT, 'test-results', 'e2e')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

const resources: { browser?: Browser; server?: http.Server; cloud?: LocalCloud } = {}
const tally = { planned: JOURNEYS.length, passed: 0, failed: 0, done: false }

/** Console output, silenced once the summary line is out (so it stays the last line). */
function log(line: string): void {
  if (!tally.done) console.log(line)
}

function summary(): void {
  if (tally.done) return
  const failed = tally.planned - tally.passed // a journey that never ran did not pass
  console.log(`e2e: ${tally.passed} passed, ${failed} failed`)
  tally.done = true
}

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const filters = args.filter((arg) => !arg.startsWith('--'))
  const journeys = filters.length ? JOURNEYS.filter((journey) => filters.some((filter) => journey.name.includes(filter))) : JOURNEYS
  if (journeys.length === 0) throw new Error(`no journey matches ${filters.join(', ')}; journeys: ${JOURNEYS.map((j) => j.name).join(', ')}`)
  tally.planned = SELF_TESTS.length + journeys.length

  const started = Date.now()
  await buildForE2E({ forceH5: args.includes('--build') || process.env.E2E_BUILD === '1', log: (line) => log(`e2e: ${line}`) })
  rmSync(RESULTS_DIR, { recursive: true, force: true })
  mkdirSync(RESULTS_DIR, { recursive: true })

  const setupStarted = Date.now()
  const cloud = (resources.cloud = await startLocalCloud())
  seedIfEmpty(cloud.db, cloud.now())
  const server = (resources.server = await startDevServer(cloud, { port: 0, host: '127.0.0.1', staticDir: H5_DIR }))
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const browser = (resources.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }))
  log(`e2e: cloud, server (${baseUrl}) and browser up in ${Date.now() - setupStarted} ms`)

  for (const test of SELF_TESTS) {
    if (tally.done) break
    if (checkSelfTest(test, await runJourney(browser, cloud, baseUrl, test.journey))) tally.passed++
    else tally.failed++
  }
  for (const journey of journeys) {
    if (tally.done) break
    const outcome = await runJourney(browser, cloud, baseUrl, journey)
    report(journey, outcome)
    if (outcome.ok) tally.passed++
    else tally.failed++
  }
  log(`e2e: finished in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(ROOT, RESULTS_DIR)}/`)
  summary()
  return tally.failed === 0 && tally.passed === tally.planned ? 0 : 1
}

interface Outcome {
  ok: boolean
  seconds: string
  /** What the journey threw (an assertion, a timeout), if anything. */
  error?: unknown
  /** Page problems the journey did not declare: each one fails it. */
  unexpected: string[]
  /** Declared problems that never happened. */
  unused: RegExp[]
  /** Every page problem, declared or not: context for a failure. */
  problems: string[]
  lastStep: string | undefined
  screenshots: string[]
}

async function runJourney(browser: Browser, cloud: LocalCloud, baseUrl: string, journey: Journey): Promise<Outcome> {
  const started = Date.now()
  const steps: string[] = []
  const problems: string[] = [] // page errors, console errors, failed function calls
  let context: BrowserContext | undefined
  let page: Page | undefined
  const phones: { label: string; context: BrowserContext; page: Page }[] = []
  let ended = false // a journey that timed out may still ask for a phone; it gets none
  let error: unknown
  try {
    ;({ context, page } = await openPhone(browser, problems))
    const newPhone = async (label: string): Promise<Page> => {
      if (!/^[a-z0-9-]+$/.test(label) || phones.some((phone) => phone.label === label)) throw new Error(`newPhone: label "${label}" must be unique and file-name-safe`)
      const phone = await openPhone(browser, problems, label)
      if (ended) {
        await phone.context.close().catch(() => undefined)
        throw new Error('newPhone: the journey has ended')
      }
      phones.push({ label, ...phone })
      return phone.page
    }
    const snapshot = async (label: string, of: Page = page!): Promise<void> => {
      if (!/^[a-z0-9-]+$/.test(label)) throw new Error(`snapshot: label "${label}" must be file-name-safe`)
      await of.screenshot({ path: path.join(RESULTS_DIR, `${journey.name}--${label}.png`), fullPage: true })
    }
    await withTimeout(
      journey.run({ page, context, cloud, baseUrl, step: (label) => void steps.push(label), newPhone, snapshot }),
      JOURNEY_TIMEOUT_MS,
      `journey timed out after ${JOURNEY_TIMEOUT_MS / 1000} s`,
    )
  } catch (caught) {
    error = caught
  }
  ended = true

  const screenshot = path.join(RESULTS_DIR, `${journey.name}.png`)
  const shots = [...(page ? [{ page, file: screenshot }] : []), ...phones.map((phone) => ({ page: phone.page, file: path.join(RESULTS_DIR, `${journey.name}--${phone.label}.png`) }))]
  for (const shot of shots) {
    // Let page transitions finish (a page leaving after switchTab slides out for 0.3 s), so the
    // screenshot shows where the journey ended rather than a frame of the animation.
    await shot.page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'), null, { polling: 'raf', timeout: 2_000 }).catch(() => undefined)
    await withTimeout(shot.page.screenshot({ path: shot.file, fullPage: true }), 10_000, 'screenshot timed out').catch((err) => problems.push(`screenshot failed: ${(err as Error).message}`))
  }
  for (const open of [context, ...phones.map((phone) => phone.context)]) await withTimeout(open?.close() ?? Promise.resolve(), 10_000, 'closing the context timed out').catch(() => undefined)

  // Sorted after the screenshots and closing, so a problem raised while the page settled counts too.
  const { unexpected, unused } = sortProblems(problems, journey.expectedProblems)
  return {
    ok: error === undefined && unexpected.length === 0,
    seconds: ((Date.now() - started) / 1000).toFixed(1),
    error,
    unexpected,
    unused,
    problems,
    lastStep: steps.at(-1),
    screenshots: shots.length ? shots.map((shot) => path.relative(ROOT, shot.file)) : [path.relative(ROOT, screenshot)],
  }
}

function report(journey: Journey, outcome: Outcome): void {
  if (outcome.ok) {
    log(`✓ ${journey.name} — ${journey.title} (${outcome.seconds} s)`)
    for (const pattern of outcome.unused) log(`    note: declared problem never happened: ${pattern}`)
    return
  }
  log(`✗ ${journey.name} — ${journey.title} (${outcome.seconds} s)`)
  log(`    at step: ${outcome.lastStep ?? '(before the first step)'}`)
  if (outcome.error !== undefined) for (const line of describe(outcome.error).split('\n')) log(`    ${line}`)
  if (outcome.unexpected.length) {
    log(`    page problems the journey does not declare (expectedProblems):`)
    for (const problem of outcome.unexpected.slice(0, 10)) log(`      ${problem}`)
  }
  const declared = outcome.problems.filter((problem) => !outcome.unexpected.includes(problem))
  for (const problem of declared.slice(0, 10)) log(`    declared: ${problem}`)
  log(`    screenshot: ${outcome.screenshots.join(', ')}`)
}

/** A self-test passes when its journey reached the verdict the rule demands, for the reason it names. */
function checkSelfTest(test: SelfTest, outcome: Outcome): boolean {
  const { journey, mustFailWith } = test
  const held = mustFailWith ? !outcome.ok && outcome.error === undefined && outcome.unexpected.some((problem) => mustFailWith.test(problem)) : outcome.ok
  if (held) {
    log(`✓ runner self-test: ${journey.title} (${mustFailWith ? `failed on ${mustFailWith}` : 'passed'})`)
    return true
  }
  log(`✗ runner self-test: ${journey.title}: the runner let it ${outcome.ok ? 'pass' : 'fail'}${mustFailWith ? `; it must fail on ${mustFailWith}` : ''}`)
  report(journey, outcome)
  return false
}

/**
 * One person's phone: a browser context (its own localStorage, so its own identity) with the device
 * every journey uses, and a page whose errors and failed function calls are kept for a failure report.
 * `label` prefixes those lines when the journey has more than one phone.
 */
async function openPhone(browser: Browser, problems: string[], label?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  try {
    context.setDefaultTimeout(ACTION_TIMEOUT_MS)
    context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS)
    // tsx compiles with esbuild's keepNames, which wraps named functions inside page.evaluate
    // callbacks in a __name(...) helper that exists only in Node; give the page a no-op one.
    await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn)')
    const page = await context.newPage()
    const from = label ? `[${label}] ` : ''
    page.on('pageerror', (err) => problems.push(`${from}page error: ${err.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${from}console error: ${message.text()}`)
    })
    page.on('response', (response) => {
      if (response.url().includes('/api/') && response.status() >= 400) problems.push(`${from}HTTP ${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`)
    })
    return { context, page }
  } catch (error) {
    await context.close().catch(() => undefined)
    throw error
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  // Playwright's messages carry a long call log; the first lines say what went wrong.
  const plain = error.message.replace(/\x1b\[[0-9;]*m/g, '')
  const lines = plain.split('\n').filter((line) => line.trim() && !line.includes('Call log'))
  const cause = error.cause instanceof Error ? `\ncaused by: ${error.cause.message.split('\n')[0]}` : ''
  return lines.slice(0, 6).join('\n') + cause
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

let closing: Promise<void> | undefined
function closeAll(): Promise<void> {
  closing ??= (async () => {
    stopBuild()
    const { browser, server, cloud } = resources
    await withTimeout(browser?.close() ?? Promise.resolve(), 10_000, 'browser close timed out').catch(() => undefined)
    if (server) {
      server.closeAllConnections()
      await withTimeout(new Promise<void>((resolve) => server.close(() => resolve())), 5_000, 'server close timed out').catch(() => undefined)
    }
    await withTimeout(cloud?.close() ?? Promise.resolve(), 10_000, 'cloud close timed out').catch(() => undefined)
  })()
  return closing
}

async function finish(code: number): Promise<never> {
  await closeAll()
  process.exit(code)
}

const overall = setTimeout(() => {
  log(`e2e: overall timeout (${OVERALL_TIMEOUT_MS / 1000} s) reached; stopping`)
  summary()
  // Whatever is stuck must not stop the exit either.
  setTimeout(() => process.exit(1), 15_000).unref()
  void finish(1)
}, OVERALL_TIMEOUT_MS)
overall.unref()

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`e2e: ${signal}, stopping`)
    summary()
    setTimeout(() => process.exit(130), 15_000).unref()
    void finish(130)
  })
}

main().then(
  (code) => finish(code),
  (error) => {
    console.error('e2e: setup failed:', error)
    summary()
    return finish(1)
  },
)
