/**
 * `kill -9` in the middle of a burst of accruals, then a restart on the same database folder: every
 * accrual the till was told was recorded is there, nothing is half-applied, reconciliation is clean.
 * Repeated with the kill at a random moment each time, with a small journal segment so that some
 * kills land while the journal is being folded into snapshots.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { EmulatedDatabase } from '../../emulator/database'
import { burstUntilKilled, CASHIER, DEMO_MEMBERS, memberCodes, type Envelope } from '../support/killBurst'
import { startServerProcess } from '../support/serverProcess'

const CYCLES = 4
const MEMBERS = DEMO_MEMBERS

describe('acknowledged writes survive SIGKILL', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huiyuan-kill-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it(`loses no acknowledged accrual and half-applies none over ${CYCLES} kills at random moments`, async () => {
    const acknowledged: string[] = []
    let first = true
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const server = await startServerProcess({ db: dir, seed: first, compactAtBytes: 32 * 1024 })
      first = false
      const killAfterMs = 300 + Math.floor(Math.random() * 900)
      const burst = await burstUntilKilled(server, cycle, killAfterMs)
      // Answers that were neither ok nor cut off by the kill would be a bug of their own.
      expect(burst.failures).toEqual([])
      expect(burst.acknowledged.length).toBeGreaterThan(1)
      acknowledged.push(...burst.acknowledged)
    }

    // The restarted server answers and its own reconciliation finds no drift.
    const server = await startServerProcess({ db: dir })
    try {
      const report = (await server.call('jobs', { action: 'reconcile', payload: {} })).body as Envelope
      expect(report.ok).toBe(true)
      expect(report.data?.membersChecked).toBeGreaterThanOrEqual(MEMBERS.length)
      expect(report.data?.driftCount).toBe(0)
      // The first till's first order, repeated exactly, is a duplicate: it was recorded, once.
      expect(acknowledged).toContain('K0L0N0')
      const [code] = await memberCodes(server)
      const repeat = (await server.call('points', { action: 'accrue', payload: { memberCode: code, storeId: 'store-001', orderNo: 'K0L0N0', amount: 10 } }, CASHIER)).body as Envelope
      expect(repeat).toMatchObject({ ok: true, data: { duplicate: true } })
    } finally {
      await server.stop()
    }

    // Read what is on disk directly.
    const db = new EmulatedDatabase({ persistDir: dir })
    try {
      const ledger = db.find('ledger') as Array<{ _id: string; openid: string; delta: number }>
      const ids = new Set(ledger.map((row) => row._id))
      const missing = acknowledged.filter((orderNo) => !ids.has(`order:store-001:${orderNo}`))
      expect(missing).toEqual([])
      for (const member of db.find('members') as Array<{ _id: string; pointsBalance: number; pointLots: Array<{ remaining: number }> }>) {
        const ledgerSum = ledger.filter((row) => row.openid === member._id).reduce((sum, row) => sum + row.delta, 0)
        const lotsSum = member.pointLots.reduce((sum, lot) => sum + lot.remaining, 0)
        expect({ member: member._id, balance: member.pointsBalance, lots: lotsSum }).toEqual({ member: member._id, balance: ledgerSum, lots: ledgerSum })
      }
      const audits = db.find('audit').length
      expect(audits).toBeGreaterThan(0)
    } finally {
      await db.close()
    }
  }, 120_000)
})
