/**
 * What every journey gets. Import `test` and `expect` from here, not from @playwright/test.
 *
 * - `cloud`: a local cloud seeded with the demo shop (scripts/demoData.ts). Read the database with
 *   `cloud.db.find(...)`, call functions with `cloud.call(...)`, move the emulated clock with
 *   `cloud.setNow(...)` (put back after every test). The tests of one worker share its cloud, one
 *   at a time. A journey there adds what it needs (a visitor who joins, their orders) and leaves
 *   the seeded members and the rules as they were, since other journeys read them as seeded; one
 *   that changes them declares `test.use({ freshCloud: true })` and gets a cloud of its own. Either
 *   way a journey passes alone, in any order, beside any other.
 * - `baseURL`: the dev server over that cloud with the H5 build, so `page.goto('/?as=member')`
 *   opens the app.
 * - `page`: the first person's phone (the device is in playwright.config.ts).
 * - `newPhone(label)`: another person's phone (the cashier's, the owner's): a browser context of
 *   its own, so its own identity. `label` is file-name-safe (a-z, 0-9, -) and unique in the test.
 * - `snapshot(label, page?)`: a full-page screenshot of a moment mid-journey.
 * - `problems` / `expectedProblems`: see support/problems.ts. Every phone is watched; at the end a
 *   problem the test does not declare fails it.
 *
 * Every phone leaves a full-page screenshot in the test's folder under test-results/e2e/, pass or
 * fail (page.png, <label>.png); a failed test also keeps its trace (npx playwright show-trace).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { test as base, type Page, type TestInfo } from '@playwright/test'
import { startLocalCloud, type LocalCloud } from '../../../local/cloud'
import { startDevServer } from '../../../local/devServer'
import { seedIfEmpty } from '../../../scripts/seed'
import { H5_DIR } from './build'
import { ProblemLog } from './problems'

export { expect } from '@playwright/test'

export interface JourneyFixtures {
  /**
   * The journey changes a seeded member, the rules or anything else other journeys read as the demo
   * shop seeded it: it gets a cloud of its own instead of its worker's.
   */
  freshCloud: boolean
  /** The cloud and dev server this test runs on: its worker's, or its own with `freshCloud`. */
  shop: Shop
  cloud: LocalCloud
  newPhone: (label: string) => Promise<Page>
  snapshot: (label: string, of?: Page) => Promise<void>
  /**
   * Page problems this test causes on purpose, each matching one line as ProblemLog writes it
   * (`console error: …`, `page error: …`, `HTTP 404 POST /api/…`, prefixed `[label] ` on a
   * newPhone). Keep each one as narrow as the problem it allows.
   */
  expectedProblems: RegExp[]
  problems: ProblemLog
  /** The phones to screenshot when the test ends: `page` first, then each newPhone. */
  phones: { label: string; page: Page }[]
}

const LABEL = /^[a-z0-9-]+$/

export const test = base.extend<JourneyFixtures, { sharedShop: () => Promise<Shop> }>({
  // Opened on first use: a worker whose tests all ask for a fresh cloud never starts this one.
  sharedShop: [
    async ({}, use) => {
      let opened: Promise<Shop> | undefined
      await use(() => (opened ??= openShop()))
      if (opened) await (await opened).close()
    },
    { scope: 'worker' },
  ],

  freshCloud: [false, { option: true }],

  shop: async ({ freshCloud, sharedShop }, use) => {
    if (!freshCloud) {
      const shop = await sharedShop()
      try {
        await use(shop)
      } finally {
        shop.cloud.setNow(null) // the next journey in this worker starts on today's date
      }
      return
    }
    const shop = await openShop()
    try {
      await use(shop)
    } finally {
      await shop.close()
    }
  },

  cloud: async ({ shop }, use) => use(shop.cloud),

  // Every browser context depends on baseURL, so the shop is open before the first phone opens and
  // closes only after the last one has: no phone ever sees the server refuse a connection.
  baseURL: async ({ shop }, use) => use(shop.baseURL),

  expectedProblems: [[], { option: true }],

  problems: [
    async ({ context, expectedProblems }, use, testInfo) => {
      const log = new ProblemLog()
      log.watch(context)
      await use(log)
      // Torn down after `phones`: a problem raised while the pages settled for their screenshots counts too.
      for (const pattern of log.assertAllExpected(expectedProblems)) {
        // Said out loud so that declarations stay as narrow as what really happens.
        testInfo.annotations.push({ type: 'unused expectedProblems', description: String(pattern) })
        console.warn(`note: ${testInfo.title}: declared problem never happened: ${pattern}`)
      }
    },
    { auto: true },
  ],

  phones: [
    async ({ page, problems }, use, testInfo) => {
      const phones = [{ label: 'page', page }]
      await use(phones)
      for (const phone of phones) {
        await shoot(phone.page, testInfo, phone.label).catch((error: Error) => problems.add(`${phone.label === 'page' ? '' : `[${phone.label}] `}screenshot failed: ${error.message.split('\n')[0]}`))
      }
      for (const phone of phones.slice(1)) await phone.page.context().close()
    },
    { auto: true },
  ],

  newPhone: async ({ browser, phones, problems }, use) => {
    await use(async (label) => {
      if (!LABEL.test(label) || label === 'page' || phones.some((phone) => phone.label === label)) throw new Error(`newPhone: label "${label}" must be unique and file-name-safe`)
      // A context made here gets the device, locale, baseURL, timeouts and tracing of playwright.config.ts's `use`.
      const context = await browser.newContext()
      problems.watch(context, label)
      const page = await context.newPage()
      phones.push({ label, page })
      return page
    })
  },

  snapshot: async ({ page }, use, testInfo) => {
    await use(async (label, of = page) => {
      if (!LABEL.test(label)) throw new Error(`snapshot: label "${label}" must be file-name-safe`)
      await shoot(of, testInfo, `snapshot-${label}`)
    })
  },
})

/** A local cloud seeded with the demo shop, and the dev server over it with the H5 build. */
interface Shop {
  cloud: LocalCloud
  baseURL: string
  close(): Promise<void>
}

async function openShop(): Promise<Shop> {
  const storageDir = mkdtempSync(path.join(os.tmpdir(), 'huiyuan-e2e-storage-'))
  // One instance per function: a journey's few people never need more, and every extra instance is
  // a cold start (about a second of CPU loading wx-server-sdk) on a machine that runs two journeys.
  const cloud = await startLocalCloud({ storageDir, maxInstances: 1 })
  seedIfEmpty(cloud.db, cloud.now())
  const server = await startDevServer(cloud, { port: 0, host: '127.0.0.1', staticDir: H5_DIR })
  return {
    cloud,
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await cloud.close()
      rmSync(storageDir, { recursive: true, force: true })
    },
  }
}

/**
 * A full-page screenshot in the test's output folder, listed in the report. Animations are run to
 * their end first: a page leaving after switchTab slides out for 0.3 s, and the picture should show
 * where the journey stopped rather than a frame of the slide.
 */
async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', timeout: 10_000 })
  testInfo.attachments.push({ name, path: file, contentType: 'image/png' })
}

/** A unique-enough suffix for ids a journey creates (visitor openids, order numbers). */
export function runId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}
