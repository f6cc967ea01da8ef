import dayjs from 'dayjs'
import { expirePointsPayload, type JobReport } from '../../shared/contract/jobs'
import { SHOP_TIME_ZONE, shopDate } from '../../shared/domain/calendar'
import type { MemberDoc } from '../../shared/domain/member'
import { expireDue, nextExpiry, type Lot } from '../../shared/domain/points'
import { appendInTransaction, type LedgerRow } from '../../shared/data/ledger'
import { jobRunsRepo } from '../../shared/data/jobRuns'
import { membersRepo } from '../../shared/data/members'
import { pointsStateOf } from '../../shared/data/memberPoints'
import { activePointsRules } from '../../shared/data/rules'
import { getOrNull, inTransaction } from '../../shared/data/transaction'
import { defineAction, type Database } from '../../shared/runtime'
import { reinvokePort } from '../reinvoke'
import { MAX_ROUNDS, triggerOf } from './shared'

/** Due members fetched per query: one index walk serves a whole run (an aggregate answers ≤ 10,000). */
const FETCH = 5_000
/** Members expired at once; each is its own transaction on its own document, so they never contend. */
const CONCURRENCY = 8

export interface ExpiryOptions {
  budgetMs: number
  maxMembers?: number
}

type MemberOutcome = { kind: 'expired'; lots: number; points: number } | { kind: 'nothing-due' } | { kind: 'missing' }

/** The expiry key is the lot's calendar date, so one lot can only ever be expired once. */
export function expiryKey(openid: string, lot: Lot): string {
  return `expire:${openid}:${shopDate(lot.expiresAt)}`
}

/** Thrown inside the transaction to abort it: a row under this lot's key exists, yet the lot is still on the member. */
class ExpiryKeyTaken extends Error {
  constructor(readonly key: string) {
    super(`expiry key taken: ${key}`)
  }
}

/**
 * Expires every lot due at `now`, member by member, each in one transaction: read the member,
 * append one `expire` row per due lot, write the member without them. The row's key and the lot's
 * removal commit together, so a second run (concurrent, repeated, or resuming a cut-off one) finds
 * the lot gone, or conflicts and then finds it gone: each lot leaves exactly once.
 */
export async function runExpiry(db: Database, now: Date, options: ExpiryOptions): Promise<JobReport> {
  const started = Date.now()
  const members = membersRepo(db)
  const { version: rulesVersion } = await activePointsRules(db, now)
  const report: JobReport = { membersProcessed: 0, membersFailed: 0, lotsExpired: 0, pointsExpired: 0, more: false, elapsedMs: 0 }
  const cap = options.maxMembers ?? Number.POSITIVE_INFINITY
  const failed = new Set<string>()
  let taken = 0
  const canTakeMore = () => taken < cap && Date.now() - started < options.budgetMs

  for (;;) {
    const want = Math.min(FETCH, cap - taken + failed.size)
    const fetched = await members.dueIdsForExpiry(now, want)
    const queue = fetched.filter((openid) => !failed.has(openid))
    if (queue.length === 0) break
    let next = 0
    const worker = async () => {
      while (next < queue.length && canTakeMore()) {
        const openid = queue[next++]
        taken++
        try {
          const outcome = await expireMember(db, openid, now, rulesVersion)
          if (outcome.kind !== 'expired') continue
          report.membersProcessed++
          report.lotsExpired += outcome.lots
          report.pointsExpired += outcome.points
        } catch (error) {
          if (!(error instanceof ExpiryKeyTaken) && !String((error as Error)?.message).includes('expiry key taken')) throw error
          failed.add(openid)
          report.membersFailed++
          console.error(`[jobs.expirePoints] ${openid}: ${(error as Error).message}; left for reconciliation`)
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    if (next < queue.length) {
      report.more = true
      break
    }
    if (fetched.length < want) break
    if (!canTakeMore()) {
      report.more = true
      break
    }
  }
  report.elapsedMs = Date.now() - started
  return report
}

async function expireMember(db: Database, openid: string, now: Date, rulesVersion: number): Promise<MemberOutcome> {
  return inTransaction<MemberOutcome>(db, async (transaction) => {
    const member = await getOrNull<MemberDoc>(transaction, 'members', openid)
    if (!member) return { kind: 'missing' }
    const { state, expired, points } = expireDue(pointsStateOf(member), now)
    const nextExpiryAt = nextExpiry(state.pointLots)
    const members = transaction.collection('members')
    if (expired.length === 0) {
      // Lots spent down to zero leave a stale nextExpiryAt; without this the member stays "due" forever.
      if (state.pointLots.length !== (member.pointLots ?? []).length || !sameInstant(member.nextExpiryAt, nextExpiryAt)) {
        await members.doc(openid).update({ data: { pointLots: db.command.set(state.pointLots), nextExpiryAt } })
      }
      return { kind: 'nothing-due' }
    }
    let balanceAfter = member.pointsBalance
    for (const lot of expired) {
      balanceAfter -= lot.remaining
      const row: LedgerRow = {
        _id: expiryKey(openid, lot),
        openid,
        kind: 'expire',
        delta: -lot.remaining,
        balanceAfter,
        reason: `积分过期（${dayjs(lot.expiresAt).tz(SHOP_TIME_ZONE).format('YYYY年M月')}到期）`,
        by: 'system',
        rulesVersion,
        createdAt: now,
        expiresAt: null,
        ref: `lot:${shopDate(lot.expiresAt)}`,
      }
      if ((await appendInTransaction(transaction, row)) === 'duplicate') throw new ExpiryKeyTaken(row._id)
    }
    await members.doc(openid).update({ data: { pointsBalance: state.pointsBalance, pointLots: db.command.set(state.pointLots), nextExpiryAt } })
    return { kind: 'expired', lots: expired.length, points }
  })
}

function sameInstant(a: Date | null | undefined, b: Date | null): boolean {
  if (!a || !b) return !a && !b
  return new Date(a).getTime() === b.getTime()
}

/** Server-only: the timer (through `daily`), the console, or the previous run handing over. */
export const expirePoints = defineAction({
  schema: expirePointsPayload,
  async handler({ budgetMs, maxMembers, round }, { db, now }) {
    const report = await runExpiry(db, now, { budgetMs, maxMembers })
    await jobRunsRepo(db).record({ job: 'expirePoints', startedAt: now, finishedAt: new Date(now.getTime() + report.elapsedMs), trigger: triggerOf(round), report })
    await handOverExpiry(report, { budgetMs, maxMembers, round })
    return report
  },
})

/** Hands what is left to a fresh invocation, but only while runs make progress and the chain is short. */
export async function handOverExpiry(report: JobReport, payload: { budgetMs: number; maxMembers?: number; round: number }): Promise<void> {
  if (!report.more || report.membersProcessed === 0 || payload.round >= MAX_ROUNDS) return
  await reinvokePort().reinvoke('expirePoints', { ...payload, round: payload.round + 1 })
}
