import { activityRefPayload, compareActivitiesPayload, type ActivityEvaluation, type ActivityTypeComparison } from '../../shared/contract/activity'
import { activitiesRepo, type ActivityDoc, type SignupDoc } from '../../shared/data/activities'
import { ledgerRepo } from '../../shared/data/ledger'
import { membersRepo } from '../../shared/data/members'
import { compareByType, evaluateActivity, spendAround, spendWindow, type MemberSpend } from '../../shared/domain/activityEvaluation'
import { AppError, defineAction, type Database } from '../../shared/runtime'

/** Ended activities the comparison across types reads, latest first. */
const COMPARED = 30
/** Members whose orders are read at once. */
const READERS = 8

export const evaluate = defineAction({
  schema: activityRefPayload,
  async handler({ activityId }, { db, now }): Promise<ActivityEvaluation> {
    const activity = await activitiesRepo(db).byId(activityId)
    if (!activity) throw new AppError('NOT_FOUND', '活动不存在')
    return evaluationOf(db, activity, now)
  },
})

/** Each activity type's figures side by side, over the latest ended activities. */
export const compare = defineAction({
  schema: compareActivitiesPayload,
  async handler(_payload, { db, now }): Promise<ActivityTypeComparison[]> {
    const ended = await activitiesRepo(db).recentEnded(COMPARED)
    const evaluations: ActivityEvaluation[] = []
    for (const activity of ended) evaluations.push(await evaluationOf(db, activity, now))
    return compareByType(evaluations)
  },
})

async function evaluationOf(db: Database, activity: ActivityDoc, now: Date): Promise<ActivityEvaluation> {
  const repo = activitiesRepo(db)
  const signups: SignupDoc[] = []
  for (let afterId: string | null = null; ;) {
    const page = await repo.allSignups(activity._id, afterId)
    signups.push(...page)
    if (page.length < 500) break
    afterId = page[page.length - 1]._id
  }
  const confirmed = signups.filter((signup) => signup.status === 'confirmed').map((signup) => signup.openid)
  const [spend, joined] = await Promise.all([spendOf(db, confirmed, activity.startAt), membersRepo(db).joinedVia(activity._id)])
  return evaluateActivity(activity, signups, spend, joined, now)
}

/** Each confirmed member's spend either side of the start, from their order rows. */
async function spendOf(db: Database, openids: string[], startAt: Date): Promise<Map<string, MemberSpend>> {
  const { from, to } = spendWindow(startAt)
  const ledger = ledgerRepo(db)
  const spend = new Map<string, MemberSpend>()
  let next = 0
  const reader = async () => {
    while (next < openids.length) {
      const openid = openids[next++]
      spend.set(openid, spendAround(await ledger.ordersBetween(openid, from, to), startAt))
    }
  }
  await Promise.all(Array.from({ length: READERS }, reader))
  return spend
}
