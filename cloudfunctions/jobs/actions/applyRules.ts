import { applyRulesPayload, type ApplyRulesReport } from '../../shared/contract/jobs'
import { handOver } from '../../shared/app/jobChunks'
import { applyRulesUpgrades } from '../../shared/app/tierMoves'
import { activeRules, forgetCachedRules } from '../../shared/data/rules'
import { defineAction } from '../../shared/runtime'

/**
 * Continues a publish's upgrades where the publishing call stopped (a large shop does not fit in
 * one 60 s invocation). Only for the version in force: once a newer one is published, its own
 * sweep covers everyone again.
 */
export const applyRules = defineAction({
  schema: applyRulesPayload,
  async handler({ version, after, budgetMs, round }, { db, now }): Promise<ApplyRulesReport> {
    forgetCachedRules()
    const rules = await activeRules(db, now)
    if (rules.version !== version) return { version, upgraded: 0, after, more: false, superseded: true }
    const sweep = await applyRulesUpgrades(db, rules, now, { after, budgetMs })
    await handOver('applyRules', sweep.more, { version, after: sweep.after, budgetMs, round })
    return { version, upgraded: sweep.upgraded, after: sweep.after, more: sweep.more, superseded: false }
  },
})
