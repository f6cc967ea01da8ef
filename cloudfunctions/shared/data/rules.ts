import type { PointsRules } from '../domain/pointsRules'
import { DEFAULT_RULES, pointsRulesOf, type Rules } from '../domain/rules'
import type { Database } from '../runtime/cloud'
import { isDuplicateKeyError } from './errors'
import { instanceCache } from './instanceCache'
import { rowsOf } from './results'
import { getOrNull, inTransaction } from './transaction'

/**
 * Rules change rarely and every till action needs them, so an instance keeps what it read for a
 * short while: a published change reaches every till within RULES_TTL_MS, and the hot accrual
 * transaction stays free of an extra read. Each ledger row records the version it used.
 *
 * Storage: `rules/active` holds the version in force; `rules/v<N>` keeps every published version,
 * never changed afterwards, so old versions stay readable.
 */
const RULES_TTL_MS = 30_000

const cached = instanceCache<Rules>(RULES_TTL_MS)

export async function activeRules(db: Database, now: Date = new Date()): Promise<Rules> {
  return cached.get(now, async () => {
    const [doc] = await rowsOf<Partial<Rules> & { _id: string }>(db.collection('rules').where({ _id: 'active' }).limit(1))
    return doc ? fromDoc(doc) : DEFAULT_RULES
  })
}

export async function activePointsRules(db: Database, now: Date = new Date()): Promise<PointsRules> {
  return pointsRulesOf(await activeRules(db, now))
}

/** After this instance publishes, it should not wait out its own cache. */
export function forgetCachedRules(): void {
  cached.forget()
}

export function rulesRepo(db: Database) {
  const collection = db.collection('rules')
  return {
    async version(version: number): Promise<Rules | null> {
      const [doc] = await rowsOf<Partial<Rules> & { _id: string }>(collection.where({ _id: `v${version}` }).limit(1))
      return doc ? fromDoc(doc) : null
    },
    async versions(): Promise<Rules[]> {
      const _ = db.command
      const docs = await rowsOf<Partial<Rules> & { _id: string }>(
        collection
          // Every `v<N>` and not `active` ('active' < 'v'): a range the `_id` index serves, where `neq('active')` reads the collection.
          .where(_.and([{ _id: _.gte('v') }, { _id: _.lt('w') }]))
          .orderBy('version', 'desc')
          .limit(100),
      )
      return docs.map(fromDoc)
    },
  }
}

/**
 * Publishes `next` as the version after `current`: the new version and the `active` pointer change
 * together, or `conflict` when someone published in between (the pointer moved, or the version's
 * key is taken). The built-in first version was never stored; it is kept readable too.
 */
export async function commitRulesVersion(db: Database, current: Rules, next: Rules): Promise<'committed' | 'conflict'> {
  try {
    return await inTransaction(db, async (transaction) => {
      const rules = transaction.collection('rules')
      const active = await getOrNull<Rules>(transaction, 'rules', 'active')
      if ((active?.version ?? DEFAULT_RULES.version) !== current.version) return 'conflict'
      if (!active) await rules.add({ data: { _id: `v${current.version}`, ...current } })
      await rules.add({ data: { _id: `v${next.version}`, ...next } })
      await rules.doc('active').set({ data: next })
      return 'committed'
    })
  } catch (error) {
    if (isDuplicateKeyError(error)) return 'conflict'
    throw error
  }
}

function fromDoc(doc: Partial<Rules>): Rules {
  return {
    version: doc.version ?? DEFAULT_RULES.version,
    points: { ...DEFAULT_RULES.points, ...doc.points },
    tiers: doc.tiers ?? DEFAULT_RULES.tiers,
    explanation: doc.explanation ?? '',
    publishedAt: doc.publishedAt ?? null,
    publishedBy: doc.publishedBy ?? null,
  }
}
