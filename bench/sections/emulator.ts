/**
 * The local cloud itself, as `npm start` runs it (a process of its own, the database persisted):
 * throughput and latency of a fixed mixed workload with an empty database and with 1,000,000 ledger
 * rows, resident memory after warm-up and after 10,000 more requests, and acknowledged writes lost
 * over SIGKILL cycles.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { INDEXES } from '../../cloudfunctions/shared/data/indexes'
import { EmulatedDatabase } from '../../emulator/database'
import { seedIfEmpty } from '../../scripts/seed'
import { burstUntilKilled } from '../../test/support/killBurst'
import { fillInstancePools, percentile, prepareMembers, runMixedWorkload, type WorkloadReport } from '../../test/support/mixedWorkload'
import { startServerProcess, type ServerProcess } from '../../test/support/serverProcess'
import type { BenchSection, Row } from '../types'
import { reported } from '../verdict'

const LEDGER_ROWS = Number(process.env.BENCH_EMULATOR_LEDGER_ROWS ?? 1_000_000)
const SOAK_REQUESTS = Number(process.env.BENCH_EMULATOR_SOAK ?? 10_000)
const RATE_REQUESTS = Number(process.env.BENCH_EMULATOR_RATE ?? 3_000)
const WARM_UP_REQUESTS = 1_000
const CONCURRENCY = 8
const KILL_CYCLES = 5
/** Instances per function, as in the soak test: each is a worker thread with its own heap. */
const INSTANCES = 2
const RSS_GROWTH_GOAL_MB = 50
/** The 1,000,000-row run may be this much slower than the empty one before "close to 1" is missed. */
const RATIO_GOAL = 0.8

const MB = 1024 * 1024

function rate(report: WorkloadReport) {
  return {
    rps: (report.requests / report.elapsedMs) * 1000,
    p50: percentile(report.latencies, 50),
    p99: percentile(report.latencies, 99),
    unexpected: report.unexpected,
    samples: report.samples.slice(0, 5),
  }
}

/** Demo shop plus LEDGER_ROWS ledger rows of 100,000 other members, written straight into a database folder. */
async function seedLargeLedger(dir: string): Promise<void> {
  const db = new EmulatedDatabase({ persistDir: dir, indexes: INDEXES })
  const now = new Date()
  seedIfEmpty(db, now)
  const SLICE = 10_000
  for (let from = 0; from < LEDGER_ROWS; from += SLICE) {
    const rows = []
    for (let i = from; i < Math.min(LEDGER_ROWS, from + SLICE); i++) {
      const createdAt = new Date(now.getTime() - (LEDGER_ROWS - i) * 30_000)
      rows.push({
        _id: `order:store-001:BIG${i}`,
        openid: `oBIG${(i % 100_000).toString(36).padStart(6, '0')}`,
        kind: 'earn',
        delta: 10 + (i % 90),
        balanceAfter: 10 + (i % 90),
        reason: '消费',
        by: 'demo-cashier',
        rulesVersion: 1,
        createdAt,
        expiresAt: null,
        order: { storeId: 'store-001', orderNo: `BIG${i}`, amountFen: 1000 + i },
      })
    }
    db.insertMany('ledger', rows)
  }
  await db.close()
}

async function measureRate(server: ServerProcess, run: string): Promise<ReturnType<typeof rate>> {
  const members = await prepareMembers(server, run, 20)
  await runMixedWorkload(server, { requests: 300, concurrency: CONCURRENCY, members, run: `${run}w` })
  return rate(await runMixedWorkload(server, { requests: RATE_REQUESTS, concurrency: CONCURRENCY, members, run }))
}

export const emulator: BenchSection = {
  name: 'emulator',
  async run({ functionsDir }) {
    const rows: Row[] = []
    const dirs: string[] = []
    const tempDir = () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-emulator-'))
      dirs.push(dir)
      return dir
    }
    try {
      // Memory: warm up, then a long soak on the same server.
      const soakServer = await startServerProcess({ db: tempDir(), seed: true, functionsDir, timeoutScale: 2, instances: INSTANCES })
      let soak: ReturnType<typeof rate>
      let rssWarm: number
      let rssAfter: number
      try {
        const members = await prepareMembers(soakServer, 'soak', 50)
        await runMixedWorkload(soakServer, { requests: WARM_UP_REQUESTS, concurrency: CONCURRENCY, members, run: 'warm' })
        await fillInstancePools(soakServer, INSTANCES)
        rssWarm = soakServer.rss()
        soak = rate(await runMixedWorkload(soakServer, { requests: SOAK_REQUESTS, concurrency: CONCURRENCY, members, run: 'soak' }))
        rssAfter = soakServer.rss()
      } finally {
        await soakServer.stop()
      }
      const growthMb = (rssAfter - rssWarm) / MB
      rows.push(reported('emulator: RSS after warm-up', `${(rssWarm / MB).toFixed(0)} MB`))
      rows.push({
        figure: `emulator: RSS growth over ${SOAK_REQUESTS.toLocaleString('en')} more requests`,
        value: `${growthMb.toFixed(1)} MB`,
        goal: `< ${RSS_GROWTH_GOAL_MB} MB`,
        met: growthMb < RSS_GROWTH_GOAL_MB,
      })
      rows.push({ figure: 'emulator: soak answers other than expected', value: String(soak.unexpected), goal: '0', met: soak.unexpected === 0 })

      // Throughput with an empty database, then with a large ledger.
      const emptyServer = await startServerProcess({ db: tempDir(), seed: true, functionsDir, timeoutScale: 2 })
      let empty: ReturnType<typeof rate>
      try {
        empty = await measureRate(emptyServer, 'empty')
      } finally {
        await emptyServer.stop()
      }
      const bigDir = tempDir()
      const seedStarted = Date.now()
      await seedLargeLedger(bigDir)
      const seedSeconds = (Date.now() - seedStarted) / 1000
      const loadStarted = Date.now()
      const bigServer = await startServerProcess({ db: bigDir, functionsDir, timeoutScale: 2 })
      const loadSeconds = (Date.now() - loadStarted) / 1000
      let big: ReturnType<typeof rate>
      try {
        big = await measureRate(bigServer, 'big')
      } finally {
        await bigServer.stop()
      }
      const ratio = big.rps / empty.rps
      const rowsLabel = `${(LEDGER_ROWS / 1e6).toLocaleString('en')}M ledger rows`
      rows.push(reported('emulator: mixed workload, empty database', `${empty.rps.toFixed(0)} req/s, p50 ${empty.p50.toFixed(0)} ms, p99 ${empty.p99.toFixed(0)} ms`))
      rows.push(reported(`emulator: mixed workload, ${rowsLabel}`, `${big.rps.toFixed(0)} req/s, p50 ${big.p50.toFixed(0)} ms, p99 ${big.p99.toFixed(0)} ms`))
      rows.push({ figure: `emulator: throughput ratio, ${rowsLabel} / empty`, value: ratio.toFixed(2), goal: `≥ ${RATIO_GOAL} (close to 1)`, met: ratio >= RATIO_GOAL })
      rows.push(reported(`emulator: start with ${rowsLabel} (load + replay)`, `${loadSeconds.toFixed(1)} s`))

      // Durability: SIGKILL mid-burst, restart, count what the tills were told and is missing.
      const killDir = tempDir()
      const acknowledged: string[] = []
      for (let cycle = 0; cycle < KILL_CYCLES; cycle++) {
        const server = await startServerProcess({ db: killDir, seed: cycle === 0, functionsDir, compactAtBytes: 256 * 1024 })
        const burst = await burstUntilKilled(server, cycle, 400 + Math.floor(Math.random() * 1200))
        acknowledged.push(...burst.acknowledged)
      }
      const onDisk = new EmulatedDatabase({ persistDir: killDir, indexes: INDEXES })
      const ids = new Set((onDisk.find('ledger') as Array<{ _id: string }>).map((row) => row._id))
      await onDisk.close()
      const lost = acknowledged.filter((orderNo) => !ids.has(`order:store-001:${orderNo}`)).length
      rows.push({ figure: `emulator: acknowledged accruals lost over ${KILL_CYCLES} SIGKILLs (of ${acknowledged.length})`, value: String(lost), goal: '0', met: lost === 0 })

      return {
        rows,
        results: {
          soak: { requests: SOAK_REQUESTS, warmUp: WARM_UP_REQUESTS, rssWarmMb: rssWarm / MB, rssAfterMb: rssAfter / MB, growthMb, ...soak },
          empty,
          largeLedger: { ledgerRows: LEDGER_ROWS, seedSeconds, loadSeconds, ...big },
          ratio,
          kill: { cycles: KILL_CYCLES, acknowledged: acknowledged.length, lost },
        },
      }
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
    }
  },
}
