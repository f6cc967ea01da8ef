/**
 * Build steps for the e2e run: the function bundles every time (a few hundred ms), the H5 app only
 * when asked to or when its sources are newer than the last build, so a stale dist/h5 is never tested.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs'
import path from 'node:path'
import { buildFunctions } from '../../../scripts/build-functions'
import { ROOT } from '../../../scripts/functions'

export const H5_DIR = path.join(ROOT, 'dist', 'h5')
const H5_INDEX = path.join(H5_DIR, 'index.html')

/** What the H5 bundle is made of: a change to any of these makes dist/h5 stale. */
const H5_SOURCES = ['client', 'cloudfunctions/shared/contract', 'config', 'babel.config.js', 'project.config.json']

export async function buildForE2E(options: { forceH5: boolean; log: (line: string) => void }): Promise<void> {
  let started = Date.now()
  await buildFunctions({ quiet: true })
  options.log(`built cloud functions (${Date.now() - started} ms)`)

  const reason = options.forceH5 ? 'requested' : h5StaleReason()
  if (!reason) return options.log('H5 build is up to date')
  options.log(`building the H5 app (${reason})…`)
  started = Date.now()
  const result = await runH5Build()
  if (result.code !== 0 || !existsSync(H5_INDEX)) {
    process.stderr.write(result.output)
    throw new Error(`H5 build failed (${result.code === null ? 'killed' : `exit ${result.code}`})`)
  }
  // Stamp the build with the time it started: a source saved while it ran still counts as newer.
  const stamp = new Date(started)
  utimesSync(H5_INDEX, stamp, stamp)
  options.log(`built the H5 app (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}

let building: ChildProcess | undefined

/** Stops an H5 build still running (the run's overall timeout, Ctrl-C). */
export function stopBuild(): void {
  if (building?.pid && building.exitCode === null) {
    try {
      process.kill(-building.pid, 'SIGTERM') // its own process group: npx, taro and webpack workers
    } catch {
      building.kill('SIGTERM')
    }
  }
}

/** `taro build --type h5` as npm start runs it, asynchronously so the run's timeout still fires. */
function runH5Build(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['taro', 'build', '--type', 'h5'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
      detached: true,
    })
    building = child
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      building = undefined
      resolve({ code, output })
    })
  })
}

/** Why dist/h5 must be rebuilt, or null when it is newer than every source file. */
export function h5StaleReason(): string | null {
  if (!existsSync(H5_INDEX)) return 'dist/h5/index.html is missing'
  const builtAt = statSync(H5_INDEX).mtimeMs
  for (const source of H5_SOURCES) {
    const newer = firstNewer(path.join(ROOT, source), builtAt)
    if (newer) return `${path.relative(ROOT, newer)} is newer than the build`
  }
  return null
}

function firstNewer(target: string, than: number): string | null {
  if (!existsSync(target)) return null
  const stat = statSync(target)
  // A directory's own mtime moves when a file in it is added, removed or renamed.
  if (stat.mtimeMs > than) return target
  if (!stat.isDirectory()) return null
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const found = firstNewer(path.join(target, entry.name), than)
    if (found) return found
  }
  return null
}
