import { couponUsed, type CouponDoc } from '../domain/coupons'
import type { Database } from '../runtime/cloud'
import { rowsOf } from './results'
import { getOrNull, type Transaction } from './transaction'

/** The document type lives in the domain, which decides coupons; re-exported for readers of this collection. */
export type { CouponDoc } from '../domain/coupons'

/** How many coupons a wallet lists; far more than a member holds in practice. */
const WALLET_LIMIT = 200

/** Inside a transaction: the coupon an order names, so its use commits with the order. */
export function couponIn(transaction: Transaction, id: string): Promise<CouponDoc | null> {
  return getOrNull<CouponDoc>(transaction, 'coupons', id)
}

export type CouponWithMember = CouponDoc & { member: { name: string; cardNo: string } | null }

export function couponsRepo(db: Database) {
  const collection = db.collection('coupons')
  const _ = db.command
  return {
    /** Available coupons whose last day falls in [from, to], in `_id` order after the cursor: the daily reminder's page. */
    async availableEndingBetween(from: Date, to: Date, afterId: string | null, limit: number): Promise<CouponDoc[]> {
      const where = { status: 'available', validUntil: _.and([_.gte(from), _.lte(to)]), ...(afterId ? { _id: _.gt(afterId) } : {}) }
      return rowsOf<CouponDoc>(collection.where(where).orderBy('_id', 'asc').limit(limit))
    },
    /** A member's coupons, newest first. One round trip. */
    async of(openid: string): Promise<CouponDoc[]> {
      return rowsOf<CouponDoc>(collection.where({ openid }).orderBy('createdAt', 'desc').limit(WALLET_LIMIT))
    },
    /** A member's coupons still usable at `now`, soonest to expire first. One round trip. */
    async availableOf(openid: string, now: Date): Promise<CouponDoc[]> {
      return rowsOf<CouponDoc>(
        collection
          .where({ openid, status: 'available', validUntil: _.gt(now) })
          .orderBy('validUntil', 'asc')
          .limit(WALLET_LIMIT),
      )
    },
    async byId(id: string): Promise<CouponDoc | null> {
      const [doc] = await rowsOf<CouponDoc>(collection.where({ _id: id }).limit(1))
      return doc ?? null
    },
    /** The coupon behind a scanned code with its member's name and card number, in one round trip. */
    async byCodeWithMember(code: string): Promise<CouponWithMember | null> {
      const { list } = (await collection.aggregate().match({ code }).limit(1).lookup({ from: 'members', localField: 'openid', foreignField: '_id', as: 'members' }).end()) as {
        list: Array<CouponDoc & { members?: Array<{ cardNo: string; profile?: { name?: string } }> }>
      }
      const [found] = list
      if (!found) return null
      const { members, ...doc } = found
      const member = members?.[0]
      return { ...(doc as CouponDoc), member: member ? { name: member.profile?.name ?? '', cardNo: member.cardNo } : null }
    },
    /**
     * Marks an available, unexpired coupon used, unless it belongs to `redeemer` (nobody applies
     * their own coupon). One conditional update, so two tills scanning the same code at once give
     * exactly one `true`.
     */
    async redeem(code: string, redeemer: string, now: Date, orderNo: string | null): Promise<boolean> {
      const { stats } = (await collection.where({ code, status: 'available', validUntil: _.gt(now), openid: _.neq(redeemer) }).update({ data: couponUsed(redeemer, orderNo, now) })) as {
        stats: { updated: number }
      }
      return stats.updated === 1
    },
  }
}
