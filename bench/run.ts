/**
 * `npm run bench`: the figures the issues ask for, printed as a table and kept in
 * bench/results.json. Benchmarks report; only hard platform limits fail the run.
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { LocalCloud } from '../emulator/cloud'
import { buildFunctions } from '../scripts/build-functions'
import { ROOT } from '../scripts/functions'
import { measureWeapp } from './packageSize'
import { roundTrips } from './roundTrips'

const MB = 1024 * 1024
const LIMITS = { mainBytes: 2 * MB, subpackageBytes: 2 * MB, totalBytes: 20 * MB }
const GOALS = { mainBytes: 512 * 1024, memberMe: 1, memberJoin: 3 }

interface Row {
  figure: string
  value: string
  goal: string
  met: boolean
}

async function main() {
  const rows: Row[] = []
  const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), node: process.version }

  // Package sizes: a fresh production weapp build.
  console.log('building the weapp package…')
  const build = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } })
  if (build.status !== 0) throw new Error(`weapp build failed:\n${build.stdout}\n${build.stderr}`)
  const sizes = measureWeapp(path.join(ROOT, 'dist', 'weapp'))
  results.weapp = sizes
  rows.push({ figure: 'weapp main package', value: kb(sizes.mainBytes), goal: `≤ ${kb(GOALS.mainBytes)} (limit 2 MB)`, met: sizes.mainBytes <= GOALS.mainBytes })
  for (const [root, bytes] of Object.entries(sizes.subpackages)) rows.push({ figure: `weapp subpackage ${root}`, value: kb(bytes), goal: '≤ 2 MB', met: bytes <= LIMITS.subpackageBytes })
  rows.push({ figure: 'weapp total', value: kb(sizes.totalBytes), goal: '≤ 20 MB', met: sizes.totalBytes <= LIMITS.totalBytes })

  // Database round trips per action, through the real SDK and the emulator.
  const functionsDir = path.join(ROOT, 'dist', 'bench', 'cloudfunctions')
  await buildFunctions({ quiet: true, outputDir: functionsDir })
  const cloud = await LocalCloud.start({ functionsDir })
  try {
    const form = { name: '测速', birthday: '1990-01-01', gender: 'unknown' }
    const trips = {
      'member.me (not a member)': await roundTrips(cloud, 'member', { action: 'me' }, 'bench-visitor'),
      'member.join (new member)': await roundTrips(cloud, 'member', { action: 'join', payload: form }, 'bench-member'),
      'member.join (repeat)': await roundTrips(cloud, 'member', { action: 'join', payload: form }, 'bench-member'),
      'member.me (member)': await roundTrips(cloud, 'member', { action: 'me' }, 'bench-member'),
    }
    results.roundTrips = trips
    for (const [label, trip] of Object.entries(trips)) {
      const goal = label.startsWith('member.me') ? GOALS.memberMe : GOALS.memberJoin
      rows.push({ figure: `DB round trips: ${label}`, value: String(trip.roundTrips), goal: label.startsWith('member.me') ? `= ${goal}` : `≤ ${goal}`, met: trip.ok && (label.startsWith('member.me') ? trip.roundTrips === goal : trip.roundTrips <= goal) })
    }
  } finally {
    await cloud.close()
  }

  results.table = rows
  writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n')
  printTable(rows)
  const overLimit = sizes.mainBytes > LIMITS.mainBytes || sizes.totalBytes > LIMITS.totalBytes || Object.values(sizes.subpackages).some((bytes) => bytes > LIMITS.subpackageBytes)
  if (overLimit) {
    console.error('a package is over WeChat’s hard size limit')
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

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
