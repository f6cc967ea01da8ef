/**
 * `npm start`: builds the functions and the H5 app, starts the local cloud (database persisted in
 * .local/db, demo data seeded on first run) and serves the app. Flags: --no-build (reuse dist/),
 * --port N (default 10086, or PORT).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { startLocalCloud } from '../local/cloud'
import { startDevServer } from '../local/devServer'
import { buildFunctions } from './build-functions'
import { ROOT } from './functions'
import { seedIfEmpty } from './seed'

async function main() {
  const args = process.argv.slice(2)
  const port = Number(argValue(args, '--port') ?? process.env.PORT ?? 10086)
  const staticDir = path.join(ROOT, 'dist', 'h5')
  if (!args.includes('--no-build') || !existsSync(path.join(ROOT, 'dist', 'cloudfunctions'))) await buildFunctions()
  if (!args.includes('--no-build') || !existsSync(path.join(staticDir, 'index.html'))) buildH5()

  const persistDir = path.join(ROOT, '.local', 'db')
  mkdirSync(persistDir, { recursive: true })
  const cloud = await startLocalCloud({ persistDir, storageDir: path.join(ROOT, '.local', 'storage') })
  if (seedIfEmpty(cloud.db, cloud.now())) console.log('seeded demo data: 示范店, 店主, 收银员, members in every tier')
  // Timer triggers (jobs/daily at 00:30 Beijing time) fire on the emulated clock; moving it past 00:30 fires them.
  cloud.startTimers()
  cloud.followReinvocations = true

  const server = await startDevServer(cloud, { port, staticDir, host: process.env.HOST ?? '127.0.0.1' })
  console.log(`\n  会员通 is running: http://localhost:${port}/\n`)
  console.log('  You start as a new visitor; the 身份 button (bottom right) switches to 会员 A/B, 收银员, 店主.')
  console.log(`  Database: ${path.relative(ROOT, persistDir)}/ (delete it to re-seed). Ctrl-C to stop.\n`)

  const stop = async () => {
    server.close()
    await cloud.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

function buildH5() {
  console.log('building the H5 app (about 30 s)…')
  const result = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } })
  if (result.status !== 0) throw new Error('H5 build failed: run `npm run build:h5` to see why')
}

function argValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name)
  return index >= 0 ? args[index + 1] : undefined
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
