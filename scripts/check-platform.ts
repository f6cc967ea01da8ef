/**
 * Part of `npm run lint`: what WeChat cloud would refuse at deploy or at run time, found before either.
 * Each check is a pure function in scripts/platform/ (tested in test/unit/lint/platform-checks.test.ts);
 * this script feeds them the project. The package sizes need a weapp build: scripts/check-weapp.ts.
 * Unindexed queries are refused by the emulator in the function tests (strictIndexes).
 */
import { COLLECTIONS } from '../cloudfunctions/shared/data/collections'
import { openapiProblems, openapiUses, portApis } from './platform/openapiCalls'
import { appConfig, functionBundle, portSource, projectFunctions, securityRules } from './platform/project'
import { securityRuleProblems } from './platform/securityRules'
import { tabBarProblems } from './platform/tabBar'
import { triggerProblems } from './platform/triggers'

async function main(): Promise<number> {
  const started = Date.now()
  const functions = projectFunctions()
  const apis = portApis(portSource())
  const checks: Array<[name: string, problems: Promise<string[]>]> = [
    [
      'each cloud.openapi call is listed in its function’s config.json',
      Promise.all(
        functions.map(async ({ name, config }) => {
          const bundle = await functionBundle(name).catch((error: Error) => error)
          if (bundle instanceof Error) return [`${name} does not bundle: ${bundle.message}`]
          return openapiProblems(name, openapiUses(bundle, apis), config.permissions?.openapi ?? [])
        }),
      ).then((lists) => lists.flat()),
    ],
    ['one timer per function, each with a valid 7-field cron', Promise.resolve(functions.flatMap(({ name, config }) => triggerProblems(name, config, new Date())))],
    ['tabBar pages are in the main package', appConfig().then(tabBarProblems)],
    ['every collection has the deny-all security rule', Promise.resolve(securityRuleProblems(securityRules(), COLLECTIONS))],
  ]
  let failed = 0
  for (const [name, pending] of checks) {
    const problems = await pending.catch((error: Error) => [`the check itself failed: ${error.message}`])
    if (problems.length > 0) failed++
    console.log(`${problems.length > 0 ? '✕' : '✓'} platform: ${name}`)
    for (const problem of problems) console.log(`    ${problem}`)
  }
  console.log(`platform: ${checks.length - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  return failed === 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
