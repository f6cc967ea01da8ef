import type { Decision } from '../domain/decision'
import { isDuplicateKeyError } from './errors'
import type { Transaction } from './transaction'
import { wholeValues } from './wholeValues'

/**
 * The one writer of points: every ledger row, every change to a member's balance, lots, activity
 * and tier, every tier-change record, issued coupon, redemption and refund progress is written
 * here, from a Decision, inside the caller's transaction. A new feature that moves points adds a
 * decide… function in domain/, never a writer.
 *
 * `repeat`: the decision's first record (its idempotency key) already exists, so the command was
 * carried out before; nothing was written. A key found taken after something was written throws
 * KeyTaken, which rolls the whole transaction back.
 */
export async function applyDecision(transaction: Transaction, decision: Decision): Promise<'applied' | 'repeat'> {
  for (const [index, { collection, doc }] of insertsOf(decision).entries()) {
    if (await inserted(transaction, collection, doc)) continue
    if (index === 0 && isKeyed(collection)) return 'repeat'
    throw new KeyTaken(collection, doc._id)
  }
  if (decision.couponUpdate) await transaction.collection('coupons').doc(decision.couponUpdate.id).update({ data: decision.couponUpdate.patch })
  if (decision.voidCoupons) {
    const { ids, at } = decision.voidCoupons
    for (const id of ids)
      await transaction
        .collection('coupons')
        .doc(id)
        .update({ data: { validUntil: at, voidedAt: at } })
  }
  if (decision.redemption) await transaction.collection('rewards').doc(decision.redemption.record.rewardId).update({ data: decision.redemption.reward })
  if (decision.refund) {
    const { _id, ...progress } = decision.refund
    await transaction.collection('refunds').doc(_id).set({ data: progress })
  }
  const fields = wholeValues(transaction.command, decision.member)
  if (Object.keys(fields).length > 0) await transaction.collection('members').doc(decision.openid).update({ data: fields })
  return 'applied'
}

interface Insert {
  collection: string
  doc: { _id: string }
}

/** Inserts first, in this order, so a repeat stops at its first record before anything is written. */
function insertsOf(decision: Decision): Insert[] {
  const inserts: Insert[] = decision.ledger.map((row) => ({ collection: 'ledger', doc: row }))
  if (decision.tierChange) inserts.push({ collection: 'tier_changes', doc: decision.tierChange })
  if (decision.coupon) inserts.push({ collection: 'coupons', doc: decision.coupon })
  if (decision.redemption) inserts.push({ collection: 'redemptions', doc: decision.redemption.record })
  return inserts
}

/** Records whose `_id` is a command's idempotency key; a tier change's is only its time. */
const isKeyed = (collection: string) => collection === 'ledger' || collection === 'coupons'

async function inserted(transaction: Transaction, collection: string, doc: { _id: string }): Promise<boolean> {
  try {
    await transaction.collection(collection).add({ data: doc })
    return true
  } catch (error) {
    if (isDuplicateKeyError(error)) return false
    throw error
  }
}

const KEY_TAKEN = 'key taken after the decision began writing'

/** Thrown inside the transaction so it rolls back whole; the SDK may pass it on re-wrapped, hence the message test. */
export class KeyTaken extends Error {
  constructor(
    readonly collection: string,
    readonly key: string,
  ) {
    super(`${KEY_TAKEN}: ${collection}/${key}`)
  }
}

export function isKeyTaken(error: unknown): boolean {
  if (error instanceof KeyTaken) return true
  const { message, errMsg } = (error ?? {}) as { message?: unknown; errMsg?: unknown }
  return [message, errMsg].some((text) => typeof text === 'string' && text.includes(KEY_TAKEN))
}
