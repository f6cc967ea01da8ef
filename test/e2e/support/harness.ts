/** What a journey gets, and the few assertion helpers the journeys share. */
import type { BrowserContext, Page } from 'playwright-core'
import type { LocalCloud } from '../../../local/cloud'

export interface JourneyContext {
  page: Page
  context: BrowserContext
  cloud: LocalCloud
  /** http://127.0.0.1:<port> */
  baseUrl: string
  /** Records what the journey is doing, so a failure says where it happened. */
  step(label: string): void
  /**
   * Another person's phone (the cashier's, the owner's): a fresh browser context with the same
   * device, locale and time zone as `page`, so it holds its own identity. The harness closes it at
   * the end and screenshots it as test-results/e2e/<journey>--<label>.png; `label` is
   * file-name-safe (a-z, 0-9, -) and unique within the journey.
   */
  newPhone(label: string): Promise<Page>
  /**
   * A screenshot of a moment mid-journey (the harness takes the final state anyway), as
   * test-results/e2e/<journey>--<label>.png; `page` defaults to the journey's page.
   */
  snapshot(label: string, page?: Page): Promise<void>
}

export interface Journey {
  /** File-name-safe id: the screenshot is test-results/e2e/<name>.png. */
  name: string
  title: string
  /**
   * Page problems this journey causes on purpose. Any console error, uncaught page error or HTTP
   * ≥ 400 answer from /api/ fails the journey unless one of these matches its line as the runner
   * reports it (`console error: …`, `page error: …`, `HTTP 404 POST /api/…`, prefixed `[label] `
   * on a newPhone). Keep each one as narrow as the problem it allows.
   */
  expectedProblems?: RegExp[]
  run(ctx: JourneyContext): Promise<void>
}

/** A unique-enough suffix for ids created by one run (visitor openids). */
export function runId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}
