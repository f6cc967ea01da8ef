/**
 * Writes emulator/CONFORMANCE.md: runs every conformance case (emulator/test/conformance/cases.ts) through the
 * real wx-server-sdk against the emulator and renders what came back. Refuses to write while a case does not
 * conform, so the table never documents a failing run.
 *
 *   npx tsx emulator/scripts/conformance.ts
 */
import * as fs from 'node:fs'
import { CONFORMANCE_MD, mismatches, renderMarkdown, runCases } from '../test/conformance/runner'

async function main(): Promise<void> {
  const outcomes = await runCases()
  const failing = outcomes.map((outcome) => ({ outcome, problems: mismatches(outcome) })).filter((failure) => failure.problems.length)
  for (const { outcome, problems } of failing) console.error(`✗ [${outcome.case.area}] ${outcome.case.call}\n    ${problems.join('\n    ')}`)
  if (failing.length) {
    console.error(`${failing.length} of ${outcomes.length} cases do not conform; CONFORMANCE.md left as it was`)
    process.exitCode = 1
    return
  }
  fs.writeFileSync(CONFORMANCE_MD, renderMarkdown(outcomes))
  console.log(`wrote ${CONFORMANCE_MD} (${outcomes.length} cases)`)
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
