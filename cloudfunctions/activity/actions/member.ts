import {
  activityRefPayload,
  listActivitiesPayload,
  mineActivitiesPayload,
  ratePayload,
  type ActivityDetail,
  type ActivityListItem,
  type ActivityPage,
  type MyActivity,
  type MySignup,
  type SignupResult,
} from '../../shared/contract/activity'
import { cancelSignup as cancelOwnSignup, signUp } from '../../shared/app/activitySeats'
import { coverUrlsOf, toDetail, toMySignup, toSummary } from '../../shared/app/activityViews'
import { activitiesRepo, encodeCursor, type ActivityDoc, type SignupDoc } from '../../shared/data/activities'
import { membersRepo } from '../../shared/data/members'
import { activeRules } from '../../shared/data/rules'
import { decideRating, phaseOf, signupId } from '../../shared/domain/activity'
import { cursorOf, refusalError } from '../../shared/app/commands'
import { AppError, defineAction, type Database } from '../../shared/runtime'

/** 即将开始 / 进行中 / 已结束, a page at a time; drafts and cancelled activities are never listed. */
export const list = defineAction({
  schema: listActivitiesPayload,
  async handler({ tab, cursor }, { db, openid, now }): Promise<ActivityPage> {
    const after = cursorOf(cursor)
    const repo = activitiesRepo(db)
    const field = tab === 'ended' ? 'endAt' : 'startAt'
    const [rows, rules] = await Promise.all([tab === 'upcoming' ? repo.upcoming(now, after) : tab === 'ongoing' ? repo.ongoing(now, after) : repo.ended(after), activeRules(db, now)])
    const page = rows.slice(0, repo.PAGE)
    // 进行中 reads started activities; the few past their end the hourly run has not closed yet are not shown there.
    const shown = tab === 'ongoing' ? page.filter((activity) => phaseOf(activity, now) === 'ongoing') : page
    // The caller's own signups on this page, by their keys: one read, examining only those that exist.
    const [covers, signups] = await Promise.all([coverUrlsOf(shown), repo.signupsByIds(shown.map((activity) => signupId(activity._id, openid)))])
    const last = page[page.length - 1]
    return {
      items: shown.map((activity) => ({ ...toSummary(activity, rules, now, covers.get(activity._id) ?? null), mine: listStanding(signups.get(signupId(activity._id, openid)) ?? null) })),
      nextCursor: rows.length > repo.PAGE && last ? encodeCursor(last[field], last._id) : null,
    }
  },
})

export const detail = defineAction({
  schema: activityRefPayload,
  async handler({ activityId }, { db, openid, now }): Promise<ActivityDetail> {
    const repo = activitiesRepo(db)
    const [activity, signup, member, rules] = await Promise.all([repo.byId(activityId), repo.signup(signupId(activityId, openid)), membersRepo(db).byOpenid(openid), activeRules(db, now)])
    // A draft is the shop's own; a cancelled one stays readable to those who had signed up and to shared links.
    if (!activity || activity.status === 'draft') throw new AppError('NOT_FOUND', '活动不存在或未发布')
    return toDetail(activity, signup, member, rules, now, (await coverUrlsOf([activity])).get(activity._id) ?? null)
  },
})

/** Signs the caller up; a second tap answers the first signup (`duplicate`). */
export const signup = defineAction({
  schema: activityRefPayload,
  async handler({ activityId }, { db, openid, now }): Promise<SignupResult> {
    const outcome = await signUp(db, activityId, openid, now)
    const [rules, covers] = await Promise.all([activeRules(db, now), coverUrlsOf([outcome.activity])])
    return { activity: toDetail(outcome.activity, outcome.signup, outcome.member, rules, now, covers.get(activityId) ?? null), duplicate: outcome.duplicate }
  },
})

export const cancelSignup = defineAction({
  schema: activityRefPayload,
  async handler({ activityId }, { db, openid, now }): Promise<ActivityDetail> {
    const outcome = await cancelOwnSignup(db, activityId, openid, now)
    return detailOf(db, outcome.activity, outcome.signup, openid, now)
  },
})

/** 我的活动: the caller's signups, latest first, with each activity as it stands. */
export const mine = defineAction({
  schema: mineActivitiesPayload,
  async handler(_payload, { db, openid, now }): Promise<MyActivity[]> {
    const repo = activitiesRepo(db)
    const signups = await repo.signupsOf(openid)
    const [activities, rules] = await Promise.all([repo.byIds([...new Set(signups.map((signup) => signup.activityId))]), activeRules(db, now)])
    const shown = signups.filter((signup) => activities.has(signup.activityId))
    const covers = await coverUrlsOf([...activities.values()])
    return shown.map((signup) => {
      const activity = activities.get(signup.activityId)!
      return { activity: toSummary(activity, rules, now, covers.get(activity._id) ?? null), signup: toMySignup(activity, signup, now) }
    })
  },
})

/** 1–5 and a comment, once, after checking in and once the activity has started: one conditional update. */
export const rate = defineAction({
  schema: ratePayload,
  async handler({ activityId, score, comment }, { db, openid, now }): Promise<MySignup> {
    const repo = activitiesRepo(db)
    const [activity, signup] = await Promise.all([repo.byId(activityId), repo.signup(signupId(activityId, openid))])
    const verdict = decideRating(activity, signup, { score, comment }, now)
    if ('kind' in verdict) throw refusalError(verdict)
    if (!(await repo.setRating(verdict._id, verdict.rating))) throw new AppError('CONFLICT', '您已评价过该活动')
    return toMySignup(activity!, verdict, now)
  },
})

async function detailOf(db: Database, activity: ActivityDoc, signup: Parameters<typeof toDetail>[1], openid: string, now: Date): Promise<ActivityDetail> {
  const [member, rules, covers] = await Promise.all([membersRepo(db).byOpenid(openid), activeRules(db, now), coverUrlsOf([activity])])
  return toDetail(activity, signup, member, rules, now, covers.get(activity._id) ?? null)
}

function listStanding(signup: SignupDoc | null): ActivityListItem['mine'] {
  if (!signup || signup.status === 'cancelled') return null
  return signup.checkedInAt ? 'checkedIn' : signup.status
}
