import type { TierChangeRow } from '../domain/tierMoves'
import type { Database } from '../runtime/cloud'
import { rowsOf } from './results'

/** Rows are decided in domain/tierMoves and appended only by applyDecision; this module reads them. */
export type { TierChangeRow } from '../domain/tierMoves'

export function tierChangesRepo(db: Database) {
  return {
    async of(openid: string, limit = 20): Promise<TierChangeRow[]> {
      return rowsOf<TierChangeRow>(db.collection('tier_changes').where({ openid }).orderBy('at', 'desc').limit(limit))
    },
  }
}
