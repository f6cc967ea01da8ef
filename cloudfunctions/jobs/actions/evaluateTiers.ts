import { evaluateTiersPayload, type TierEvaluationReport } from '../../shared/contract/jobs'
import { activeRules } from '../../shared/data/rules'
import { evaluateDueTiers } from '../../shared/data/tierMoves'
import { definitionOf } from '../../shared/domain/tiers'
import { defineAction, type Database } from '../../shared/runtime'
import { notify, templateTime } from '../../shared/runtime/notify'
import { reinvokePort } from '../reinvoke'
import { MAX_ROUNDS } from './shared'

/**
 * The tier half of the daily run: members whose hold period has ended are moved to the tier their
 * rolling figure supports (never below the lowest), each in its own transaction with a tier-change
 * record, and told by subscription message after it commits.
 */
export async function runTierEvaluation(db: Database, now: Date, budgetMs: number): Promise<TierEvaluationReport> {
  const started = Date.now()
  const rules = await activeRules(db, now)
  const report = await evaluateDueTiers(db, rules, now, budgetMs, async (openid, change) => {
    const name = definitionOf(change.to, rules.tiers).name
    await notify(openid, 'tierChange', { thing1: change.reason === 'downgrade' ? `会员等级调整为${name}` : `恭喜升级为${name}会员`, phrase2: name, time3: templateTime(now) })
  })
  return {
    evaluated: report.evaluated,
    changed: report.changed.length,
    downgraded: report.changed.filter(({ change }) => change.reason === 'downgrade').length,
    more: report.more,
    elapsedMs: Date.now() - started,
  }
}

export async function handOverTierEvaluation(report: TierEvaluationReport, payload: { budgetMs: number; round: number }): Promise<void> {
  if (!report.more || payload.round >= MAX_ROUNDS) return
  await reinvokePort().reinvoke('evaluateTiers', { ...payload, round: payload.round + 1 })
}

export const evaluateTiers = defineAction({
  schema: evaluateTiersPayload,
  async handler({ budgetMs, round }, { db, now }): Promise<TierEvaluationReport> {
    const report = await runTierEvaluation(db, now, budgetMs)
    await handOverTierEvaluation(report, { budgetMs, round })
    return report
  },
})
