import type { ActivityEvaluation, ActivityTypeComparison } from '../contract/activity'
import { activitiesRepo, type ActivityDoc, type SignupDoc } from '../data/activities'
import { ledgerRepo } from '../data/ledger'
import { membersRepo } from '../data/members'
import { compareByType, evaluateActivity, spendAround, spendWindow, type MemberSpend } from '../domain/activityEvaluation'
import type { Database } from '../runtime/cloud'

/** Ended activities the comparison across types reads, latest first. */
const COMPARED = 30
/** Members whose orders are read at once. */
const READERS = 8

/** Each activity type's figures side by side, over the latest ended activities (活动评估, and the 数据 pages). */
export async function compareRecentActivities(db: Database, now: Date): Promise<ActivityTypeComparison[]> {
  const ended = await activitiesRepo(db).recentEnded(COMPARED)
  const evaluations: ActivityEvaluation[] = []
  for (const activity of ended) evaluations.push(await evaluationOf(db, activity, now))
  return compareByType(evaluations)
}

export async function evaluationOf(db: Database, activity: ActivityDoc, now: Date): Promise<ActivityEvaluation> {
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
