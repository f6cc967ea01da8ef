import { buildFunctions } from '../../scripts/build-functions'
import { TEST_FUNCTIONS_OUTPUT } from '../../scripts/functions'

/** Function tests run the bundles WeChat would run, so build them once before any test file. */
export default async function globalSetup(): Promise<void> {
  await buildFunctions({ quiet: true, outputDir: TEST_FUNCTIONS_OUTPUT })
}
