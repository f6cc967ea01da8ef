/**
 * Page problems: a console error, an uncaught page error or an HTTP ≥ 400 answer from /api/ fails
 * a journey unless the journey declares it (`test.use({ expectedProblems: [...] })`). The fixture
 * in fixtures.ts watches every phone of a journey with one ProblemLog and asserts at the end;
 * page-problems-fail-journeys.spec.ts proves that the rule holds.
 */
import type { BrowserContext } from '@playwright/test'

/** The problems no declaration covers, and the declarations nothing matched (kept narrow by reporting them). */
export function sortProblems(problems: readonly string[], expected: readonly RegExp[] = []): { unexpected: string[]; unused: RegExp[] } {
  const unexpected = problems.filter((problem) => !expected.some((pattern) => pattern.test(problem)))
  const unused = expected.filter((pattern) => !problems.some((problem) => pattern.test(problem)))
  return { unexpected, unused }
}

/** Every problem seen on a journey's phones, one line each, as a declaration has to match it. */
export class ProblemLog {
  readonly lines: string[] = []

  /**
   * Watches a whole browser context rather than one page, so a page it opens later is watched too.
   * `label` prefixes the lines of a second phone (`[cashier] console error: …`).
   */
  watch(context: BrowserContext, label?: string): void {
    const from = label ? `[${label}] ` : ''
    context.on('weberror', (error) => this.add(`${from}page error: ${error.error().message}`))
    context.on('console', (message) => {
      if (message.type() === 'error') this.add(`${from}console error: ${message.text()}`)
    })
    context.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/') && response.status() >= 400)
        this.add(`${from}HTTP ${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`)
    })
  }

  add(line: string): void {
    this.lines.push(line)
  }

  /** Throws, listing them, when a problem is not covered by `expected`; answers the unused declarations. */
  assertAllExpected(expected: readonly RegExp[]): RegExp[] {
    const { unexpected, unused } = sortProblems(this.lines, expected)
    if (unexpected.length === 0) return unused
    const declared = this.lines.filter((line) => !unexpected.includes(line))
    throw new Error(
      [
        `page problems the journey does not declare (test.use({ expectedProblems })):`,
        ...unexpected.slice(0, 10).map((line) => `  ${line}`),
        ...(unexpected.length > 10 ? [`  … and ${unexpected.length - 10} more`] : []),
        ...declared.slice(0, 10).map((line) => `declared: ${line}`),
      ].join('\n'),
    )
  }
}
