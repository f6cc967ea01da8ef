/**
 * Self-tests of the page-problem rule (support/problems.ts), on a blank page with no app: a
 * deliberate console error, uncaught page error or HTTP 404 from /api/ fails the test it happens
 * in, and the same problem declared does not.
 *
 * A failing self-test must fail for that reason and no other. Each one first checks that the
 * problem log holds exactly the deliberate problem, while the test is still expected to pass; only
 * then does it call test.fail(), after which the one thing left that can fail it is the fixture's
 * check at the end. If the rule ever lets the problem through, the test passes where it must fail,
 * and Playwright reports that as a failure: the run goes red here rather than waving real journeys
 * through their page errors.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { sortProblems, type ProblemLog } from './support/problems'

const MARK = 'e2e-self-test'

/**
 * The log holds `seen`, in any order, and the problems the test has not declared are exactly
 * `unexpected`, sorted by the same function the fixture's check uses.
 */
async function expectProblems(problems: ProblemLog, expected: RegExp[], seen: string[], unexpected: string[]): Promise<void> {
  await expect.poll(() => [...problems.lines].sort()).toEqual([...seen].sort())
  expect(sortProblems(problems.lines, expected).unexpected).toEqual(unexpected)
}

async function logConsoleError(page: Page, text: string): Promise<void> {
  await Promise.all([page.waitForEvent('console'), page.evaluate((message) => console.error(message), text)])
}

test('a journey whose page logs console.error fails', async ({ page, problems, expectedProblems }) => {
  await logConsoleError(page, `${MARK}: deliberate console error`)
  const line = `console error: ${MARK}: deliberate console error`
  await expectProblems(problems, expectedProblems, [line], [line])
  test.fail()
})

test('a journey whose page throws an uncaught error fails', async ({ page, problems, expectedProblems }) => {
  await Promise.all([
    page.waitForEvent('pageerror'),
    page.evaluate((mark) => {
      setTimeout(() => {
        throw new Error(`${mark}: deliberate page error`)
      })
    }, MARK),
  ])
  const line = `page error: ${MARK}: deliberate page error`
  await expectProblems(problems, expectedProblems, [line], [line])
  test.fail()
})

test.describe('an HTTP error', () => {
  // Chromium logs a failed load as a console error as well; declaring that one leaves the HTTP
  // line as the only problem, so this proves the HTTP part of the rule on its own.
  const loadFailed = 'console error: Failed to load resource: the server responded with a status of 404 (Not Found)'
  test.use({ expectedProblems: [/^console error: Failed to load resource: the server responded with a status of 404 \(Not Found\)$/] })

  test('a journey that gets an HTTP 404 from /api/ fails', async ({ page, problems, expectedProblems }) => {
    // A missing cloud file is a plain 404 from the dev server (any other GET falls through to the app's files).
    const response = await page.goto(`/api/dev/file?fileID=cloud://${MARK}.png`)
    expect(response?.status()).toBe(404)
    await expectProblems(problems, expectedProblems, ['HTTP 404 GET /api/dev/file', loadFailed], ['HTTP 404 GET /api/dev/file'])
    test.fail()
  })
})

test('a problem on a second phone fails the journey too, named by its label', async ({ newPhone, problems, expectedProblems }) => {
  const cashier = await newPhone('cashier')
  await logConsoleError(cashier, `${MARK}: deliberate console error`)
  const line = `[cashier] console error: ${MARK}: deliberate console error`
  await expectProblems(problems, expectedProblems, [line], [line])
  test.fail()
})

test.describe('a declared problem', () => {
  test.use({ expectedProblems: [new RegExp(`^console error: ${MARK}: declared console error$`)] })

  test('a journey that declares the console error it causes passes', async ({ page, problems, expectedProblems }) => {
    await logConsoleError(page, `${MARK}: declared console error`)
    // It did happen: the pass is the declaration's doing, not a missed problem's.
    await expectProblems(problems, expectedProblems, [`console error: ${MARK}: declared console error`], [])
  })
})
