/**
 * Build steps for the e2e run: the function bundles every time (a few hundred ms), the H5 app only
 * when asked to or when its sources are newer than the last build (scripts/h5Build.ts decides, as
 * for npm start), so a stale dist/h5 is never tested.
 */
import { buildFunctions } from '../../../scripts/build-functions'
import { buildH5, H5BuildError, h5StaleReason } from '../../../scripts/h5Build'

export { H5_DIR, stopH5Build as stopBuild } from '../../../scripts/h5Build'

export async function buildForE2E(options: { forceH5: boolean; log: (line: string) => void }): Promise<void> {
  const started = Date.now()
  await buildFunctions({ quiet: true })
  options.log(`built cloud functions (${Date.now() - started} ms)`)

  const reason = options.forceH5 ? 'requested' : h5StaleReason()
  if (!reason) return options.log('H5 build is up to date')
  options.log(`building the H5 app (${reason})…`)
  try {
    options.log(`built the H5 app (${(await buildH5()).toFixed(1)} s)`)
  } catch (error) {
    if (error instanceof H5BuildError) process.stderr.write(error.output)
    throw error
  }
}
