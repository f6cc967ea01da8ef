import { startLocalCloud } from '../../local/cloud'
import type { EmulatedDatabase } from '../../emulator/database'
import type { TierEvaluationReport } from '../../cloudfunctions/shared/contract/jobs'
import type { Envelope } from '../../cloudfunctions/shared/contract/errors'
import type { RulesPreview } from '../../cloudfunctions/shared/contract/tiers'
import { memberFixture } from '../../local/fixtures'
import { draftOf, DEFAULT_RULES } from '../../cloudfunctions/shared/domain/rules'
import { monthKey } from '../../cloudfunctions/shared/domain/tiers'
import { TIER_IDS } from '../../cloudfunctions/shared/contract/enums'
import type { BenchSection, Row } from '../types'
import { reported } from '../verdict'

const MEMBERS = Number(process.env.BENCH_TIER_MEMBERS ?? 100_000)
/** Every tenth member's hold period has ended (regular members hold nothing, and none of these is regular). */
const DUE_EVERY = 10
const holdEnded = (index: number) => TIER_IDS[index % 4] !== 'regular' && index % DUE_EVERY === 1
const NOW = new Date('2026-11-22T04:00:00Z')
const DAY = 24 * 3600 * 1000

function seed(db: EmulatedDatabase): void {
  const month = monthKey(NOW)
  const SLICE = 10_000
  for (let from = 0; from < MEMBERS; from += SLICE) {
    const members = []
    for (let index = from; index < Math.min(MEMBERS, from + SLICE); index++) {
      const tier = TIER_IDS[index % 4]
      const spendFen = (index * 7919) % 2_500_000
      members.push(
        memberFixture(`oTIER${index.toString(36).padStart(8, '0')}`, NOW, {
          cardNo: `7${String(index).padStart(9, '0')}`,
          tier,
          tierSince: new Date(NOW.getTime() - 400 * DAY),
          tierUntil: tier === 'regular' ? null : holdEnded(index) ? new Date(NOW.getTime() - DAY) : new Date(NOW.getTime() + ((index % 300) + 1) * DAY),
          activity: { [month]: { spendFen, points: Math.floor(spendFen / 100) } },
        }),
      )
    }
    db.insertMany('members', members)
  }
  db.insertMany('staff', [{ _id: 'bench-owner', name: '店主', role: 'owner', updatedAt: NOW, updatedBy: null }])
}

/** A rules preview over every member, and the daily tier evaluation of those whose hold has ended. */
export const tiers: BenchSection = {
  name: 'tiers',
  async run({ functionsDir }) {
    const cloud = await startLocalCloud({ functionsDir, seed })
    try {
      cloud.setNow(NOW)
      const draft = draftOf(DEFAULT_RULES)
      draft.tiers[1].threshold = 80_000
      cloud.db.resetStats()
      const previewStarted = Date.now()
      const preview = (await cloud.call('tiers', { action: 'preview', payload: { draft } }, { openid: 'bench-owner' })) as Envelope<RulesPreview>
      const previewSeconds = (Date.now() - previewStarted) / 1000
      const previewTrips = cloud.db.stats().roundTrips
      if (!preview.ok) throw new Error(`preview failed: ${preview.error.message}`)

      cloud.db.resetStats()
      const chunks: number[] = []
      let evaluated = 0
      let changed = 0
      for (let round = 0; round < 20; round++) {
        const started = Date.now()
        const report = (await cloud.call('jobs', { action: 'evaluateTiers', payload: { budgetMs: 45_000 } }, {})) as Envelope<TierEvaluationReport>
        chunks.push((Date.now() - started) / 1000)
        if (!report.ok) throw new Error(`evaluation failed: ${report.error.message}`)
        evaluated += report.data.evaluated
        changed += report.data.changed
        if (!report.data.more) break
      }
      const stats = cloud.db.stats()
      const examinedPerMember = evaluated ? stats.examined / evaluated : 0
      const due = Array.from({ length: MEMBERS }, (_, index) => index).filter(holdEnded).length
      const rows: Row[] = [
        { figure: `tier preview over ${MEMBERS.toLocaleString('en')} members`, value: `${previewSeconds.toFixed(1)} s`, goal: '< 10 s', met: previewSeconds < 10 },
        reported('tier preview: DB round trips', String(previewTrips)),
        // Exactly the members whose hold has ended: fewer leaves someone held past their date, more means the walk strays.
        { figure: 'tier evaluation: members evaluated', value: String(evaluated), goal: `= ${due} (hold ended)`, met: evaluated === due },
        reported('tier evaluation: members whose tier changed', String(changed)),
        { figure: 'tier evaluation: documents examined per member', value: examinedPerMember.toFixed(2), goal: '≈ 3: find 1 + read 1 + write 1', met: examinedPerMember <= 3.2 },
        { figure: 'tier evaluation: chunks, max chunk seconds', value: `${chunks.length}, ${Math.max(...chunks).toFixed(1)} s`, goal: '< 60 s each', met: Math.max(...chunks) < 60 },
      ]
      return {
        rows,
        results: {
          members: MEMBERS,
          preview: { seconds: previewSeconds, roundTrips: previewTrips, counts: preview.data },
          evaluation: { due, evaluated, changed, chunks, examined: stats.examined, examinedPerMember },
        },
      }
    } finally {
      await cloud.close()
    }
  },
}
