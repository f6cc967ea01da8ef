import { startLocalCloud } from '../../local/cloud'
import type { EmulatedDatabase } from '../../emulator/database'
import type { BirthdayReport } from '../../cloudfunctions/shared/contract/jobs'
import { TIER_IDS } from '../../cloudfunctions/shared/contract/enums'
import { birthdayKey, perkYear } from '../../cloudfunctions/shared/domain/birthday'
import { memberFixture } from '../../local/fixtures'
import { roundTrips } from '../roundTrips'
import { round, runChunks } from '../jobChunks'
import type { BenchSection, Row } from '../types'
import { reported } from '../verdict'

const MEMBERS = Number(process.env.BENCH_BIRTHDAY_MEMBERS ?? 100_000)
/**
 * Members per chunk: the day's ≈ 274 birthdays fit one 10 s budget easily, so the walk is cut into
 * chunks on purpose, each a separate invocation resuming from the cursor the last one left in
 * job_runs, to show the chunked path at work.
 */
const CHUNK_MEMBERS = Number(process.env.BENCH_BIRTHDAY_CHUNK ?? 100)
/** The budget the daily timer gives the birthday step; every chunk also runs under the 60 s timeout. */
const BUDGET_MS = 10_000
const TIMEOUT_S = 60

/** 00:30 on 22 November in Beijing, 16:30 UTC the day before: the daily timer. */
const RUN_AT = new Date('2026-11-21T16:30:00Z')
const JOINED_AT = new Date('2024-01-15T12:00:00+08:00')
const TODAY_MD = '11-22'

const openidOf = (index: number) => `oBDAY${index.toString(36).padStart(8, '0')}`

/** Month-days of a leap year, so every birthday (29 February too) occurs. */
const MONTH_DAYS = Array.from({ length: 366 }, (_, day) => new Date(Date.UTC(2000, 0, 1 + day)).toISOString().slice(5, 10))

/** Birthdays spread over the year (member i on month-day i mod 366), tiers mixed; written straight into the store. */
function seed(db: EmulatedDatabase): void {
  const SLICE = 10_000
  for (let from = 0; from < MEMBERS; from += SLICE) {
    const members: object[] = []
    for (let index = from; index < Math.min(MEMBERS, from + SLICE); index++) {
      const monthDay = MONTH_DAYS[index % MONTH_DAYS.length]
      const year = 1960 + (index % 45)
      members.push(
        memberFixture(openidOf(index), JOINED_AT, {
          cardNo: `7${String(index).padStart(9, '0')}`,
          profile: { name: `会员${index}`, gender: 'unknown', birthday: `${monthDay === '02-29' ? 1988 : year}-${monthDay}`, birthdayMD: monthDay, avatarFileId: null, phone: null },
          tier: TIER_IDS[index % TIER_IDS.length],
        }),
      )
    }
    db.insertMany('members', members)
  }
}

/** The birthday job over 100,000 members: index use, time per member, chunks under the timeout, and a rerun. */
export const birthdays: BenchSection = {
  name: 'birthdays',
  async run({ functionsDir }) {
    const seedStarted = Date.now()
    // timeoutScale 1: the emulator kills any chunk that overruns the function's 60 s, as WeChat would.
    const cloud = await startLocalCloud({ functionsDir, seed, maxInstances: 1, timeoutScale: 1 })
    const seedSeconds = (Date.now() - seedStarted) / 1000
    cloud.setNow(RUN_AT)
    try {
      const bornToday = cloud.db.find('members', { 'profile.birthdayMD': TODAY_MD }).length
      cloud.db.resetStats()
      const run = await runChunks<BirthdayReport>(
        cloud,
        'birthdays',
        (previous) => (previous && !previous.more ? null : { budgetMs: BUDGET_MS, maxMembers: CHUNK_MEMBERS }),
        (report) => report.served,
      )
      const stats = cloud.db.stats()
      const served = run.reports.reduce((sum, report) => sum + report.served, 0)
      const commits = stats.byAction['database.commitTransaction'] ?? 0
      // Each member's transaction reads the member (1) and updates it (1 more, as the emulator counts).
      const transactionExamined = 2 * commits
      const findExamined = stats.examined - transactionExamined
      const seconds = run.chunks.reduce((sum, chunk) => sum + chunk.seconds, 0)
      const maxChunk = Math.max(...run.chunks.map((chunk) => chunk.seconds))
      const ledgerRows = cloud.db.find('ledger', { reason: '生日礼遇 2026' }).length
      const coupons = cloud.db.find('coupons', { source: 'birthday' }).length

      cloud.db.resetStats()
      const rerun = await runChunks<BirthdayReport>(
        cloud,
        'birthdays',
        (previous) => (previous && !previous.more ? null : { budgetMs: BUDGET_MS }),
        (report) => report.served,
      )
      const rerunServed = rerun.reports.reduce((sum, report) => sum + report.served + report.alreadyServed, 0)
      const rerunExamined = cloud.db.stats().examined

      // Joining on one's birthday pays for the perk's transaction; other joins stay at 1–2 round trips.
      cloud.setNow(new Date(RUN_AT.getTime() + 10 * 3600_000))
      const birthdayJoin = await roundTrips(cloud, 'member', { action: 'join', payload: { name: '生日入会', birthday: `1995-${TODAY_MD}`, gender: 'unknown' } }, { openid: 'bench-birthday-joiner' })
      const joinPerkKey = birthdayKey('bench-birthday-joiner', perkYear(cloud.now()))
      const joinPerk = cloud.db.find('ledger', { _id: joinPerkKey }).length + cloud.db.find('coupons', { _id: joinPerkKey }).length > 0

      const msPerThousand = (seconds * 1000 * 1000) / Math.max(1, served)
      const rows: Row[] = [
        {
          figure: `birthdays: members served (${MEMBERS.toLocaleString('en')} members, born ${TODAY_MD}: ${bornToday})`,
          value: `${served} (${ledgerRows} rows, ${coupons} coupons)`,
          goal: `= ${bornToday}`,
          met: served === bornToday && ledgerRows === bornToday,
        },
        // As for expiry: finding them has the goal; the per-member transaction is 2 by design, so the total has none.
        reported('birthdays: docs examined per member served (total: finding + transactions)', String(round(stats.examined / Math.max(1, served)))),
        { figure: 'birthdays:   of which finding them (index walk + cursor)', value: String(round(findExamined / Math.max(1, served))), goal: '≤ 1.2', met: findExamined / Math.max(1, served) <= 1.2 },
        { figure: 'birthdays:   of which each member’s transaction (read + update)', value: String(round(transactionExamined / Math.max(1, served))), goal: '= 2 per member', met: commits === served },
        reported(`birthdays: chunks (≤ ${CHUNK_MEMBERS} members, budget ${BUDGET_MS / 1000} s each)`, String(run.chunks.length)),
        { figure: 'birthdays: max chunk seconds', value: String(round(maxChunk, 2)), goal: `< ${TIMEOUT_S}`, met: maxChunk < TIMEOUT_S },
        reported(`birthdays: ms per 1,000 members served (extrapolated from ${served})`, String(Math.round(msPerThousand))),
        reported('DB round trips: member.join on the birthday', String(birthdayJoin.roundTrips)),
        { figure: 'birthdays: member.join on the birthday issues the perk at once', value: joinPerk ? 'issued' : 'not issued', goal: 'issued', met: birthdayJoin.ok && joinPerk },
        { figure: 'birthdays: a second run the same day serves', value: String(rerunServed), goal: '0', met: rerunServed === 0 },
        reported('birthdays: a second run the same day: docs examined', String(rerunExamined)),
      ]
      const overHardLimit = maxChunk >= TIMEOUT_S ? `a birthdays chunk took ${round(maxChunk, 1)} s, over the ${TIMEOUT_S} s timer timeout` : undefined
      return {
        rows,
        overHardLimit,
        results: {
          members: MEMBERS,
          bornToday,
          seedSeconds,
          served,
          ledgerRows,
          coupons,
          examined: stats.examined,
          findExamined,
          transactionExamined,
          roundTrips: stats.roundTrips,
          byAction: stats.byAction,
          seconds,
          msPerThousand,
          chunks: run.chunks,
          reports: run.reports,
          rerun: { served: rerunServed, examined: rerunExamined, reports: rerun.reports },
          birthdayJoin,
        },
      }
    } finally {
      await cloud.close()
    }
  },
}
