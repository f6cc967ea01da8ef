import { randomBytes } from 'node:crypto'
import {
  activityRefPayload,
  adminListActivitiesPayload,
  cancelActivityPayload,
  createActivityPayload,
  updateActivityPayload,
  type ActivityDraft,
  type StaffActivity,
  type StaffActivityPage,
} from '../../shared/contract/activity'
import { ACTIVITY_COVER, fromShopDateTime } from '../../shared/contract/activityFields'
import { promoteWaiting, settleSignups } from '../../shared/app/activitySeats'
import { coverUrlsOf, formTimesOf, toStaffActivity } from '../../shared/app/activityViews'
import { activitiesRepo, activityIn, encodeCursor, updateActivityIn, type ActivityDoc } from '../../shared/data/activities'
import { inTransaction } from '../../shared/data/transaction'
import { activeRules } from '../../shared/data/rules'
import { activityProblem, cancelProblem, publishProblem, unpublishProblem, type ActivityFields } from '../../shared/domain/activity'
import { AppError, defineAction, type Database } from '../../shared/runtime'
import { invalidInput } from '../../shared/runtime/errors'
import { checkStoredImage } from '../../shared/runtime/images'
import { cursorOf } from '../../shared/app/commands'

/** A cancellation refunds and tells this many signups at once; the hourly run settles the rest. */
const CANCEL_INLINE_MS = 6_000

export const adminList = defineAction({
  schema: adminListActivitiesPayload,
  async handler({ cursor }, { db, now }): Promise<StaffActivityPage> {
    const repo = activitiesRepo(db)
    const [rows, rules] = await Promise.all([repo.adminPage(cursorOf(cursor)), activeRules(db, now)])
    const page = rows.slice(0, repo.PAGE)
    const covers = await coverUrlsOf(page)
    const last = page[page.length - 1]
    return {
      items: page.map((activity) => toStaffActivity(activity, rules, now, covers.get(activity._id) ?? null)),
      nextCursor: rows.length > repo.PAGE && last ? encodeCursor(last.createdAt, last._id) : null,
    }
  },
})

export const adminDetail = defineAction({
  schema: activityRefPayload,
  async handler({ activityId }, { db, now }): Promise<StaffActivity> {
    return staffView(db, await existing(db, activityId), now)
  },
})

export const create = defineAction({
  schema: createActivityPayload,
  async handler(draft, { db, openid, now }): Promise<StaffActivity> {
    const fields = checkedFields(draft, 0)
    if (fields.coverFileId) await checkStoredImage(fields.coverFileId, 'coverFileId', ACTIVITY_COVER)
    const doc: ActivityDoc = {
      _id: `act-${randomBytes(6).toString('hex')}`,
      ...fields,
      status: 'draft',
      confirmed: 0,
      queue: [],
      publishedAt: null,
      cancelledAt: null,
      cancelReason: null,
      closedAt: null,
      settledAt: null,
      createdAt: now,
      createdBy: openid,
      updatedAt: now,
    }
    await activitiesRepo(db).insert(doc)
    return staffView(db, doc, now)
  },
})

/**
 * Edits what staff set; seats and the queue stay the transactions' own. A capacity raised frees
 * seats, which go to the queue in order at once.
 */
export const update = defineAction({
  schema: updateActivityPayload,
  async handler({ activityId, ...changes }, { db, now }): Promise<StaffActivity> {
    const before = await existing(db, activityId)
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined))
    const merged = (stored: ActivityDoc) => ({ ...draftOf(stored), ...given }) as ActivityDraft
    checkedFields(merged(before), before.confirmed)
    if (changes.coverFileId && changes.coverFileId !== before.coverFileId) await checkStoredImage(changes.coverFileId, 'coverFileId', ACTIVITY_COVER)
    // In a transaction with the seats: a capacity lowered never passes signups confirmed meanwhile.
    const outcome = await inTransaction(db, async (transaction) => {
      const stored = await activityIn(transaction, activityId)
      if (!stored) return { error: new AppError('NOT_FOUND', '活动不存在') }
      if (stored.status === 'cancelled' || stored.status === 'closed') return { error: new AppError('CONFLICT', stored.status === 'cancelled' ? '活动已取消，不能修改' : '活动已结束，不能修改') }
      const fields = activityFieldsOf(merged(stored))
      const problem = activityProblem(fields, stored.confirmed)
      if (problem) return { error: invalidInput([{ path: problem.field, message: problem.message }]) }
      await updateActivityIn(transaction, activityId, { ...fields, updatedAt: now })
      return { fields }
    })
    if ('error' in outcome) throw outcome.error
    if (outcome.fields!.capacity > before.capacity) await promoteWaiting(db, activityId, now)
    return staffView(db, await existing(db, activityId), now)
  },
})

export const publish = defineAction({
  schema: activityRefPayload,
  async handler({ activityId }, { db, now }): Promise<StaffActivity> {
    const activity = await existing(db, activityId)
    const problem = publishProblem(activity, now)
    if (problem) throw new AppError('CONFLICT', problem)
    if (activity.status !== 'published') await activitiesRepo(db).update(activityId, { status: 'published', publishedAt: activity.publishedAt ?? now, updatedAt: now })
    return staffView(db, await existing(db, activityId), now)
  },
})

export const unpublish = defineAction({
  schema: activityRefPayload,
  async handler({ activityId }, { db, now }): Promise<StaffActivity> {
    const activity = await existing(db, activityId)
    const problem = unpublishProblem(activity)
    if (problem) throw new AppError('CONFLICT', problem)
    if (!(await activitiesRepo(db).unpublishIfEmpty(activityId, now))) throw new AppError('CONFLICT', '已有会员报名，请改为取消活动')
    return staffView(db, await existing(db, activityId), now)
  },
})

/**
 * Cancels the activity with a reason: every standing signup ends, its points cost comes back once
 * (keyed refund rows, so running it twice refunds nobody twice) and its member is told. What does
 * not fit in this call the hourly run settles.
 */
export const cancel = defineAction({
  schema: cancelActivityPayload,
  async handler({ activityId, reason }, { db, now }): Promise<StaffActivity> {
    const repo = activitiesRepo(db)
    const activity = await existing(db, activityId)
    const problem = cancelProblem(activity, now)
    if (problem) throw new AppError('CONFLICT', problem)
    if (activity.status !== 'cancelled') await repo.update(activityId, { status: 'cancelled', cancelledAt: now, cancelReason: reason, updatedAt: now })
    const cancelled = await existing(db, activityId)
    const startedAt = Date.now()
    const settled = await settleSignups(db, cancelled, 'activity', now, () => Date.now() - startedAt < CANCEL_INLINE_MS)
    if (!settled.left) await repo.markSettled(activityId, now)
    return staffView(db, await existing(db, activityId), now)
  },
})

async function existing(db: Database, activityId: string): Promise<ActivityDoc> {
  const activity = await activitiesRepo(db).byId(activityId)
  if (!activity) throw new AppError('NOT_FOUND', '活动不存在')
  return activity
}

async function staffView(db: Database, activity: ActivityDoc, now: Date): Promise<StaffActivity> {
  const [rules, covers] = await Promise.all([activeRules(db, now), coverUrlsOf([activity])])
  return toStaffActivity(activity, rules, now, covers.get(activity._id) ?? null)
}

/** The draft's times as instants, refused with the field named when they do not fit together. */
function checkedFields(draft: ActivityDraft, confirmed: number): ActivityFields {
  const fields = activityFieldsOf(draft)
  const problem = activityProblem(fields, confirmed)
  if (problem) throw invalidInput([{ path: problem.field, message: problem.message }])
  return fields
}

function activityFieldsOf(draft: ActivityDraft): ActivityFields {
  return {
    ...draft,
    startAt: fromShopDateTime(draft.startAt)!,
    endAt: fromShopDateTime(draft.endAt)!,
    signupOpensAt: fromShopDateTime(draft.signupOpensAt)!,
    signupClosesAt: fromShopDateTime(draft.signupClosesAt)!,
    cancelCutoffAt: fromShopDateTime(draft.cancelCutoffAt)!,
  }
}

function draftOf(activity: ActivityDoc): ActivityDraft {
  return {
    title: activity.title,
    type: activity.type,
    coverFileId: activity.coverFileId,
    description: activity.description,
    place: activity.place,
    ...formTimesOf(activity),
    capacity: activity.capacity,
    waitlist: activity.waitlist,
    minTier: activity.minTier,
    priorityHours: activity.priorityHours,
    attendancePoints: activity.attendancePoints,
    pointsCost: activity.pointsCost,
  }
}
