import type { MemberDoc } from '../domain/member'
import { nextExpiry, type PointsState } from '../domain/points'
import type { Database } from '../runtime/cloud'
import type { Transaction } from './transaction'

export function pointsStateOf(member: MemberDoc): PointsState {
  return {
    pointsBalance: member.pointsBalance,
    lifetimePoints: member.lifetimePoints,
    pointLots: (member.pointLots ?? []).map((lot) => ({ expiresAt: new Date(lot.expiresAt), remaining: lot.remaining })),
  }
}

/** Inside a transaction: the member's balance, lots and next expiry after a movement (plus any other fields that change with it). */
export async function writePointsInTransaction(transaction: Transaction, db: Database, openid: string, state: PointsState, now: Date, alongside: Record<string, unknown> = {}): Promise<void> {
  await transaction.collection('members').doc(openid).update({
    data: {
      ...alongside,
      pointsBalance: state.pointsBalance,
      lifetimePoints: state.lifetimePoints,
      // set() replaces the array whole; a plain array value would be merged element by element.
      pointLots: db.command.set(state.pointLots),
      nextExpiryAt: nextExpiry(state.pointLots),
      lastActiveAt: now,
    },
  })
}
