import { previewPayload, publishPayload, rulesPayload, type PublishResult, type RulesOverview, type RulesPreview, type RulesVersionView } from '../../shared/contract/tiers'
import { draftOf, rulesFromDraft, DEFAULT_RULES, type Rules } from '../../shared/domain/rules'
import { consequenceOf, PreviewTally, type MemberTierFacts } from '../../shared/domain/tierPreview'
import { isDuplicateKeyError } from '../../shared/data/errors'
import { membersRepo } from '../../shared/data/members'
import { activeRules, forgetCachedRules, rulesRepo } from '../../shared/data/rules'
import { applyRulesUpgrades } from '../../shared/data/tierMoves'
import { reinvokePort } from '../../jobs/reinvoke'
import { getOrNull, inTransaction } from '../../shared/data/transaction'
import { AppError, defineAction, type Database } from '../../shared/runtime'
import { notifyTierChange } from './notifyTierChange'

/** Publishing answers within the function's 60 s; what is left is handed over. */
const PUBLISH_SWEEP_BUDGET_MS = 40_000
/** Members read per round trip when sweeping everyone (the SDK's maximum). */
const SWEEP_PAGE = 1000

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
    const candidate = rulesFromDraft(draft, 0, '', now, '')
    const tally = new PreviewTally()
    await forEachMemberFacts(db, (facts) => tally.add(facts.state.tier, consequenceOf(facts, candidate.tiers, now)))
    return tally.result()
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
    await commitVersion(db, current, next)
    forgetCachedRules()
    const sweep = await applyRulesUpgrades(db, next, now, { after: null, budgetMs: PUBLISH_SWEEP_BUDGET_MS, afterCommit: (id, change) => notifyTierChange(id, change, next, now) })
    // A large shop's upgrades continue in the jobs function, from where this sweep stopped.
    if (sweep.more) await reinvokePort().reinvoke('applyRules', { version: next.version, after: sweep.after, round: 1 })
    return { version: next.version, upgraded: sweep.upgraded, more: sweep.more }
  },
})

/** The new version and the pointer to it change together; a concurrent publish loses with CONFLICT. */
async function commitVersion(db: Database, current: Rules, next: Rules): Promise<void> {
  try {
    await inTransaction(db, async (transaction) => {
      const active = await getOrNull<Rules>(transaction, 'rules', 'active')
      if ((active?.version ?? DEFAULT_RULES.version) !== current.version) throw new AppError('CONFLICT', '规则已被他人更新，请刷新后重试')
      // The built-in first version was never stored; keep it readable too.
      if (!active) await transaction.collection('rules').add({ data: { _id: `v${current.version}`, ...current } })
      await transaction.collection('rules').add({ data: { _id: `v${next.version}`, ...next } })
      await transaction.collection('rules').doc('active').set({ data: next })
    })
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new AppError('CONFLICT', '规则已被他人更新，请刷新后重试')
    throw error
  }
}

/** Visits every member's tier facts in `_id` order, a page of 1,000 per round trip. */
async function forEachMemberFacts(db: Database, visit: (facts: MemberTierFacts, id: string) => void | Promise<void>): Promise<void> {
  const members = membersRepo(db)
  let after: string | null = null
  for (;;) {
    const page = await members.tierFactsAfter(after, SWEEP_PAGE)
    for (const member of page) {
      await visit({ state: { tier: member.tier, tierSince: new Date(member.tierSince), tierUntil: member.tierUntil ? new Date(member.tierUntil) : null }, activity: member.activity }, member._id)
    }
    if (page.length < SWEEP_PAGE) return
    after = page[page.length - 1]._id
  }
}

function view(rules: Rules): RulesVersionView {
  return { version: rules.version, draft: draftOf(rules), explanation: rules.explanation, publishedAt: rules.publishedAt ? new Date(rules.publishedAt).toISOString() : null }
}
