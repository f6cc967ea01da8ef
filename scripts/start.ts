/**
 * `npm start`: builds what is stale, starts the local cloud (database persisted in .local/db, demo
 * data seeded on first run) and serves the app. The functions and the H5 app are rebuilt only when
 * their sources are newer than the last build; while the H5 app builds, the server already answers
 * with a page that says so. Flags: --no-build (reuse dist/ as it is, even if stale), --port N
 * (default 10086, or PORT). HUIYUAN_DATA_DIR puts the database and storage somewhere other than
 * .local/, and HUIYUAN_H5_DIR the H5 build somewhere other than dist/h5 (the bench's throwaway starts).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import type { LocalCloud } from '../local/cloud'
import { buildFailedPage, buildingPage } from './buildingPage'
import { FUNCTIONS_OUTPUT, ROOT, functionNames } from './functions'
import { buildH5, H5BuildError, H5_DIR, h5StaleReason, settleH5Build, stopH5Build } from './h5Build'
import { firstNewerSource } from './staleness'

async function main() {
  const args = process.argv.slice(2)
  const port = Number(argValue(args, '--port') ?? process.env.PORT ?? 10086)
  const noBuild = args.includes('--no-build')
  const dataDir = path.resolve(ROOT, process.env.HUIYUAN_DATA_DIR ?? '.local')
  process.once('exit', stopH5Build)

  // The H5 build is the long pole: it starts first, and the functions and the cloud start beside it.
  const staleBecause = noBuild && existsSync(path.join(H5_DIR, 'index.html')) ? null : h5StaleReason()
  let placeholder: (() => string) | null = null
  let built: Promise<number> | null = null
  if (staleBecause) {
    console.log(`building the H5 app (${staleBecause}; about a minute the first time)…`)
    const startedAt = Date.now()
    placeholder = () => buildingPage(startedAt, Date.now())
    built = buildH5()
    built.catch(() => undefined) // awaited below, once the server is up
  } else console.log('the H5 app is up to date with its sources: not rebuilt')
  // Loaded only now: compiling the emulator and the functions' builder takes seconds the H5 build should not wait for.
  const [{ buildFunctions }, { startLocalCloud }, { startDevServer }, { seedIfEmpty, seedStats, statsBackfillPending, restoreConsentQuotas }] = await Promise.all([
    import('./build-functions'),
    import('../local/cloud'),
    import('../local/devServer'),
    import('./seed'),
  ])
  const functionsStale = functionsStaleReason()
  if (functionsStale && (!noBuild || !existsSync(FUNCTIONS_OUTPUT))) {
    console.log(`building the cloud functions (${functionsStale})…`)
    await buildFunctions()
  }

  const persistDir = path.join(dataDir, 'db')
  mkdirSync(persistDir, { recursive: true })
  const cloud = await startLocalCloud({ persistDir, storageDir: path.join(dataDir, 'storage') })
  const seedStartedAt = Date.now()
  const seeded = seedIfEmpty(cloud.db, cloud.now())
  if (seeded) console.log(`seeded demo data (${((Date.now() - seedStartedAt) / 1000).toFixed(1)} s): 示范店 and 滨江店, 店主, 收银员, 300 members over 12 months in every tier`)
  restoreConsentQuotas(cloud.db, cloud.outbox)
  // Timer triggers (jobs/daily at 00:30 Beijing time) fire on the emulated clock; moving it past 00:30 fires them.
  cloud.startTimers()
  cloud.followReinvocations = true

  const server = await startDevServer(cloud, { port, staticDir: H5_DIR, host: process.env.HOST ?? '127.0.0.1', placeholder: () => placeholder?.() ?? null })
  const stop = async () => {
    server.close()
    await cloud.close()
    process.once('SIGINT', () => process.exit(130))
    await settleH5Build(() => console.log('letting the H5 build finish writing its cache (Ctrl-C again to quit now)…'))
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  console.log(`\n  会员通 is running: http://localhost:${port}/${built ? ' (it says 正在构建… until the build is done)' : ''}\n`)
  // 数据's 12 months of figures: the stats job over the seeded year, in the background (tens of seconds) while the app is already usable.
  if (seeded || statsBackfillPending(cloud.db)) {
    console.log('  computing the demo statistics for 数据 (the last 365 days) in the background…')
    seedStats(cloud)
      .then((report) =>
        console.log(
          `  数据: statistics from ${report.from} to ${report.to} computed in ${(report.elapsedMs / 1000).toFixed(0)} s${report.classified ? '' : ' (the members’ snapshot follows the 01:00 classification)'}\n`,
        ),
      )
      .catch((error) => console.error('  数据: the demo statistics failed:', error))
  }
  console.log('  You start as a new visitor; the 身份 tab (left edge) switches to 会员 A/B, 收银员, 店主.')
  console.log(`  Database: ${path.relative(ROOT, persistDir) || persistDir}/ (delete it to re-seed). Ctrl-C to stop.\n`)

  if (built) {
    // The first page asks member; loaded now, its instance is still warm when a build of under a minute is done.
    void warm(cloud, 'member')
    try {
      console.log(`  built the H5 app (${(await built).toFixed(1)} s): the page opens the app now\n`)
      placeholder = null
    } catch (error) {
      if (error instanceof H5BuildError) process.stderr.write(error.output)
      console.error(String((error as Error).message))
      placeholder = buildFailedPage
      return
    }
  }
  await warmUp(cloud)
}

/**
 * One call per function, refused before any of its own code runs (there is no such action): it
 * loads an instance of each, so the first page and card do not wait on cold starts. Idle instances
 * are reclaimed after 60 s as in WeChat cloud, so this runs once the app is there to be opened:
 * member first (the first page asks it), then the others one at a time, since each load takes a
 * core for about a second while the browser is loading the app.
 */
async function warmUp(cloud: LocalCloud): Promise<void> {
  const names = functionNames().sort((a, b) => Number(b === 'member') - Number(a === 'member'))
  for (const name of names) await warm(cloud, name)
}

async function warm(cloud: LocalCloud, name: string): Promise<void> {
  await cloud.call(name, { action: 'warmUp' }).catch(() => undefined)
}

/** Why dist/cloudfunctions must be rebuilt, or null when every bundle is newer than every function source. */
function functionsStaleReason(): string | null {
  const bundles = functionNames().map((name) => path.join(FUNCTIONS_OUTPUT, name, 'index.js'))
  const missing = bundles.find((bundle) => !existsSync(bundle))
  if (missing) return `${path.relative(ROOT, missing)} is missing`
  const newer = firstNewerSource(['cloudfunctions', 'package-lock.json'], Math.min(...bundles.map((bundle) => statSync(bundle).mtimeMs)))
  return newer && `${newer} is newer than the build`
}

function argValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name)
  return index >= 0 ? args[index + 1] : undefined
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
