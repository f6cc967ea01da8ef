/** What a journey gets, and the few assertion helpers the journeys share. */
import type { BrowserContext, Page } from 'playwright-core'
import type { LocalCloud } from '../../../emulator/cloud'

export interface JourneyContext {
  page: Page
  context: BrowserContext
  cloud: LocalCloud
  /** http://127.0.0.1:<port> */
  baseUrl: string
  /** Records what the journey is doing, so a failure says where it happened. */
  step(label: string): void
}

export interface Journey {
  /** File-name-safe id: the screenshot is test-results/e2e/<name>.png. */
  name: string
  title: string
  run(ctx: JourneyContext): Promise<void>
}

/** A unique-enough suffix for ids created by one run (visitor openids). */
export function runId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}
