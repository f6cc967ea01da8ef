/**
 * The child side of serverProcess.ts: one local cloud and its dev server in a process of their own,
 * as `npm start` runs them, so tests can send hostile requests, SIGKILL it and measure its memory.
 * Prints one JSON line `{"ready":true,"port":…,"pid":…}` once it answers.
 *   tsx test/support/serverMain.ts --functions <dir> [--db <dir>] [--seed] [--strict-indexes]
 */
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { startLocalCloud } from '../../local/cloud'
import { startDevServer } from '../../local/devServer'
import { seedIfEmpty } from '../../scripts/seed'

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const value = (name: string) => {
    const index = args.indexOf(name)
    return index >= 0 ? args[index + 1] : undefined
  }
  const functionsDir = value('--functions')
  if (!functionsDir) throw new Error('--functions <dir> is required')
  const persistDir = value('--db')
  const compactAt = value('--compact-at')
  const cloud = await startLocalCloud({
    functionsDir,
    persistDir,
    compactAtBytes: compactAt ? Number(compactAt) : undefined,
    idleInstanceMs: value('--idle-ms') ? Number(value('--idle-ms')) : undefined,
    maxInstances: Number(value('--instances') ?? 4),
    timeoutScale: Number(value('--timeout-scale') ?? 1),
    strictIndexes: args.includes('--strict-indexes'),
  })
  if (args.includes('--seed')) seedIfEmpty(cloud.db, cloud.now())
  cloud.followReinvocations = true
  const server = await startDevServer(cloud, { port: 0, host: '127.0.0.1', staticDir: path.join(os.tmpdir(), 'huiyuan-no-h5') })
  process.stdout.write(JSON.stringify({ ready: true, port: (server.address() as AddressInfo).port, pid: process.pid }) + '\n')
  const stop = async () => {
    server.close()
    await cloud.close()
    process.exit(0)
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
