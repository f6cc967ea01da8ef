/**
 * Page problems (console errors, uncaught page errors, HTTP ≥ 400 from /api/) fail a journey unless
 * it declares them, and the runner's self-tests check that this rule holds.
 */
import type { Journey } from './harness'

/** The problems no declaration covers, and the declarations nothing matched (kept narrow by reporting them). */
export function sortProblems(problems: readonly string[], expected: readonly RegExp[] = []): { unexpected: string[]; unused: RegExp[] } {
  const unexpected = problems.filter((problem) => !expected.some((pattern) => pattern.test(problem)))
  const unused = expected.filter((pattern) => !problems.some((problem) => pattern.test(problem)))
  return { unexpected, unused }
}

/**
 * A journey the runner executes before the real ones, with the verdict it must reach: a journey
 * with a deliberate problem must fail because of that problem (`mustFailWith`), and the same
 * problem declared must pass (`mustFailWith: null`). If the rule ever stops failing journeys,
 * the run goes red here rather than passing every real journey through its page errors.
 */
export interface SelfTest {
  journey: Journey
  mustFailWith: RegExp | null
}

const MARK = 'e2e-runner-self-test'

/** Blank pages, no app: each costs one browser context, and none touches the cloud. */
export const SELF_TESTS: SelfTest[] = [
  {
    journey: {
      name: 'self-test-console-error',
      title: 'a journey whose page logs console.error fails',
      async run({ page, step }) {
        step('log an error to the console')
        await Promise.all([page.waitForEvent('console'), page.evaluate((mark) => console.error(`${mark}: deliberate console error`), MARK)])
      },
    },
    mustFailWith: new RegExp(`^console error: ${MARK}: deliberate console error$`),
  },
  {
    journey: {
      name: 'self-test-page-error',
      title: 'a journey whose page throws an uncaught error fails',
      async run({ page, step }) {
        step('throw outside any handler')
        await Promise.all([
          page.waitForEvent('pageerror'),
          page.evaluate((mark) => {
            setTimeout(() => {
              throw new Error(`${mark}: deliberate page error`)
            })
          }, MARK),
        ])
      },
    },
    mustFailWith: new RegExp(`^page error: ${MARK}: deliberate page error$`),
  },
  {
    journey: {
      name: 'self-test-http-error',
      title: 'a journey that gets an HTTP 404 from /api/ fails',
      async run({ page, baseUrl, step }) {
        // Any other GET falls through to the app's static files; a missing cloud file is a plain 404.
        step('open a cloud file that does not exist')
        await page.goto(`${baseUrl}/api/dev/file?fileID=cloud://${MARK}.png`)
      },
    },
    mustFailWith: /^HTTP 404 GET \/api\/dev\/file$/,
  },
  {
    journey: {
      name: 'self-test-declared-problem',
      title: 'a journey that declares the console error it causes passes',
      expectedProblems: [new RegExp(`^console error: ${MARK}: declared console error$`)],
      async run({ page, step }) {
        step('log the declared error')
        await Promise.all([page.waitForEvent('console'), page.evaluate((mark) => console.error(`${mark}: declared console error`), MARK)])
      },
    },
    mustFailWith: null,
  },
]
