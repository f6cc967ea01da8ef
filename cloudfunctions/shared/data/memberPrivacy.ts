import { ERASED_NAME } from '../contract/workspaceFields'
import type { MemberDoc } from '../domain/member'
import type { Database } from '../runtime/cloud'
import { rowsOf } from './results'
import { getOrNull, type Transaction } from './transaction'

/**
 * Finding members by what staff know of them, and erasing what identifies a member. Reads and
 * writes a member's profile, never their points (those change only through applyDecision).
 */

export type MemberHitDoc = Pick<MemberDoc, '_id' | 'cardNo' | 'profile' | 'tier' | 'pointsBalance' | 'joinedAt' | 'removedAt'>
const HIT_FIELDS = { _id: true, cardNo: true, profile: true, tier: true, pointsBalance: true, joinedAt: true, removedAt: true }

/** The last four digits staff type to find a member by phone: stored beside the number, indexed. */
export function phone4Of(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '')
  return digits.length >= 4 ? digits.slice(-4) : null
}

export function memberSearchRepo(db: Database) {
  const members = db.collection('members')
  const _ = db.command
  return {
    /** One round trip, one document examined: the unique card-number index. */
    async byCardNo(cardNo: string): Promise<MemberHitDoc[]> {
      return rowsOf<MemberHitDoc>(members.where({ cardNo }).limit(1).field(HIT_FIELDS))
    },
    /** A full number: a phone belongs to one active member, but an erased one has none, so at most a few. */
    async byPhone(phone: string, afterId: string | null, limit: number): Promise<MemberHitDoc[]> {
      const where = afterId ? { 'profile.phone': phone, _id: _.gt(afterId) } : { 'profile.phone': phone }
      return rowsOf<MemberHitDoc>(members.where(where).orderBy('profile.phone', 'asc').orderBy('_id', 'asc').limit(limit).field(HIT_FIELDS))
    },
    async byPhone4(phone4: string, afterId: string | null, limit: number): Promise<MemberHitDoc[]> {
      const where = afterId ? { 'profile.phone4': phone4, _id: _.gt(afterId) } : { 'profile.phone4': phone4 }
      // Ordered by the index's own fields, so the phone4_id index answers the page (ordered by `_id` alone, the `_id` index would walk every member).
      return rowsOf<MemberHitDoc>(members.where(where).orderBy('profile.phone4', 'asc').orderBy('_id', 'asc').limit(limit).field(HIT_FIELDS))
    },
    /**
     * Names starting with the prefix, in (name, `_id`) order on the name index. After a page: the
     * rest of the cursor's own name by `_id`, then the names after it, two plain index ranges (an
     * `$or` would not stop at the page's end).
     */
    async byNamePrefix(prefix: string, after: { name: string; id: string } | null, limit: number): Promise<MemberHitDoc[]> {
      const end = `${prefix}\uffff`
      const page = (range: unknown) => rowsOf<MemberHitDoc>(members.where({ 'profile.name': range }).orderBy('profile.name', 'asc').orderBy('_id', 'asc').limit(limit).field(HIT_FIELDS))
      if (!after) return page(_.and([_.gte(prefix), _.lt(end)]))
      const [ties, later] = await Promise.all([
        rowsOf<MemberHitDoc>(
          members
            .where({ 'profile.name': after.name, _id: _.gt(after.id) })
            .orderBy('profile.name', 'asc')
            .orderBy('_id', 'asc')
            .limit(limit)
            .field(HIT_FIELDS),
        ),
        page(_.and([_.gt(after.name), _.lt(end)])),
      ])
      return [...ties, ...later].slice(0, limit)
    },
    /** Another active member holding this phone (for bindPhone's CONFLICT). */
    async otherHolderOf(phone: string, openid: string): Promise<boolean> {
      const holders = await rowsOf<Pick<MemberDoc, '_id' | 'removedAt'>>(members.where({ 'profile.phone': phone }).limit(5).field({ _id: true, removedAt: true }))
      return holders.some((holder) => holder._id !== openid && !holder.removedAt)
    },
    async setPhone(openid: string, phone: string): Promise<void> {
      await members.doc(openid).update({ data: { 'profile.phone': phone, 'profile.phone4': phone4Of(phone) } })
    },
  }
}

/** Remembers the member's 我的数据 file, so erasure can delete it. */
export async function setDataFile(db: Database, openid: string, fileId: string): Promise<void> {
  await db
    .collection('members')
    .doc(openid)
    .update({ data: { dataFileId: fileId } })
}

/**
 * Inside the erasure's transaction, after its Decision: what identified the member goes; the
 * card number, tier, totals and dates stay for the shop's accounts and statistics.
 */
export async function anonymiseIn(transaction: Transaction, openid: string, now: Date): Promise<void> {
  await transaction
    .collection('members')
    .doc(openid)
    .update({
      data: {
        profile: { name: ERASED_NAME, gender: 'unknown', birthday: '', birthdayMD: '', avatarFileId: null, phone: null, phone4: null },
        tags: [],
        messaging: null,
        dataFileId: null,
        removedAt: now,
        erasedAt: now,
      },
    })
}

/**
 * A rejoin by someone whose membership was erased: the erased document (same OPENID) makes way
 * for the new member, in a transaction so two joins at once make one member. False when the
 * document is no longer an erased one (someone else's join won).
 */
export async function replaceErasedIn(transaction: Transaction, doc: MemberDoc): Promise<boolean> {
  const current = await getOrNull<MemberDoc & { erasedAt?: Date | null }>(transaction, 'members', doc._id)
  if (current && !current.erasedAt) return false
  const { _id, ...fields } = doc
  await transaction
    .collection('members')
    .doc(_id)
    .set({ data: { ...fields, erasedAt: null } })
  return true
}
