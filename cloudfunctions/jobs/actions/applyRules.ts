import { applyRulesPayload, type ApplyRulesReport } from '../../shared/contract/jobs'
import { activeRules, forgetCachedRules } from '../../shared/data/rules'
import { applyRulesUpgrades } from '../../shared/data/tierMoves'
import { definitionOf } from '../../shared/domain/tiers'
import { defineAction } from '../../shared/runtime'
import { notify, templateTime } from '../../shared/runtime/notify'
import { reinvokePort } from '../reinvoke'
import { MAX_ROUNDS } from './shared'

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
    const sweep = await applyRulesUpgrades(db, rules, now, {
      after,
      budgetMs,
      afterCommit: async (openid, change) => {
        const name = definitionOf(change.to, rules.tiers).name
        await notify(openid, 'tierChange', { thing1: `恭喜升级为${name}会员`, phrase2: name, time3: templateTime(now) })
      },
    })
    if (sweep.more && round < MAX_ROUNDS) await reinvokePort().reinvoke('applyRules', { version, after: sweep.after, budgetMs, round: round + 1 })
    return { version, upgraded: sweep.upgraded, after: sweep.after, more: sweep.more, superseded: false }
  },
})
