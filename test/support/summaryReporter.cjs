// Ends jest's output with one plain line, `jest: N passed, M failed`, that CI logs can be read by.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests
    process.stdout.write(`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`)
  }
}
module.exports = SummaryReporter
