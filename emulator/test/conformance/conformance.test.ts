import * as fs from 'node:fs';
import { CASES } from './cases';
import { CONFORMANCE_MD, Outcome, renderMarkdown, runCases } from './runner';

let outcomes: Outcome[];
beforeAll(async () => {
  outcomes = await runCases();
});

describe.each([...new Set(CASES.map((c) => c.area))])('%s', (area) => {
  const cases = CASES.map((c, i) => [c.call, i] as const).filter(([, i]) => CASES[i].area === area);
  test.each(cases)('%s', (_call, i) => {
    const { case: c, answer, then, sends } = outcomes[i];
    expect(answer).toEqual(c.expected);
    if (c.then) expect(then).toEqual(c.then);
    if (c.sends) expect(sends).toEqual(c.sends);
  });
});

test('emulator/CONFORMANCE.md is what the cases render (regenerate: npx tsx emulator/scripts/conformance.ts)', () => {
  const committed = fs.existsSync(CONFORMANCE_MD) ? fs.readFileSync(CONFORMANCE_MD, 'utf8') : '';
  expect(committed).toBe(renderMarkdown(outcomes));
});
