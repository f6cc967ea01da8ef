import type { RosterView } from '../contract/activity'
import type { ActivityDoc, Promotion, ReminderStage, SeatChange, SignupDoc } from '../domain/activity'
import type { Decision } from '../domain/decision'
import type { Database } from '../runtime/cloud'
import { applyDecision, KeyTaken } from './applyDecision'
import { isDuplicateKeyError } from './errors'
import { rowsOf } from './results'
import { getOrNull, type Transaction } from './transaction'
import { pastTies, type Cursor } from './paging'

export { decodeCursor, encodeCursor, type Cursor } from './paging'

export type { ActivityDoc, SignupDoc } from '../domain/activity'

export function activityIn(transaction: Transaction, id: string): Promise<ActivityDoc | null> {
  return getOrNull<ActivityDoc>(transaction, 'activities', id)
}

export function signupIn(transaction: Transaction, id: string): Promise<SignupDoc | null> {
  return getOrNull<SignupDoc>(transaction, 'signups', id)
}

/**
 * Writes a SeatChange inside the caller's transaction: the caller's signup (inserted when new, so a
 * concurrent first tap finds its `_id` taken and the whole attempt becomes a repeat), the promoted
 * signup, the activity's seats and queue, and the points through applyDecision, the one writer
 * of points.
 */
export async function applySeatChange(transaction: Transaction, change: SeatChange): Promise<'applied' | 'repeat'> {
  const { _id, ...signup } = change.signup
  if (change.insert) {
    try {
      await transaction.collection('signups').add({ data: change.signup })
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'repeat'
      throw error
    }
  } else {
    await transaction.collection('signups').doc(_id).set({ data: signup })
  }
  if (change.promotion) await transaction.collection('signups').doc(change.promotion.signupId).update({ data: change.promotion.patch })
  await transaction
    .collection('activities')
    .doc(change.signup.activityId)
    .update({ data: { confirmed: change.activity.confirmed, queue: transaction.command.set(change.activity.queue) } })
  await applyPoints(transaction, change.points)
  return 'applied'
}

/** A signup written whole with the points it moves (check-in, a refund when the activity ends). */
export async function applySignup(transaction: Transaction, signup: SignupDoc, points: Decision | null): Promise<void> {
  const { _id, ...fields } = signup
  await transaction.collection('signups').doc(_id).set({ data: fields })
  await applyPoints(transaction, points)
}

/** A promotion outside a cancel (seats freed otherwise): the queued signup and the seats, in the caller's transaction. */
export async function applyPromotion(transaction: Transaction, activityId: string, promotion: Promotion, seats: Pick<ActivityDoc, 'confirmed' | 'queue'>): Promise<void> {
  await transaction.collection('signups').doc(promotion.signupId).update({ data: promotion.patch })
  await transaction
    .collection('activities')
    .doc(activityId)
    .update({ data: { confirmed: seats.confirmed, queue: transaction.command.set(seats.queue) } })
}

/** Staff-edited fields, inside the transaction that checked them against the seats. */
export async function updateActivityIn(transaction: Transaction, activityId: string, fields: Partial<Omit<ActivityDoc, 'confirmed' | 'queue'>>): Promise<void> {
  await transaction.collection('activities').doc(activityId).update({ data: fields })
}

/** A signup that owed nothing when its activity ended: marked so the settling walk moves past it. */
export async function markSettledIn(transaction: Transaction, signupId: string): Promise<void> {
  await transaction
    .collection('signups')
    .doc(signupId)
    .update({ data: { refunded: true } })
}

/** The signup has just been read in this transaction, so its points key cannot have been used: a taken key is a broken invariant, rolled back. */
async function applyPoints(transaction: Transaction, points: Decision | null): Promise<void> {
  if (points && (await applyDecision(transaction, points)) === 'repeat') throw new KeyTaken('ledger', points.ledger[0]?._id ?? '')
}

const PAGE = 20
export function activitiesRepo(db: Database) {
  const _ = db.command
  const activities = db.collection('activities')
  const signups = db.collection('signups')

  /** A page ordered by `field` from a cursor: `gte`/`lte` keeps the query on its index, ties at the cursor are dropped here. */
  async function pageBy(
    filter: Record<string, unknown>,
    field: 'startAt' | 'endAt' | 'createdAt',
    direction: 'asc' | 'desc',
    after: Cursor | null,
    limit = PAGE,
    bound = true,
  ): Promise<ActivityDoc[]> {
    const where = after && bound ? { ...filter, [field]: direction === 'asc' ? _.gte(after.at) : _.lte(after.at) } : filter
    const atCursor = (row: ActivityDoc) => after !== null && new Date(row[field]).getTime() === after.at.getTime() && (direction === 'asc' ? row._id <= after.id : row._id >= after.id)
    return pastTies((fetched) => rowsOf<ActivityDoc>(activities.where(where).orderBy(field, direction).orderBy('_id', direction).limit(fetched)), atCursor, limit + 1, after ? 5 : 0)
  }

  return {
    PAGE,
    async byId(id: string): Promise<ActivityDoc | null> {
      const [doc] = await rowsOf<ActivityDoc>(activities.where({ _id: id }).limit(1))
      return doc ?? null
    },
    async byIds(ids: string[]): Promise<Map<string, ActivityDoc>> {
      if (!ids.length) return new Map()
      const rows = await rowsOf<ActivityDoc>(activities.where({ _id: _.in(ids) }).limit(ids.length))
      return new Map(rows.map((row) => [row._id, row]))
    },
    async insert(doc: ActivityDoc): Promise<void> {
      await activities.add({ data: doc })
    },
    /** Only the staff-edited fields and status: seats and queue are written by transactions alone. */
    async update(id: string, fields: Partial<Omit<ActivityDoc, 'confirmed' | 'queue'>>): Promise<void> {
      await activities.doc(id).update({ data: fields })
    },
    /** Back to a draft, only while nobody has signed up (conditional: a signup racing this keeps it published). */
    async unpublishIfEmpty(id: string, at: Date): Promise<boolean> {
      const { stats } = (await activities.where({ _id: id, status: 'published', confirmed: 0, queue: _.size(0) }).update({ data: { status: 'draft', updatedAt: at } })) as {
        stats: { updated: number }
      }
      return stats.updated === 1
    },
    /** Members' 即将开始: published, not started, soonest first. */
    upcoming(now: Date, after: Cursor | null) {
      // From the cursor while it is still ahead of now; one that has started since gives way to now.
      return after && after.at > now ? pageBy({ status: 'published' }, 'startAt', 'asc', after) : pageBy({ status: 'published', startAt: _.gt(now) }, 'startAt', 'asc', null)
    },
    /** Members' 进行中: published and started (the hourly run closes ended ones, so few are past their end). */
    async ongoing(now: Date, after: Cursor | null) {
      return after
        ? pageBy({ status: 'published', startAt: _.and([_.gte(after.at), _.lte(now)]) }, 'startAt', 'asc', after, PAGE, false)
        : pageBy({ status: 'published', startAt: _.lte(now) }, 'startAt', 'asc', null)
    },
    /** Members' 已结束: closed by the hourly run, latest first. */
    ended(after: Cursor | null) {
      return pageBy({ status: 'closed' }, 'endAt', 'desc', after)
    },
    /** Published activities past their end that the hourly run has not closed yet. */
    async endedOpen(now: Date, limit = 100): Promise<ActivityDoc[]> {
      return rowsOf<ActivityDoc>(
        activities
          .where({ status: 'published', endAt: _.lte(now) })
          .orderBy('endAt', 'asc')
          .limit(limit),
      )
    },
    /** Staff: every activity, newest first. */
    adminPage(after: Cursor | null) {
      return pageBy({}, 'createdAt', 'desc', after)
    },
    /** Published activities starting within `[from, to)`: what the hourly run reminds about. */
    async startingBetween(from: Date, to: Date): Promise<ActivityDoc[]> {
      return rowsOf<ActivityDoc>(
        activities
          .where({ status: 'published', startAt: _.and([_.gte(from), _.lt(to)]) })
          .orderBy('startAt', 'asc')
          .limit(1000),
      )
    },
    /** Cancelled activities whose signups still owe a refund or a message. */
    async cancelledUnsettled(limit = 50): Promise<ActivityDoc[]> {
      return rowsOf<ActivityDoc>(activities.where({ status: 'cancelled', settledAt: null }).limit(limit))
    },
    async markSettled(id: string, at: Date): Promise<void> {
      await activities.doc(id).update({ data: { settledAt: at } })
    },
    /** Ended activities, latest first: what the comparison across types reads. */
    async recentEnded(limit: number): Promise<ActivityDoc[]> {
      return rowsOf<ActivityDoc>(activities.where({ status: 'closed' }).orderBy('endAt', 'desc').limit(limit))
    },

    // Signups

    async signup(id: string): Promise<SignupDoc | null> {
      const [doc] = await rowsOf<SignupDoc>(signups.where({ _id: id }).limit(1))
      return doc ?? null
    },
    /** A signup with its activity, in one round trip (null when there is no such signup). */
    async signupWithActivity(id: string): Promise<{ signup: SignupDoc; activity: ActivityDoc | null } | null> {
      const { list } = (await signups.aggregate().match({ _id: id }).limit(1).lookup({ from: 'activities', localField: 'activityId', foreignField: '_id', as: 'activities' }).end()) as {
        list: Array<SignupDoc & { activities?: ActivityDoc[] }>
      }
      const [found] = list
      if (!found) return null
      const { activities: joined, ...signup } = found
      return { signup: signup as SignupDoc, activity: joined?.[0] ?? null }
    },
    async signupsByIds(ids: string[]): Promise<Map<string, SignupDoc>> {
      if (!ids.length) return new Map()
      const rows = await rowsOf<SignupDoc>(signups.where({ _id: _.in(ids) }).limit(ids.length))
      return new Map(rows.map((row) => [row._id, row]))
    },
    /** The member's own signups, latest first. */
    async signupsOf(openid: string, limit = 50): Promise<SignupDoc[]> {
      return rowsOf<SignupDoc>(signups.where({ openid }).orderBy('signedUpAt', 'desc').limit(limit))
    },
    /** The member's signups, latest first, each with its activity: one round trip (the member archive's). */
    async signupsWithActivitiesOf(openid: string, limit: number): Promise<Array<{ signup: SignupDoc; activity: ActivityDoc | null }>> {
      const { list } = (await signups
        .aggregate()
        .match({ openid })
        .sort({ signedUpAt: -1 })
        .limit(limit)
        .lookup({ from: 'activities', localField: 'activityId', foreignField: '_id', as: 'activities' })
        .end()) as { list: Array<SignupDoc & { activities?: ActivityDoc[] }> }
      return list.map(({ activities: joined, ...signup }) => ({ signup: signup as SignupDoc, activity: joined?.[0] ?? null }))
    },
    /** One roster view, in signup order from the cursor (the waitlist's own order comes from the activity's queue). */
    async rosterPage(activityId: string, view: Exclude<RosterView, 'waitlisted'>, after: Cursor | null, limit = PAGE): Promise<SignupDoc[]> {
      const filter: Record<string, unknown> = view === 'checkedIn' ? { activityId, checkedInAt: _.neq(null) } : { activityId, status: view }
      const field = view === 'checkedIn' ? 'checkedInAt' : 'signedUpAt'
      const bound = after ? { [field]: _.gte(after.at) } : {}
      const where = { ...filter, ...(view === 'checkedIn' && after ? { checkedInAt: _.and([_.neq(null), _.gte(after.at)]) } : bound) }
      const shown = (row: SignupDoc) => after !== null && new Date(row[field] as Date).getTime() === after.at.getTime() && row._id <= after.id
      return pastTies((fetched) => rowsOf<SignupDoc>(signups.where(where).orderBy(field, 'asc').orderBy('_id', 'asc').limit(fetched)), shown, limit + 1, 5)
    },
    async counts(activityId: string): Promise<Record<RosterView, number>> {
      const count = async (filter: Record<string, unknown>) => ((await signups.where({ activityId, ...filter }).count()) as { total: number }).total
      const [confirmed, waitlisted, cancelled, checkedIn] = await Promise.all([
        count({ status: 'confirmed' }),
        count({ status: 'waitlisted' }),
        count({ status: 'cancelled' }),
        count({ checkedInAt: _.neq(null) }),
      ])
      return { confirmed, waitlisted, cancelled, checkedIn }
    },
    /** Every signup of an activity, in `_id` order from `afterId`: evaluation and settlement walk them. */
    async allSignups(activityId: string, afterId: string | null, limit = 500): Promise<SignupDoc[]> {
      const filter = afterId ? { activityId, _id: _.gt(afterId) } : { activityId }
      return rowsOf<SignupDoc>(signups.where(filter).orderBy('_id', 'asc').limit(limit))
    },
    /** Signups still owed a refund or an ending when the activity was cancelled or closed. */
    async unsettled(activityId: string, status: SignupDoc['status'], limit = 100): Promise<SignupDoc[]> {
      return rowsOf<SignupDoc>(signups.where({ activityId, refunded: false, status }).limit(limit))
    },
    /**
     * Confirmed signups not yet sent reminder `stage`. A claimed signup leaves this range, so the
     * stage is the walk's cursor: a run cut off resumes where it stopped, and the index answers the
     * whole filter, so each page examines only what it returns.
     */
    async remindable(activityId: string, stage: ReminderStage, limit: number): Promise<SignupDoc[]> {
      return rowsOf<SignupDoc>(signups.where({ activityId, status: 'confirmed', reminded: _.lt(stage) }).limit(limit))
    },
    /** Claims reminder `stage` for one signup: true for exactly one caller however many runs overlap. */
    async claimReminder(id: string, stage: ReminderStage): Promise<boolean> {
      const { stats } = (await signups.where({ _id: id, reminded: _.lt(stage) }).update({ data: { reminded: stage } })) as { stats: { updated: number } }
      return stats.updated === 1
    },
    async setRating(id: string, rating: SignupDoc['rating']): Promise<boolean> {
      const { stats } = (await signups.where({ _id: id, rating: null }).update({ data: { rating: _.set(rating) } })) as { stats: { updated: number } }
      return stats.updated === 1
    },
  }
}
