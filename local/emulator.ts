/**
 * `npm run emulator`: the local cloud alone (database, functions, outbox, storage, timers), without
 * the H5 app, on a fixed port, so that the real wx-server-sdk in any other script can be pointed at
 * it. Flags: --port N (default 9910, or EMULATOR_PORT), --db DIR (default .local/db, the folder
 * npm start uses: run one of them at a time), --memory (nothing persisted), --functions DIR (default
 * dist/cloudfunctions), --no-build.
 */
import path from 'node:path'
import { sdkEnv } from '../emulator/database'
import { buildFunctions } from '../scripts/build-functions'
import { ROOT } from '../scripts/functions'
import { restoreConsentQuotas, seedIfEmpty, seedStats, statsBackfillPending } from '../scripts/seed'
import { startLocalCloud } from './cloud'

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const value = (name: string) => {
    const index = args.indexOf(name)
    return index >= 0 ? args[index + 1] : undefined
  }
  const port = Number(value('--port') ?? process.env.EMULATOR_PORT ?? 9910)
  const persistDir = args.includes('--memory') ? undefined : path.resolve(value('--db') ?? path.join(ROOT, '.local', 'db'))
  const functionsDir = value('--functions') ? path.resolve(value('--functions')!) : undefined
  if (!args.includes('--no-build')) await buildFunctions({ outputDir: functionsDir })
  const cloud = await startLocalCloud({ port, persistDir, functionsDir, storageDir: persistDir ? path.join(path.dirname(persistDir), 'storage') : undefined })
  const seeded = seedIfEmpty(cloud.db, cloud.now())
  if (seeded) console.log('seeded demo data')
  restoreConsentQuotas(cloud.db, cloud.outbox)
  cloud.startTimers()
  cloud.followReinvocations = true
  if (seeded || statsBackfillPending(cloud.db)) {
    seedStats(cloud)
      .then((report) => console.log(`demo statistics ${report.from}–${report.to} computed in ${(report.elapsedMs / 1000).toFixed(0)} s`))
      .catch((error) => console.error('the demo statistics failed:', error))
  }

  const env = sdkEnv(cloud.server.url)
  console.log(`\n  TCB endpoint: ${cloud.server.url}`)
  console.log(`  Database: ${persistDir ? path.relative(ROOT, persistDir) + '/' : 'in memory'}\n`)
  console.log("  Point the real wx-server-sdk at it by setting, before require('wx-server-sdk'):")
  for (const [key, text] of Object.entries(env)) console.log(`    ${key}=${key === 'TCB_CONTEXT_CNFG' ? `'${text}'` : text}`)
  console.log('\n  Ctrl-C to stop.\n')

  const stop = async () => {
    await cloud.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
