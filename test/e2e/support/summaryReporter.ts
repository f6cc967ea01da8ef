/**
 * Ends the e2e output with one plain line, `e2e: N passed, M failed`, that CI logs can be read by
 * (jest's step ends the same way). A test that never ran because the run was stopped did not pass:
 * it counts as failed. A run that failed with no test failing (the global setup, a build) says so.
 */
import type { FullResult, Reporter, Suite } from '@playwright/test/reporter'

export default class SummaryReporter implements Reporter {
  private suite: Suite | undefined

  onBegin(_config: unknown, suite: Suite): void {
    this.suite = suite
  }

  onEnd(result: FullResult): void {
    const tests = this.suite?.allTests() ?? []
    // `expected` includes the self-tests marked test.fail() that failed as they must.
    const passed = tests.filter((test) => test.outcome() === 'expected' || test.outcome() === 'flaky').length
    const skipped = tests.filter((test) => test.expectedStatus === 'skipped').length
    const failed = tests.length - passed - skipped
    const run = result.status === 'passed' || (result.status === 'failed' && failed > 0) ? '' : `, run ${result.status}`
    process.stdout.write(`e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${run}\n`)
  }
}
