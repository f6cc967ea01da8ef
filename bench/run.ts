/**
 * `npm run bench`: the figures the issues ask for, printed as a table and kept in
 * bench/results.json. A row either has a goal, and the run exits non-zero when it misses it, or
 * is reported without a verdict (`-`). A broken hard platform limit always fails the run.
 *
 *   npm run bench -- <section> …     only the named sections
 *   npm run bench -- --no-fail       print and keep the figures, but exit 0 on missed goals
 *                                    (also BENCH_NO_FAIL=1), for exploring with reduced sizes
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { startLocalCloud } from '../local/cloud'
import { buildFunctions } from '../scripts/build-functions'
import { ROOT } from '../scripts/functions'
import { activities } from './sections/activities'
import { birthdays } from './sections/birthdays'
import { campaigns } from './sections/campaigns'
import { emulator } from './sections/emulator'
import { expiry } from './sections/expiry'
import { localMode } from './sections/localMode'
import { member } from './sections/member'
import { packages } from './sections/packages'
import { points } from './sections/points'
import { start } from './sections/start'
import { staff } from './sections/staff'
import { stats } from './sections/stats'
import { tickets } from './sections/tickets'
import { tiers } from './sections/tiers'
import type { BenchSection, Row } from './types'
import { missed, verdictOf } from './verdict'

const SECTIONS: BenchSection[] = [packages, member, points, expiry, tiers, birthdays, activities, tickets, campaigns, staff, stats, localMode, emulator, start]

async function main() {
  const args = process.argv.slice(2)
  const noFail = args.includes('--no-fail') || process.env.BENCH_NO_FAIL === '1'
  const wanted = args.filter((arg) => !arg.startsWith('--'))
  const unknown = wanted.filter((name) => !SECTIONS.some((section) => section.name === name))
  if (unknown.length) throw new Error(`no bench section ${unknown.join(', ')}; sections: ${SECTIONS.map((section) => section.name).join(', ')}`)
  const sections = wanted.length ? SECTIONS.filter((section) => wanted.includes(section.name)) : SECTIONS
  const functionsDir = path.join(ROOT, 'dist', 'bench', 'cloudfunctions')
  await buildFunctions({ quiet: true, outputDir: functionsDir })
  const cloud = await startLocalCloud({ functionsDir, maxInstances: 8 })
  const rows: Row[] = []
  const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), node: process.version }
  const overLimits: string[] = []
  try {
    for (const section of sections) {
      const started = Date.now()
      const outcome = await section.run({ functionsDir, cloud })
      rows.push(...outcome.rows)
      results[section.name] = { ...outcome.results, benchSeconds: (Date.now() - started) / 1000 }
      if (outcome.overHardLimit) overLimits.push(outcome.overHardLimit)
    }
  } finally {
    await cloud.close()
  }
  results.table = rows
  const file = path.join(ROOT, 'bench', 'results.json')
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n')
  printTable(rows)
  const misses = missed(rows)
  if (misses.length)
    console.error(
      `\n${misses.length} row${misses.length === 1 ? '' : 's'} missed ${misses.length === 1 ? 'its goal' : 'their goals'}${noFail ? ' (--no-fail: exit 0)' : ''}:\n${misses.map((row) => `  ${row.figure}: ${row.value}, goal ${row.goal}`).join('\n')}`,
    )
  if (overLimits.length) console.error(overLimits.join('\n'))
  if (overLimits.length || (misses.length && !noFail)) process.exit(1)
}

function printTable(rows: Row[]) {
  const lines = rows.map((row) => ({ figure: row.figure, value: row.value, ...verdictOf(row) }))
  const width = (key: 'figure' | 'value' | 'goal') => Math.max(key.length, ...lines.map((line) => line[key].length))
  const [f, v, g] = [width('figure'), width('value'), width('goal')]
  console.log(`\n${'figure'.padEnd(f)}  ${'value'.padStart(v)}  ${'goal'.padEnd(g)}  met`)
  console.log(`${'-'.repeat(f)}  ${'-'.repeat(v)}  ${'-'.repeat(g)}  ---`)
  for (const line of lines) console.log(`${line.figure.padEnd(f)}  ${line.value.padStart(v)}  ${line.goal.padEnd(g)}  ${line.met}`)
  console.log('\nwritten to bench/results.json')
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
