import * as fs from 'node:fs'
import { CASES } from './cases'
import { CONFORMANCE_MD, Outcome, renderMarkdown, runCases } from './runner'

let outcomes: Outcome[]
beforeAll(async () => {
  outcomes = await runCases()
})

describe.each([...new Set(CASES.map((testCase) => testCase.area))])('%s', (area) => {
  const cases = CASES.map((testCase, i) => [testCase.call, i] as const).filter(([, i]) => CASES[i].area === area)
  test.each(cases)('%s', (_call, i) => {
    const { case: testCase, answer, then, sends } = outcomes[i]
    expect(answer).toEqual(testCase.expected)
    if (testCase.then) expect(then).toEqual(testCase.then)
    if (testCase.sends) expect(sends).toEqual(testCase.sends)
  })
})

test('emulator/CONFORMANCE.md is what the cases render (regenerate: npx tsx emulator/scripts/conformance.ts)', () => {
  const committed = fs.existsSync(CONFORMANCE_MD) ? fs.readFileSync(CONFORMANCE_MD, 'utf8') : ''
  expect(committed).toBe(renderMarkdown(outcomes))
})
