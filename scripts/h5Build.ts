/**
 * The H5 build as npm start, the e2e run and the bench share it: where it is served from, whether
 * it is stale, and `taro build --type h5` run beside it and swapped in only once it is complete, so a
 * server reading the old build never sees half of the new one and a failed build leaves the old one.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './functions'
import { firstNewerSource } from './staleness'

/** dist/h5, or HUIYUAN_H5_DIR: the bench times cold starts without deleting the developer's build. */
export const H5_DIR = path.resolve(ROOT, process.env.HUIYUAN_H5_DIR ?? path.join('dist', 'h5'))
const H5_INDEX = path.join(H5_DIR, 'index.html')
/** Where taro writes (config/index.ts reads HUIYUAN_H5_OUTPUT); one fixed name, so the webpack cache sees one output path. */
const STAGING_DIR = `${H5_DIR}.building`

/** What the H5 bundle is made of: a change to any of these makes the build stale. */
const H5_SOURCES = ['client', 'cloudfunctions/shared/contract', 'config', 'babel.config.js', 'project.config.json', 'package-lock.json']

/** Why the H5 build must be redone, or null when it is newer than every source file. */
export function h5StaleReason(): string | null {
  if (!existsSync(H5_INDEX)) return `${path.relative(ROOT, H5_INDEX)} is missing`
  const newer = firstNewerSource(H5_SOURCES, statSync(H5_INDEX).mtimeMs)
  return newer && `${newer} is newer than the build`
}

export class H5BuildError extends Error {
  constructor(
    message: string,
    /** Everything taro printed, for the person reading why. */
    readonly output: string,
  ) {
    super(message)
  }
}

/** The taro process of the build under way, or of the last one while it still writes webpack's cache. */
let building: { child: ChildProcess; written: boolean; closed: Promise<void> } | undefined

/**
 * A production `taro build --type h5` into H5_DIR; resolves to the seconds it took once its files
 * are written and swapped in. webpack then goes on writing its cache for a few seconds, at the
 * lowest priority so that it does not slow the first page; nothing waits for it. Asynchronous, so
 * a server can answer and a test run's timeout can fire while it runs.
 */
export async function buildH5(): Promise<number> {
  const started = Date.now()
  rmSync(STAGING_DIR, { recursive: true, force: true })
  const result = await runTaro(STAGING_DIR)
  const stagedIndex = path.join(STAGING_DIR, 'index.html')
  if (!result.written || !existsSync(stagedIndex)) {
    throw new H5BuildError(`H5 build failed (${result.code === null ? 'killed' : `exit ${result.code}`}): run \`npm run build:h5\` to see why`, result.output)
  }
  // Stamped with the time it started: a source saved while it ran still counts as newer.
  const stamp = new Date(started)
  utimesSync(stagedIndex, stamp, stamp)
  const old = `${H5_DIR}.old`
  rmSync(old, { recursive: true, force: true })
  if (existsSync(H5_DIR)) renameSync(H5_DIR, old)
  renameSync(STAGING_DIR, H5_DIR)
  rmSync(old, { recursive: true, force: true })
  return (Date.now() - started) / 1000
}

/** Kills an H5 build still running, at once (process exit, a test run's overall timeout). */
export function stopH5Build(): void {
  const child = building?.child
  if (!child?.pid || child.exitCode !== null) return
  try {
    process.kill(-child.pid, 'SIGTERM') // its own process group: taro and webpack's workers
  } catch {
    child.kill('SIGTERM')
  }
}

/**
 * Stops an H5 build on Ctrl-C: one that has written its files is left up to `graceMs` to finish
 * writing webpack's cache, without which the next build starts from nothing.
 */
export async function settleH5Build(onWait: () => void, graceMs = 60_000): Promise<void> {
  const current = building
  if (current?.written) {
    onWait()
    let timer: NodeJS.Timeout | undefined
    await Promise.race([current.closed, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))])
    clearTimeout(timer)
  }
  stopH5Build()
}

const TARO = path.join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro')

/** Printed by config/index.ts when webpack has written a build without errors. */
const ASSETS_WRITTEN = '[huiyuan] H5 assets written'

/** Settles when taro prints ASSETS_WRITTEN, or exits without it: a build with errors (Taro exits 0 after some) never counts as written. */
function runTaro(outputDir: string): Promise<{ written: boolean; code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // taro's own script, not npx: its pid is webpack's, whose priority is lowered below.
    const child = spawn(process.execPath, [TARO, 'build', '--type', 'h5'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', HUIYUAN_H5_OUTPUT: outputDir },
      detached: true,
    })
    const current = { child, written: false, closed: new Promise<void>((done) => child.once('close', () => done())) }
    building = current
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (current.written || !output.includes(ASSETS_WRITTEN)) return
      current.written = true
      try {
        if (child.pid) os.setPriority(child.pid, 19)
      } catch {
        // Only a nicety: the cache is written either way.
      }
      resolve({ written: true, code: null, output })
    })
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (building === current) building = undefined
      resolve({ written: false, code, output })
    })
  })
}
