import { DEFAULT_POINTS_RULES, type PointsRules } from '../domain/pointsRules'
import type { Database } from '../runtime/cloud'
import { rowsOf } from './results'

/**
 * Rules change rarely and every till action needs them, so an instance keeps what it read for a
 * short while: a published change reaches every till within RULES_TTL_MS, and the hot accrual
 * transaction stays free of an extra read. Each ledger row records the version it used.
 */
const RULES_TTL_MS = 30_000

let cached: { rules: PointsRules; readAt: number } | null = null

export async function activePointsRules(db: Database, now: Date = new Date()): Promise<PointsRules> {
  if (cached && now.getTime() - cached.readAt < RULES_TTL_MS && now.getTime() >= cached.readAt) return cached.rules
  const [doc] = await rowsOf<{ _id: string; points?: Partial<PointsRules>; version?: number }>(db.collection('rules').where({ _id: 'active' }).limit(1))
  const rules: PointsRules = doc?.points ? { ...DEFAULT_POINTS_RULES, ...doc.points, version: doc.version ?? DEFAULT_POINTS_RULES.version } : DEFAULT_POINTS_RULES
  cached = { rules, readAt: now.getTime() }
  return rules
}
