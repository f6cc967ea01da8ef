import type { RulesPreview } from '../contract/tiers'
import { membersRepo } from '../data/members'
import type { Rules } from '../domain/rules'
import { consequenceOf, factsOf, PreviewTally } from '../domain/tierPreview'
import type { Database } from '../runtime/cloud'

/** Members read per round trip (the SDK's maximum). */
const SWEEP_PAGE = 1000

/**
 * How many members would move, tier by tier, if `candidate` were published now: every member's
 * tier facts in `_id` order, judged by the same rule publishing and the evaluation apply. Writes nothing.
 */
export async function previewRules(db: Database, candidate: Rules, now: Date): Promise<RulesPreview> {
  const members = membersRepo(db)
  const tally = new PreviewTally()
  let after: string | null = null
  for (;;) {
    const page = await members.tierFactsAfter(after, SWEEP_PAGE)
    for (const member of page) tally.add(member.tier, consequenceOf(factsOf(member), candidate.tiers, now))
    if (page.length < SWEEP_PAGE) return tally.result()
    after = page[page.length - 1]._id
  }
}
