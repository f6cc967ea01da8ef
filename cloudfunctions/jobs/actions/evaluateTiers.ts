import { evaluateTiersPayload, type TierEvaluationReport } from '../../shared/contract/jobs'
import { handOverTierEvaluation, runTierEvaluation } from '../../shared/app/tierMoves'
import { defineAction } from '../../shared/runtime'

/**
 * The tier half of the daily run: members whose hold period has ended are moved to the tier their
 * rolling figure supports (never below the lowest), each in its own transaction with a tier-change
 * record, and told by subscription message after it commits.
 */
export const evaluateTiers = defineAction({
  schema: evaluateTiersPayload,
  async handler({ budgetMs, round }, { db, now }): Promise<TierEvaluationReport> {
    const report = await runTierEvaluation(db, now, budgetMs)
    await handOverTierEvaluation(report, { budgetMs, round })
    return report
  },
})
