import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, pointsInvariant, seedMember, seedStaff } from '../support/members'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import { nextExpiry, type Lot } from '../../cloudfunctions/shared/domain/points'
import type { LedgerRow } from '../../cloudfunctions/shared/data/ledger'
import type { JobReport, ReconcileReport } from '../../cloudfunctions/shared/contract/jobs'
import type { Envelope } from '../../cloudfunctions/shared/contract/errors'
import { settled, waitFor } from '../support/wait'

const { cloud, as } = useLocalCloud({ maxInstances: 6 })
const server = () => as(null)

/** Lots end with their month, on Beijing's calendar (domain/points lotExpiry). */
const NOV_END = new Date('2026-11-30T23:59:59.999+08:00')
const OCT_END = new Date('2026-10-31T23:59:59.999+08:00')
const JAN_END = new Date('2027-01-31T23:59:59.999+08:00')
/** The daily run: 00:30 on Dec 1 in Beijing, 16:30 UTC on Nov 30. */
const RUN_AT = new Date('2026-12-01T00:30:00+08:00')

/** A member holding these lots, with the earn rows that built them: a consistent starting point. */
function seedWithLots(openid: string, lots: Lot[]): MemberDoc {
  const balance = lots.reduce((sum, lot) => sum + lot.remaining, 0)
  const member = seedMember(cloud(), openid, { pointsBalance: balance, lifetimePoints: balance, pointLots: lots, nextExpiryAt: nextExpiry(lots) })
  let running = 0
  const rows: LedgerRow[] = lots.map((lot, index) => {
    running += lot.remaining
    return {
      _id: `seed:${openid}:${index}`,
      openid,
      kind: 'earn',
      delta: lot.remaining,
      balanceAfter: running,
      reason: '测试积分',
      by: 'test',
      rulesVersion: 1,
      createdAt: new Date('2025-11-15T12:00:00+08:00'),
      expiresAt: lot.expiresAt,
    }
  })
  cloud().db.insertMany('ledger', rows)
  return member
}

const expireRows = (openid?: string) => cloud().db.find('ledger', { kind: 'expire', ...(openid ? { openid } : {}) }) as LedgerRow[]
const memberDoc = (openid: string) => cloud().db.find('members', { _id: openid })[0] as MemberDoc

beforeEach(() => {
  cloud().db.clear()
  cloud().reinvocations.length = 0
  cloud().setNow(RUN_AT)
})
afterAll(() => cloud().setNow(null))

describe('who may run the jobs', () => {
  it.each(['expirePoints', 'reconcile', 'daily'] as const)('a member or staff calling jobs.%s gets FORBIDDEN and nothing runs', async (action) => {
    seedStaff(cloud(), { 'owner-1': 'owner' })
    seedWithLots('forbidden-a', [{ expiresAt: NOV_END, remaining: 100 }])
    expect(await as('forbidden-a').call('jobs', action, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await as('owner-1').call('jobs', action, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(expireRows()).toHaveLength(0)
    expect(cloud().db.find('job_runs')).toHaveLength(0)
  })

  it('refuses bad payloads with INVALID_INPUT', async () => {
    for (const payload of [{ budgetMs: 500 }, { budgetMs: 120_000 }, { budgetMs: 'soon' }, { maxMembers: 0 }, { extra: 1 }, { $where: '1' }]) {
      expect(await server().call('jobs', 'expirePoints', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(await server().call('jobs', 'reconcile', { cursor: 'x'.repeat(65) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('jobs.expirePoints', () => {
  it('expires due lots with one keyed row each, leaves later lots, and says why in Chinese', async () => {
    seedWithLots('exp-a', [
      { expiresAt: OCT_END, remaining: 30 },
      { expiresAt: NOV_END, remaining: 70 },
      { expiresAt: JAN_END, remaining: 50 },
    ])
    seedWithLots('exp-b', [{ expiresAt: JAN_END, remaining: 40 }])
    const report = dataOf(await server().call('jobs', 'expirePoints', {}))
    expect(report).toMatchObject({ membersProcessed: 1, membersFailed: 0, lotsExpired: 2, pointsExpired: 100, more: false })
    const rows = expireRows('exp-a').sort((a, b) => a._id.localeCompare(b._id))
    expect(rows.map((row) => [row._id, row.delta, row.balanceAfter, row.reason, row.by])).toEqual([
      ['expire:exp-a:2026-10-31', -30, 120, '积分过期（2026年10月到期）', 'system'],
      ['expire:exp-a:2026-11-30', -70, 50, '积分过期（2026年11月到期）', 'system'],
    ])
    const member = memberDoc('exp-a')
    expect(member.pointLots).toEqual([{ expiresAt: JAN_END, remaining: 50 }])
    expect(member.nextExpiryAt).toEqual(JAN_END)
    expect(pointsInvariant(cloud(), 'exp-a')).toEqual({ balance: 50, ledgerSum: 50, lotsSum: 50, negativeLots: 0 })
    expect(pointsInvariant(cloud(), 'exp-b').balance).toBe(40)
    expect(cloud().db.find('job_runs', { job: 'expirePoints' })).toHaveLength(1)
  })

  it('expires nothing before the lot’s last Beijing day has ended (23:59 on Nov 30 is still Nov 30)', async () => {
    seedWithLots('exp-edge', [{ expiresAt: NOV_END, remaining: 10 }])
    cloud().setNow(new Date('2026-11-30T23:59:00+08:00'))
    expect(dataOf(await server().call('jobs', 'expirePoints', {}))).toMatchObject({ lotsExpired: 0 })
    cloud().setNow(new Date('2026-12-01T00:00:00+08:00'))
    expect(dataOf(await server().call('jobs', 'expirePoints', {}))).toMatchObject({ lotsExpired: 1 })
  })

  it('run twice: every lot expires once', async () => {
    for (let index = 0; index < 20; index++)
      seedWithLots(`twice-${index}`, [
        { expiresAt: NOV_END, remaining: 10 + index },
        { expiresAt: JAN_END, remaining: 5 },
      ])
    const first = dataOf(await server().call('jobs', 'expirePoints', {}))
    const second = dataOf(await server().call('jobs', 'expirePoints', {}))
    expect(first).toMatchObject({ membersProcessed: 20, lotsExpired: 20, more: false })
    expect(second).toMatchObject({ membersProcessed: 0, lotsExpired: 0, pointsExpired: 0, more: false })
    expect(expireRows()).toHaveLength(20)
    for (let index = 0; index < 20; index++) expect(pointsInvariant(cloud(), `twice-${index}`)).toEqual({ balance: 5, ledgerSum: 5, lotsSum: 5, negativeLots: 0 })
  })

  it('two runs at once: every lot expires once', async () => {
    for (let index = 0; index < 30; index++)
      seedWithLots(`race-${index}`, [
        { expiresAt: OCT_END, remaining: 7 },
        { expiresAt: NOV_END, remaining: 11 },
        { expiresAt: JAN_END, remaining: 3 },
      ])
    const reports = (await Promise.all([server().call('jobs', 'expirePoints', {}), server().call('jobs', 'expirePoints', {}), server().call('jobs', 'expirePoints', {})])).map(dataOf)
    expect(reports.reduce((sum, report) => sum + report.lotsExpired, 0)).toBe(60)
    expect(reports.reduce((sum, report) => sum + report.pointsExpired, 0)).toBe(30 * 18)
    expect(expireRows()).toHaveLength(60)
    expect(new Set(expireRows().map((row) => row._id)).size).toBe(60)
    for (let index = 0; index < 30; index++) expect(pointsInvariant(cloud(), `race-${index}`)).toEqual({ balance: 3, ledgerSum: 3, lotsSum: 3, negativeLots: 0 })
  })

  it('cut off after k members, then run again: no doubles, no gaps, and the hand-over is asked for', async () => {
    for (let index = 0; index < 12; index++) seedWithLots(`cut-${index}`, [{ expiresAt: NOV_END, remaining: 100 }])
    const first = dataOf(await server().call('jobs', 'expirePoints', { maxMembers: 5 }))
    expect(first).toMatchObject({ membersProcessed: 5, lotsExpired: 5, more: true })
    expect(cloud().reinvocations).toEqual([{ fn: 'jobs', event: { action: 'expirePoints', payload: { budgetMs: 45_000, maxMembers: 5, round: 1 } }, at: expect.any(String) }])
    // What the hand-over asks for, run by hand (the emulator records it and runs it only when told to).
    const { event } = cloud().reinvocations[0]
    const second = dataOf((await server().raw('jobs', event)) as Envelope<JobReport>)
    expect(second).toMatchObject({ membersProcessed: 5, more: true })
    const third = dataOf(await server().call('jobs', 'expirePoints', {}))
    expect(third).toMatchObject({ membersProcessed: 2, more: false })
    expect(cloud().reinvocations).toHaveLength(2)
    expect(expireRows()).toHaveLength(12)
    for (let index = 0; index < 12; index++) expect(pointsInvariant(cloud(), `cut-${index}`)).toEqual({ balance: 0, ledgerSum: 0, lotsSum: 0, negativeLots: 0 })
    expect(dataOf(await server().call('jobs', 'expirePoints', {}))).toMatchObject({ membersProcessed: 0, more: false })
  })

  it('a run killed by its timeout mid-way is finished by the next run, exactly once', async () => {
    for (let index = 0; index < 40; index++)
      seedWithLots(`killed-${index}`, [
        { expiresAt: NOV_END, remaining: 9 },
        { expiresAt: JAN_END, remaining: 1 },
      ])
    // The instance is terminated while its transactions are in flight, as a timeout would: some
    // members' transactions committed, the rest never did, and the run reports nothing.
    const killed = cloud().call('jobs', { action: 'expirePoints', payload: {} }, {})
    await waitFor(() => expireRows().length >= 5)
    cloud().runner.kill('jobs')
    await expect(killed).rejects.toMatchObject({ errCode: -504002 })
    // A commit already on the wire when the instance died still lands; count once it has settled.
    const done = await settled(() => expireRows().length)
    expect(done).toBeGreaterThanOrEqual(5)
    expect(done).toBeLessThan(40)
    const rest = dataOf(await server().call('jobs', 'expirePoints', {}))
    expect(rest.lotsExpired).toBe(40 - done)
    expect(expireRows()).toHaveLength(40)
    for (let index = 0; index < 40; index++) expect(pointsInvariant(cloud(), `killed-${index}`)).toEqual({ balance: 1, ledgerSum: 1, lotsSum: 1, negativeLots: 0 })
  })

  it('accruals and points-as-cash at the till while expiry runs: balance = Σ ledger = Σ lots, the due lot expires at most once', async () => {
    seedStaff(cloud(), { 'cashier-1': 'cashier' })
    const members = Array.from({ length: 6 }, (_, index) => `busy-${index}`)
    for (const openid of members)
      seedWithLots(openid, [
        { expiresAt: NOV_END, remaining: 300 },
        { expiresAt: JAN_END, remaining: 200 },
      ])
    const till = as('cashier-1')
    const tillWork = members.flatMap((openid, index) => [
      till.call('points', 'accrue', { memberCode: memberCodeOf(cloud(), openid), storeId: 'store-001', orderNo: `E${index}01`, amount: 88.5 }),
      till.call('points', 'accrue', { memberCode: memberCodeOf(cloud(), openid), storeId: 'store-001', orderNo: `E${index}02`, amount: 12 }),
      till.call('points', 'payWithPoints', { memberCode: memberCodeOf(cloud(), openid), storeId: 'store-001', orderNo: `P${index}01`, orderAmount: 100, points: 100 }),
    ])
    const [expiry, ...tills] = await Promise.all([server().call('jobs', 'expirePoints', {}), ...tillWork])
    expect(tills.filter((envelope) => !envelope.ok)).toEqual([])
    expect(dataOf(expiry).membersProcessed).toBeLessThanOrEqual(6)
    // Whatever the interleaving, a second run leaves no due lot, and nothing is expired twice.
    await server().call('jobs', 'expirePoints', {})
    for (const openid of members) {
      const invariant = pointsInvariant(cloud(), openid)
      expect(invariant.ledgerSum).toBe(invariant.balance)
      expect(invariant.lotsSum).toBe(invariant.balance)
      expect(invariant.negativeLots).toBe(0)
      expect(expireRows(openid).length).toBeLessThanOrEqual(1)
      expect(memberDoc(openid).pointLots.every((lot) => new Date(lot.expiresAt) > RUN_AT)).toBe(true)
      // 500 seeded + 100 earned − 100 paid, minus what was still in the Nov lot when it expired.
      const expired = expireRows(openid).reduce((sum, row) => sum - row.delta, 0)
      expect(invariant.balance).toBe(500 + 88 + 12 - 100 - expired)
    }
  })

  it('members see “即将过期” before the job runs, and the next lot after it', async () => {
    seedWithLots('soon-a', [
      { expiresAt: NOV_END, remaining: 120 },
      { expiresAt: JAN_END, remaining: 80 },
    ])
    // What the card's points panel shows: the member's own points.summary, at the emulated time.
    const summaryAt = async (at: Date) => {
      cloud().setNow(at)
      return dataOf(await as('soon-a').call('points', 'summary', {}))
    }
    expect(await summaryAt(new Date('2026-11-10T12:00:00+08:00'))).toMatchObject({ pointsBalance: 200, expiringSoon: { points: 120, expiresAt: NOV_END.toISOString() } })
    cloud().setNow(RUN_AT)
    expect(dataOf(await server().call('jobs', 'expirePoints', {}))).toMatchObject({ membersProcessed: 1, lotsExpired: 1 })
    // JAN_END is more than 60 days after the run, outside the card's window; by January it is inside.
    expect(await summaryAt(RUN_AT)).toMatchObject({ pointsBalance: 80, expiringSoon: null })
    expect(await summaryAt(new Date('2027-01-05T12:00:00+08:00'))).toMatchObject({ pointsBalance: 80, expiringSoon: { points: 80, expiresAt: JAN_END.toISOString() } })
  })

  it('repairs a stale nextExpiryAt (its lots all spent) so the member leaves the due set', async () => {
    seedMember(cloud(), 'stale-a', { pointsBalance: 0, pointLots: [{ expiresAt: NOV_END, remaining: 0 }], nextExpiryAt: NOV_END })
    expect(dataOf(await server().call('jobs', 'expirePoints', {}))).toMatchObject({ membersProcessed: 0, lotsExpired: 0, more: false })
    expect(memberDoc('stale-a')).toMatchObject({ pointLots: [], nextExpiryAt: null })
    expect(expireRows()).toHaveLength(0)
  })
})

describe('jobs.reconcile', () => {
  it('reports nothing on a consistent set, including members after expiry', async () => {
    for (let index = 0; index < 15; index++)
      seedWithLots(`ok-${String(index).padStart(2, '0')}`, [
        { expiresAt: NOV_END, remaining: 10 },
        { expiresAt: JAN_END, remaining: index },
      ])
    seedMember(cloud(), 'ok-empty')
    await server().call('jobs', 'expirePoints', {})
    const report = dataOf(await server().call('jobs', 'reconcile', {}))
    expect(report).toMatchObject({ cursor: null, membersChecked: 16, driftCount: 0, drifts: [], nextCursor: null })
    const [run] = cloud().db.find('job_runs', { job: 'reconcile' })
    expect(run).toMatchObject({ job: 'reconcile', trigger: 'on-demand', report: { membersChecked: 16, driftCount: 0 } })
  })

  it('finds planted drift: balance ≠ Σ ledger, lots ≠ balance, a negative lot; and fixes nothing', async () => {
    seedWithLots('d-0-fine', [{ expiresAt: JAN_END, remaining: 10 }])
    seedWithLots('d-1-ledger', [{ expiresAt: JAN_END, remaining: 10 }])
    cloud().db.insertMany('ledger', [
      { _id: 'stray:d-1', openid: 'd-1-ledger', kind: 'adjust', delta: 5, balanceAfter: 15, reason: '错账', by: 'test', rulesVersion: 1, createdAt: RUN_AT, expiresAt: null },
    ])
    seedMember(cloud(), 'd-2-negative', {
      pointsBalance: 10,
      lifetimePoints: 10,
      pointLots: [
        { expiresAt: NOV_END, remaining: -5 },
        { expiresAt: JAN_END, remaining: 15 },
      ],
      nextExpiryAt: JAN_END,
    })
    cloud().db.insertMany('ledger', [
      { _id: 'seed:d-2', openid: 'd-2-negative', kind: 'earn', delta: 10, balanceAfter: 10, reason: '测试', by: 'test', rulesVersion: 1, createdAt: RUN_AT, expiresAt: JAN_END },
    ])
    const lotsDrift = seedMember(cloud(), 'd-3-lots', { pointsBalance: 10, lifetimePoints: 10, pointLots: [{ expiresAt: JAN_END, remaining: 12 }], nextExpiryAt: JAN_END })
    cloud().db.insertMany('ledger', [
      { _id: 'seed:d-3', openid: 'd-3-lots', kind: 'earn', delta: 10, balanceAfter: 10, reason: '测试', by: 'test', rulesVersion: 1, createdAt: RUN_AT, expiresAt: JAN_END },
    ])
    const before = JSON.stringify(cloud().db.find('members'))

    const report = dataOf(await server().call('jobs', 'reconcile', {}))
    expect(report.membersChecked).toBe(4)
    expect(report.driftCount).toBe(3)
    expect(report.drifts).toEqual([
      { openid: 'd-1-ledger', cardNo: expect.any(String), pointsBalance: 10, ledgerSum: 15, lotsSum: 10, negativeLots: 0 },
      { openid: 'd-2-negative', cardNo: expect.any(String), pointsBalance: 10, ledgerSum: 10, lotsSum: 10, negativeLots: 1 },
      { openid: 'd-3-lots', cardNo: lotsDrift.cardNo, pointsBalance: 10, ledgerSum: 10, lotsSum: 12, negativeLots: 0 },
    ])
    expect(JSON.stringify(cloud().db.find('members'))).toBe(before)
  })

  it('a walk cut short answers its cursor; resuming from it covers everyone exactly once', async () => {
    const openids = Array.from({ length: 9 }, (_, index) => `walk-${index}`)
    for (const openid of openids) seedWithLots(openid, [{ expiresAt: JAN_END, remaining: 10 }])
    cloud().db.insertMany('ledger', [
      { _id: 'stray:walk-4', openid: 'walk-4', kind: 'adjust', delta: -1, balanceAfter: 9, reason: '错账', by: 'test', rulesVersion: 1, createdAt: RUN_AT, expiresAt: null },
    ])
    const reports: ReconcileReport[] = []
    let cursor: string | undefined
    do {
      const report = dataOf(await server().call('jobs', 'reconcile', cursor ? { cursor, maxMembers: 4 } : { maxMembers: 4 }))
      reports.push(report)
      cursor = report.nextCursor ?? undefined
    } while (cursor)
    expect(reports.map((report) => [report.cursor, report.membersChecked, report.nextCursor])).toEqual([
      [null, 4, 'walk-3'],
      ['walk-3', 4, 'walk-7'],
      ['walk-7', 1, null],
    ])
    expect(reports.flatMap((report) => report.drifts.map((drift) => drift.openid))).toEqual(['walk-4'])
    // Each unfinished run asked for its continuation.
    expect(cloud().reinvocations.map(({ event }) => (event as { payload: { cursor: string } }).payload.cursor)).toEqual(['walk-3', 'walk-7'])
  })
})

describe('the daily timer', () => {
  it('fires as a server invocation: expiry, then reconciliation resuming where the last walk stopped', async () => {
    for (let index = 0; index < 5; index++)
      seedWithLots(`timer-${index}`, [
        { expiresAt: NOV_END, remaining: 20 },
        { expiresAt: JAN_END, remaining: 1 },
      ])
    // A previous walk stopped after timer-1.
    dataOf(await server().call('jobs', 'reconcile', { maxMembers: 2 }))
    const envelope = (await cloud().runTimer('jobs', 'daily')) as { ok: boolean; data: { expiry: { lotsExpired: number }; reconcile: ReconcileReport } }
    expect(envelope.ok).toBe(true)
    expect(envelope.data.expiry).toMatchObject({ lotsExpired: 5, more: false })
    expect(envelope.data.reconcile).toMatchObject({ cursor: 'timer-1', membersChecked: 3, driftCount: 0, nextCursor: null })
    // Other daily steps (tiers, birthdays …) record their own runs; expiry and reconciliation each record one.
    const dailyRuns = cloud()
      .db.find('job_runs', { trigger: 'daily' })
      .map((run) => run.job as string)
    expect(dailyRuns.filter((job) => job === 'expirePoints' || job === 'reconcile').sort()).toEqual(['expirePoints', 'reconcile'])
    expect(cloud().db.find('audit', { fn: 'jobs', action: 'daily' })).toEqual([expect.objectContaining({ actor: null })])
    // The next day starts a fresh walk.
    cloud().setNow(new Date('2026-12-02T00:30:00+08:00'))
    const next = (await cloud().runTimer('jobs', 'daily')) as { data: { reconcile: ReconcileReport } }
    expect(next.data.reconcile).toMatchObject({ cursor: null, membersChecked: 5, nextCursor: null })
  })

  it('fires from the clock when the emulated time passes 00:30 Beijing', async () => {
    seedWithLots('clock-a', [{ expiresAt: NOV_END, remaining: 20 }])
    cloud().setNow(new Date('2026-12-01T00:29:00+08:00'))
    const clock = cloud().startTimers(60_000)
    try {
      expect(await clock.tick()).toEqual([])
      cloud().setNow(new Date('2026-12-01T00:31:00+08:00'))
      // 00:30 is also a quarter hour and a fifth minute: the ticket sweep and the marketing tick fire beside it.
      expect((await clock.tick()).sort()).toEqual(['jobs/daily', 'marketing/tick', 'ticket/sweep'])
      expect(expireRows('clock-a')).toHaveLength(1)
      expect(clock.fired.filter((fired) => fired.fn === 'jobs')).toEqual([{ fn: 'jobs', trigger: 'daily', at: '2026-11-30T16:31:00.000Z', ok: true }])
    } finally {
      clock.stop()
    }
  })

  it('an unknown trigger is refused', async () => {
    await expect(cloud().runTimer('jobs', 'hourly')).rejects.toThrow(/no timer trigger/)
    await expect(cloud().runTimer('member', 'daily')).rejects.toThrow(/no timer trigger/)
  })
})
