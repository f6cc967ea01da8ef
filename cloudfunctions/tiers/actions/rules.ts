import { previewPayload, publishPayload, rulesPayload, type PublishResult, type RulesOverview, type RulesPreview, type RulesVersionView } from '../../shared/contract/tiers'
import { previewRules } from '../../shared/app/tierPreview'
import { applyRulesUpgrades } from '../../shared/app/tierMoves'
import { activeRules, commitRulesVersion, forgetCachedRules, rulesRepo } from '../../shared/data/rules'
import { draftOf, rulesFromDraft, type Rules } from '../../shared/domain/rules'
import { AppError, defineAction } from '../../shared/runtime'
import { reinvokePort } from '../../shared/runtime/reinvoke'

/** Publishing answers within the function's 60 s; what is left is handed over. */
const PUBLISH_SWEEP_BUDGET_MS = 40_000

export const rules = defineAction({
  schema: rulesPayload,
  audit: false,
  async handler(_payload, { db, now }): Promise<RulesOverview> {
    forgetCachedRules()
    const active = await activeRules(db, now)
    const history = await rulesRepo(db).versions()
    return { active: view(active), history: (history.length ? history : [active]).map(view) }
  },
})

/** How many members would move, tier by tier, if this draft were published now. Writes nothing. */
export const preview = defineAction({
  schema: previewPayload,
  audit: false,
  async handler({ draft }, { db, now }): Promise<RulesPreview> {
    return previewRules(db, rulesFromDraft(draft, 0, '', now, ''), now)
  },
})

/**
 * Publishes the draft as the next version (old versions stay readable), then upgrades everyone the
 * new rules lift, each in its own transaction with a tier-change record. Downgrades are left to the
 * daily evaluation at each member's period end, exactly as the preview said.
 */
export const publish = defineAction({
  schema: publishPayload,
  async handler({ draft, explanation }, { db, openid, now }): Promise<PublishResult> {
    forgetCachedRules()
    const current = await activeRules(db, now)
    const next = rulesFromDraft(draft, current.version + 1, explanation, now, openid)
    if ((await commitRulesVersion(db, current, next)) === 'conflict') throw new AppError('CONFLICT', '规则已被他人更新，请刷新后重试')
    forgetCachedRules()
    const sweep = await applyRulesUpgrades(db, next, now, { after: null, budgetMs: PUBLISH_SWEEP_BUDGET_MS })
    // A large shop's upgrades continue in the jobs function, from where this sweep stopped.
    if (sweep.more) await reinvokePort().reinvoke('applyRules', { version: next.version, after: sweep.after, round: 1 })
    return { version: next.version, upgraded: sweep.upgraded, more: sweep.more }
  },
})

function view(rules: Rules): RulesVersionView {
  return { version: rules.version, draft: draftOf(rules), explanation: rules.explanation, publishedAt: rules.publishedAt ? new Date(rules.publishedAt).toISOString() : null }
}
