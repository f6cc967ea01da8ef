/**
 * Builds what the journeys run before any worker starts: the function bundles every time (a few
 * hundred ms), the H5 app when its sources are newer than dist/h5 (or E2E_BUILD=1), so a stale build
 * is never tested.
 */
import { buildForE2E, stopBuild } from './build'

export default async function globalSetup(): Promise<void> {
  // The H5 build runs in its own process group: a run stopped by Ctrl-C or the global timeout must
  // not leave it behind.
  process.once('exit', stopBuild)
  await buildForE2E({ forceH5: process.env.E2E_BUILD === '1', log: (line) => console.log(`e2e: ${line}`) })
}
