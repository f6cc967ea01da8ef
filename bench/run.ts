/**
 * `npm run bench`: the figures the issues ask for, printed as a table and kept in
 * bench/results.json. Benchmarks report; only hard platform limits fail the run.
 * `npm run bench -- <section> …` runs only the named sections.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { startLocalCloud } from '../local/cloud'
import { buildFunctions } from '../scripts/build-functions'
import { ROOT } from '../scripts/functions'
import { birthdays } from './sections/birthdays'
import { expiry } from './sections/expiry'
import { member } from './sections/member'
import { packages } from './sections/packages'
import { points } from './sections/points'
import { tiers } from './sections/tiers'
import type { BenchSection, Row } from './types'

const SECTIONS: BenchSection[] = [packages, member, points, expiry, tiers, birthdays]

async function main() {
  const wanted = process.argv.slice(2)
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
  if (overLimits.length) {
    console.error(overLimits.join('\n'))
    process.exit(1)
  }
}

function printTable(rows: Row[]) {
  const width = (key: keyof Row) => Math.max(key.length, ...rows.map((row) => String(row[key]).length))
  const [f, v, g] = [width('figure'), width('value'), width('goal')]
  console.log(`\n${'figure'.padEnd(f)}  ${'value'.padStart(v)}  ${'goal'.padEnd(g)}  met`)
  console.log(`${'-'.repeat(f)}  ${'-'.repeat(v)}  ${'-'.repeat(g)}  ---`)
  for (const row of rows) console.log(`${row.figure.padEnd(f)}  ${row.value.padStart(v)}  ${row.goal.padEnd(g)}  ${row.met ? 'yes' : 'NO'}`)
  console.log('\nwritten to bench/results.json')
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
