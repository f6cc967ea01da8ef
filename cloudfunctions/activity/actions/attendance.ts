import { checkInPayload, rosterPayload, type CheckInResult, type Roster, type RosterEntry } from '../../shared/contract/activity'
import { checkIn as checkInMember } from '../../shared/app/activitySeats'
import { activitiesRepo, encodeCursor, type SignupDoc } from '../../shared/data/activities'
import { membersRepo } from '../../shared/data/members'
import { activeRules } from '../../shared/data/rules'
import { positionOf, signupId } from '../../shared/domain/activity'
import { definitionOf } from '../../shared/domain/tiers'
import { AppError, defineAction, staffStoreOf } from '../../shared/runtime'
import { resolveMemberCode } from '../../shared/runtime/memberCode'
import { cursorOf } from '../../shared/app/commands'

/** One roster view a page at a time: confirmed, the waitlist in its order, cancelled, checked in; with every view's count. */
export const roster = defineAction({
  schema: rosterPayload,
  async handler({ activityId, view, cursor }, { db, now }): Promise<Roster> {
    const repo = activitiesRepo(db)
    const activity = await repo.byId(activityId)
    if (!activity) throw new AppError('NOT_FOUND', '活动不存在')
    const after = cursorOf(cursor)
    let signups: SignupDoc[]
    let nextCursor: string | null = null
    if (view === 'waitlisted') {
      // The queue is the waitlist's order; the cursor's id is the position reached.
      const from = after ? Number(after.id) : 0
      const openids = activity.queue.slice(from, from + repo.PAGE)
      const found = await repo.signupsByIds(openids.map((openid) => signupId(activityId, openid)))
      signups = openids.flatMap((openid) => found.get(signupId(activityId, openid)) ?? [])
      if (from + repo.PAGE < activity.queue.length) nextCursor = encodeCursor(now, String(from + repo.PAGE))
    } else {
      const rows = await repo.rosterPage(activityId, view, after)
      signups = rows.slice(0, repo.PAGE)
      const last = signups[signups.length - 1]
      if (rows.length > repo.PAGE && last) nextCursor = encodeCursor((view === 'checkedIn' ? last.checkedInAt : last.signedUpAt)!, last._id)
    }
    const [counts, members, rules] = await Promise.all([repo.counts(activityId), membersRepo(db).byOpenids(signups.map((signup) => signup.openid)), activeRules(db, now)])
    const entries: RosterEntry[] = signups.map((signup) => {
      const member = members.get(signup.openid)
      return {
        name: member?.profile.name ?? '（已注销会员）',
        cardNo: member?.cardNo ?? '',
        tierName: member ? definitionOf(member.tier, rules.tiers).name : '',
        status: signup.status,
        position: signup.status === 'waitlisted' ? positionOf(activity, signup.openid) : null,
        signedUpAt: new Date(signup.signedUpAt).toISOString(),
        checkedInAt: signup.checkedInAt ? new Date(signup.checkedInAt).toISOString() : null,
      }
    })
    return { counts, entries, nextCursor }
  },
})

/** Staff scan the member's live code: checked in once, attendance points once; anyone else is told why not. */
export const checkIn = defineAction({
  schema: checkInPayload,
  async handler({ activityId, memberCode }, { db, openid: staff, now, audit }): Promise<CheckInResult> {
    const openid = resolveMemberCode(memberCode, now)
    audit.member = openid
    // The staff member's store from the role cache authorisation just filled: recorded, not another read.
    const { member, signup, pointsAwarded, rules } = await checkInMember(db, activityId, openid, staff, now, await staffStoreOf(db, staff))
    return { name: member.profile.name, cardNo: member.cardNo, tierName: definitionOf(member.tier, rules.tiers).name, pointsAwarded, checkedInAt: new Date(signup.checkedInAt!).toISOString() }
  },
})
