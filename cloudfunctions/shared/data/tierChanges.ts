import type { TierId } from '../contract/enums'
import type { TierChange } from '../domain/tiers'
import type { Database } from '../runtime/cloud'
import { rowsOf } from './results'
import type { Transaction } from './transaction'

/** Every tier move, with why and under which rules version. Append-only. */
export interface TierChangeRow {
  _id: string
  openid: string
  from: TierId
  to: TierId
  reason: TierChange['reason']
  figure: number
  rulesVersion: number
  at: Date
}

export function tierChangeRow(openid: string, change: TierChange, rulesVersion: number): TierChangeRow {
  return { _id: `tier:${openid}:${change.at.getTime()}`, openid, from: change.from, to: change.to, reason: change.reason, figure: change.figure, rulesVersion, at: change.at }
}

export async function appendTierChange(transaction: Transaction, row: TierChangeRow): Promise<void> {
  await transaction.collection('tier_changes').add({ data: row })
}

export function tierChangesRepo(db: Database) {
  return {
    async of(openid: string, limit = 20): Promise<TierChangeRow[]> {
      return rowsOf<TierChangeRow>(db.collection('tier_changes').where({ openid }).orderBy('at', 'desc').limit(limit))
    },
  }
}
