import { dataOf, useLocalCloud } from '../support/localCloud'
import { seedMember, seedStaff } from '../support/members'
import { draftOf, DEFAULT_RULES } from '../../cloudfunctions/shared/domain/rules'
import { monthKey, type MonthlyActivity } from '../../cloudfunctions/shared/domain/tiers'
import type { RulesDraft, TierMove } from '../../cloudfunctions/shared/contract/tiers'
import type { TierId } from '../../cloudfunctions/shared/contract/enums'

/**
 * The preview's promise: publishing the draft and running the evaluation with the same data moves
 * exactly the members it counted, tier by tier. Its own cloud, so the counts cover only these members.
 */
const { cloud, as } = useLocalCloud()
const NOW = new Date('2026-11-22T04:00:00Z')
const DAY = 24 * 3600 * 1000
const spend = (fen: number): MonthlyActivity => ({ [monthKey(NOW)]: { spendFen: fen, points: Math.floor(fen / 100) } })
const past = new Date(NOW.getTime() - 3 * DAY)
const future = (days: number) => new Date(NOW.getTime() + days * DAY)

function seed(prefix: string, count: number, tier: TierId, fen: number, tierUntil: Date | null) {
  for (let index = 0; index < count; index++) seedMember(cloud(), `${prefix}-${index}`, { tier, activity: spend(fen), tierSince: new Date(NOW.getTime() - 400 * DAY), tierUntil })
}

/** Silver from ¥800 (was ¥1,000), gold from ¥6,000 (was ¥5,000). */
function draft(): RulesDraft {
  const next = draftOf(DEFAULT_RULES)
  next.tiers[1].threshold = 80_000
  next.tiers[2].threshold = 600_000
  return next
}

const byMove = (moves: Array<Pick<TierMove, 'from' | 'to' | 'count'>>) => Object.fromEntries(moves.map((move) => [`${move.from}>${move.to}`, move.count]))

beforeAll(() => {
  cloud().setNow(NOW)
  seedStaff(cloud(), { 'owner-1': 'owner' })
  seed('lifted', 3, 'regular', 90_000, null) // ¥900: silver under the draft only → up at publish
  seed('stays-regular', 2, 'regular', 10_000, null)
  seed('gold-due', 4, 'gold', 550_000, past) // ¥5,500: silver under the draft, period over → down at evaluation
  seed('gold-later', 2, 'gold', 550_000, future(40)) // same figure, period not over → down later
  seed('gold-kept', 2, 'gold', 700_000, past) // still gold → unchanged (held again)
  seed('silver-later', 1, 'silver', 20_000, future(100)) // ¥200 → regular when its period ends
  seed('diamond', 2, 'diamond', 2_500_000, future(10))
})
afterAll(() => cloud().setNow(null))

it('publishing and evaluating moves exactly the members the preview counted', async () => {
  const preview = dataOf(await as('owner-1').call('tiers', 'preview', { draft: draft() }))
  expect(preview.membersEvaluated).toBe(16)
  expect(byMove(preview.upgrades)).toEqual({ 'regular>silver': 3 })
  expect(byMove(preview.downgradesDue)).toEqual({ 'gold>silver': 4 })
  expect(byMove(preview.downgradesLater)).toEqual({ 'gold>silver': 2, 'silver>regular': 1 })
  expect(preview.downgradesLater.find((move) => move.from === 'silver')).toMatchObject({ earliest: future(100).toISOString(), latest: future(100).toISOString() })
  expect(preview.unchanged).toBe(6)
  expect(cloud().db.find('tier_changes')).toHaveLength(0)

  const published = dataOf(await as('owner-1').call('tiers', 'publish', { draft: draft(), explanation: '银卡门槛降低，金卡门槛提高' }))
  expect(published).toMatchObject({ version: 2, upgraded: 3 })
  const atPublish = cloud().db.find('tier_changes', { rulesVersion: 2 })
  expect(byMove(countMoves(atPublish))).toEqual(byMove(preview.upgrades))
  expect(atPublish.every((row) => row.reason === 'rules')).toBe(true)

  const evaluation = dataOf(await as(null).call('jobs', 'evaluateTiers', {}))
  expect(evaluation).toMatchObject({ downgraded: 4 })
  const downgrades = cloud().db.find('tier_changes', { reason: 'downgrade' })
  expect(byMove(countMoves(downgrades))).toEqual(byMove(preview.downgradesDue))

  // The members still inside their period move when it ends, as the preview said.
  cloud().setNow(future(101))
  try {
    await as(null).call('jobs', 'evaluateTiers', {})
  } finally {
    cloud().setNow(NOW)
  }
  const later = cloud()
    .db.find('tier_changes', { reason: 'downgrade' })
    .filter((row) => row.at.getTime() >= future(100).getTime())
  expect(byMove(countMoves(later))).toEqual(byMove(preview.downgradesLater))
})

it('keeps every version readable and shows each member the change once, with what it means for them', async () => {
  const overview = dataOf(await as('owner-1').call('tiers', 'rules', {}))
  expect(overview.active).toMatchObject({ version: 2, explanation: '银卡门槛降低，金卡门槛提高' })
  expect(overview.history.map((version) => version.version)).toEqual([2, 1])
  expect(overview.history[1].draft.tiers[1].threshold).toBe(100_000)

  const status = dataOf(await as('gold-kept-0').call('tiers', 'status', {}))
  expect(status.notice).toMatchObject({ version: 2, explanation: '银卡门槛降低，金卡门槛提高' })
  expect(status.notice?.meaning).toMatch(/^新规则下您仍是金卡，有效期至 2027年11月22日$/)
  dataOf(await as('gold-kept-0').call('tiers', 'dismissNotice', { version: 2 }))
  expect(dataOf(await as('gold-kept-0').call('tiers', 'status', {})).notice).toBeNull()
  expect(dataOf(await as('lifted-0').call('tiers', 'status', {})).notice?.meaning).toBe('新规则下您已升级为银卡')
})

it('a continued sweep lifts nobody twice, and stops once its version is superseded', async () => {
  const again = dataOf(await as(null).call('jobs', 'applyRules', { version: 2, after: null }))
  expect(again).toMatchObject({ upgraded: 0, more: false, superseded: false })
  seed('late-lift', 2, 'regular', 85_000, null)
  const cutShort = dataOf(await as(null).call('jobs', 'applyRules', { version: 2, after: 'late-lift-0', budgetMs: 1 }))
  expect(cutShort.upgraded).toBeLessThanOrEqual(1)
  const rest = dataOf(await as(null).call('jobs', 'applyRules', { version: 2, after: null }))
  expect(cutShort.upgraded + rest.upgraded).toBe(2)
  expect(cloud().db.find('tier_changes', { openid: 'late-lift-1' })).toHaveLength(1)
  expect(dataOf(await as(null).call('jobs', 'applyRules', { version: 1, after: null }))).toMatchObject({ superseded: true, upgraded: 0 })
  expect(await as('owner-1').call('jobs', 'applyRules', { version: 2, after: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
})

function countMoves(rows: Array<{ from: TierId; to: TierId }>) {
  const counts = new Map<string, { from: TierId; to: TierId; count: number }>()
  for (const row of rows) {
    const key = `${row.from}>${row.to}`
    counts.set(key, { from: row.from, to: row.to, count: (counts.get(key)?.count ?? 0) + 1 })
  }
  return [...counts.values()]
}
