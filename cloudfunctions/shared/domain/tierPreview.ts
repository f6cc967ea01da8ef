import type { TierId } from '../contract/enums'
import type { RulesPreview, TierMove } from '../contract/tiers'
import { shopTime } from './calendar'
import { tierStateOf, type MemberDoc } from './member'
import { decideEvaluation, decideUpgrade, definitionOf, qualifyingFigure, type MonthlyActivity, type TierRules, type TierState } from './tiers'

/** What a rules change means for one member, judged with the same rules the jobs apply. */
export type Consequence = { kind: 'upgrade'; to: TierId } | { kind: 'downgrade-due'; to: TierId } | { kind: 'downgrade-later'; to: TierId; at: Date } | { kind: 'unchanged' }

export interface MemberTierFacts {
  state: TierState
  activity: MonthlyActivity | undefined
}

export function factsOf(member: Pick<MemberDoc, 'tier' | 'tierSince' | 'tierUntil' | 'activity'>): MemberTierFacts {
  return { state: tierStateOf(member), activity: member.activity }
}

/**
 * Publishing upgrades whoever the new rules lift (decideUpgrade, the accrual rule); downgrades only
 * come from the daily evaluation at the end of each hold period (decideEvaluation). Preview and
 * publish both call this, which is what makes the preview's counts the outcome's.
 */
export function consequenceOf(facts: MemberTierFacts, rules: TierRules, now: Date): Consequence {
  const figure = qualifyingFigure(facts.activity, rules.basis, now)
  const upgrade = decideUpgrade(facts.state, figure, rules, now)
  if (upgrade) return { kind: 'upgrade', to: upgrade.state.tier }
  const evaluation = decideEvaluation(facts.state, figure, rules, now)
  if (evaluation?.change?.reason === 'downgrade') return { kind: 'downgrade-due', to: evaluation.state.tier }
  if (evaluation) return { kind: 'unchanged' }
  // Still inside the hold period: what the evaluation would do when it ends, if figures stayed as now.
  const at = facts.state.tierUntil!
  const later = decideEvaluation(facts.state, figure, rules, at)
  if (later?.change?.reason === 'downgrade') return { kind: 'downgrade-later', to: later.state.tier, at }
  return { kind: 'unchanged' }
}

/** Counts consequences tier by tier, for the owner's preview. */
export class PreviewTally {
  private readonly upgrades = new Map<string, number>()
  private readonly due = new Map<string, number>()
  private readonly later = new Map<string, { count: number; earliest: number; latest: number }>()
  private unchanged = 0
  private evaluated = 0

  add(from: TierId, consequence: Consequence): void {
    this.evaluated++
    const key = `${from}>${'to' in consequence ? consequence.to : from}`
    if (consequence.kind === 'upgrade') this.upgrades.set(key, (this.upgrades.get(key) ?? 0) + 1)
    else if (consequence.kind === 'downgrade-due') this.due.set(key, (this.due.get(key) ?? 0) + 1)
    else if (consequence.kind === 'downgrade-later') {
      const at = consequence.at.getTime()
      const entry = this.later.get(key) ?? { count: 0, earliest: at, latest: at }
      this.later.set(key, { count: entry.count + 1, earliest: Math.min(entry.earliest, at), latest: Math.max(entry.latest, at) })
    } else this.unchanged++
  }

  result(): RulesPreview {
    const moves = (map: Map<string, number>): TierMove[] => [...map].map(([key, count]) => ({ ...split(key), count })).sort(byMove)
    return {
      membersEvaluated: this.evaluated,
      upgrades: moves(this.upgrades),
      downgradesDue: moves(this.due),
      downgradesLater: [...this.later]
        .map(([key, entry]) => ({ ...split(key), count: entry.count, earliest: new Date(entry.earliest).toISOString(), latest: new Date(entry.latest).toISOString() }))
        .sort(byMove),
      unchanged: this.unchanged,
    }
  }
}

/**
 * The card's one-line reading of the latest rules for this member. Read after publishing, so a
 * member the new rules lifted (their tier dates from the publish or later) is told so.
 */
export function noticeMeaning(facts: MemberTierFacts, rules: TierRules, now: Date, publishedAt: Date): string {
  const name = definitionOf(facts.state.tier, rules).name
  if (facts.state.tier !== rules.tiers[0].id && facts.state.tierSince.getTime() >= publishedAt.getTime()) return `新规则下您已升级为${name}`
  const consequence = consequenceOf(facts, rules, now)
  const until = facts.state.tierUntil ? shopTime(facts.state.tierUntil).format('YYYY年M月D日') : null
  switch (consequence.kind) {
    case 'upgrade':
      return `新规则下您已升级为${definitionOf(consequence.to, rules).name}`
    case 'downgrade-due':
      return `新规则下，您的等级将在近日调整为${definitionOf(consequence.to, rules).name}`
    case 'downgrade-later':
      return `新规则下您仍是${name}，有效期至 ${until}；届时若消费不变将调整为${definitionOf(consequence.to, rules).name}`
    case 'unchanged':
      return until ? `新规则下您仍是${name}，有效期至 ${until}` : `新规则下您仍是${name}`
  }
}

const split = (key: string) => {
  const [from, to] = key.split('>') as [TierId, TierId]
  return { from, to }
}
const byMove = (a: TierMove, b: TierMove) => `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`)
