import { activityIn, activitiesRepo, applyPromotion, applySeatChange, applySignup, markSettledIn, signupIn, type ActivityDoc, type SignupDoc } from '../data/activities'
import { memberIn, membersRepo } from '../data/members'
import { activeRules } from '../data/rules'
import { inTransaction } from '../data/transaction'
import { decideCancelSignup, decideCheckIn, decidePromotion, decideSignup, decideSignupEnded, signupId, type Promotion } from '../domain/activity'
import type { Decision, Refusal } from '../domain/decision'
import type { MemberDoc } from '../domain/member'
import { activityCancelledMessage, waitlistPromotedMessage } from '../domain/messages'
import type { Rules } from '../domain/rules'
import type { Database } from '../runtime/cloud'
import { deliver } from './deliver'
import { refusalError } from './commands'

/**
 * The activity's seat commands: each one transaction of single-document operations (the activity,
 * the caller's signup, the promoted signup, the member for points), messages sent after commit.
 */

export type SignupOutcome = { signup: SignupDoc; activity: ActivityDoc; member: MemberDoc | null; duplicate: boolean }

/**
 * Signs the caller up: a seat, the back of the queue, or ACTIVITY_FULL. The member is read inside
 * the transaction only when the signup costs points (their balance is then what it commits
 * against); a free signup reads them once before it, for the tier and the window.
 */
export async function signUp(db: Database, activityId: string, openid: string, now: Date): Promise<SignupOutcome> {
  const rules = await activeRules(db, now)
  const id = signupId(activityId, openid)
  const outside = await membersRepo(db).byOpenid(openid)
  const outcome = await inTransaction(db, async (transaction) => {
    const activity = await activityIn(transaction, activityId)
    const member = activity && activity.pointsCost > 0 ? await memberIn(transaction, openid) : outside
    // A first signup inserts its document; one already there (a concurrent tap, a re-signup after cancelling) is read and decided on.
    const first = decideSignup({ activity, signup: null, member }, openid, rules, now)
    if (first.kind !== 'seats') return first as Refusal
    if ((await applySeatChange(transaction, first)) === 'applied')
      return { kind: 'applied' as const, signup: first.signup, activity: { ...activity!, ...first.activity }, member: afterPoints(member, first.points) }
    const again = decideSignup({ activity, signup: await signupIn(transaction, id), member }, openid, rules, now)
    if (again.kind === 'already') return { kind: 'already' as const, signup: again.signup, activity: activity!, member }
    if (again.kind !== 'seats') return again
    await applySeatChange(transaction, again)
    return { kind: 'applied' as const, signup: again.signup, activity: { ...activity!, ...again.activity }, member: afterPoints(member, again.points) }
  })
  if (outcome.kind === 'refused') throw refusalError(outcome)
  return { signup: outcome.signup, activity: outcome.activity, member: outcome.member, duplicate: outcome.kind === 'already' }
}

/** The member as the decision left them, for the answer. */
function afterPoints(member: MemberDoc | null, points: Decision | null): MemberDoc | null {
  return member && points ? ({ ...member, ...points.member } as MemberDoc) : member
}

/** Cancels the caller's signup before the cutoff; the seat freed goes to the first in the queue, who is told. */
export async function cancelSignup(db: Database, activityId: string, openid: string, now: Date): Promise<{ signup: SignupDoc; activity: ActivityDoc }> {
  const rules = await activeRules(db, now)
  const outcome = await inTransaction(db, async (transaction) => {
    const [activity, signup] = await Promise.all([activityIn(transaction, activityId), signupIn(transaction, signupId(activityId, openid))])
    const member = signup && signup.pointsPaid > 0 && !signup.refunded ? await memberIn(transaction, openid) : null
    const verdict = decideCancelSignup({ activity, signup, member }, rules, now)
    if (verdict.kind !== 'seats') return verdict
    await applySeatChange(transaction, verdict)
    return { kind: 'applied' as const, change: verdict, activity: { ...activity!, ...verdict.activity } }
  })
  if (outcome.kind === 'refused') throw refusalError(outcome)
  await tellPromoted(db, outcome.activity, outcome.change.promotion)
  return { signup: outcome.change.signup, activity: outcome.activity }
}

/**
 * Fills free seats from the queue, one promotion per transaction, until none is free or nobody
 * waits: seats freed by a raised capacity, or a promotion whose message was cut short.
 */
export async function promoteWaiting(db: Database, activityId: string, now: Date, most = 1000): Promise<number> {
  let promoted = 0
  while (promoted < most) {
    const outcome = await inTransaction(db, async (transaction) => {
      const activity = await activityIn(transaction, activityId)
      const verdict = decidePromotion(activity, now)
      if (!verdict) return null
      await applyPromotion(transaction, activityId, verdict.promotion, verdict.activity)
      return { activity: { ...activity!, ...verdict.activity }, promotion: verdict.promotion }
    })
    if (!outcome) break
    promoted++
    await tellPromoted(db, outcome.activity, outcome.promotion)
  }
  return promoted
}

async function tellPromoted(db: Database, activity: ActivityDoc, promotion: Promotion | null): Promise<void> {
  if (!promotion) return
  await deliver([waitlistPromotedMessage(promotion.openid, activity, promotion.patch.promotedAt ?? new Date())], new Map(), db)
}

export type CheckInOutcome = { member: MemberDoc; signup: SignupDoc; pointsAwarded: number; rules: Rules }

/** Staff scanned a member's live code: checked in once, attendance points once under `attend:<activityId>:<openid>`. */
export async function checkIn(db: Database, activityId: string, openid: string, staff: string, now: Date, staffStore: string | null = null): Promise<CheckInOutcome> {
  const rules = await activeRules(db, now)
  const outcome = await inTransaction(db, async (transaction) => {
    const [activity, signup, member] = await Promise.all([activityIn(transaction, activityId), signupIn(transaction, signupId(activityId, openid)), memberIn(transaction, openid)])
    const verdict = decideCheckIn({ activity, signup, member }, staff, rules, now, staffStore)
    if ('kind' in verdict) return verdict
    await applySignup(transaction, verdict.signup, verdict.points)
    return { kind: 'applied' as const, member: member!, signup: verdict.signup, pointsAwarded: verdict.points ? verdict.points.ledger[0].delta : 0 }
  })
  if (outcome.kind === 'refused') throw refusalError(outcome)
  return { member: outcome.member, signup: outcome.signup, pointsAwarded: outcome.pointsAwarded, rules }
}

/**
 * Ends the standing signups of a cancelled activity (`activity`) or the queue of an ended one
 * (`closed`): each its own transaction, its cost back once under its refund key, a cancelled
 * activity's members told. Runs until the budget says stop; run again, it carries on where it was,
 * since a settled signup is `refunded` and leaves the query.
 */
export async function settleSignups(db: Database, activity: ActivityDoc, by: 'activity' | 'closed', now: Date, canGoOn: () => boolean): Promise<{ settled: number; left: boolean }> {
  const rules = await activeRules(db, now)
  const repo = activitiesRepo(db)
  let settled = 0
  const statuses: SignupDoc['status'][] = by === 'activity' ? ['confirmed', 'waitlisted', 'cancelled'] : ['waitlisted']
  for (const status of statuses) {
    for (;;) {
      if (!canGoOn()) return { settled, left: true }
      const page = await repo.unsettled(activity._id, status, 50)
      if (page.length === 0) break
      for (const found of page) {
        if (!canGoOn()) return { settled, left: true }
        const ended = await inTransaction(db, async (transaction) => {
          const signup = await signupIn(transaction, found._id)
          const member = signup && signup.pointsPaid > 0 && !signup.refunded ? await memberIn(transaction, signup.openid) : null
          const verdict = signup ? decideSignupEnded({ activity, signup, member }, by, rules, now) : null
          if (!verdict) {
            // Nothing owed (a free signup already ended): mark it so the walk moves on.
            if (signup && !signup.refunded) await markSettledIn(transaction, signup._id)
            return null
          }
          await applySignup(transaction, verdict.signup, verdict.points)
          return { wasStanding: signup!.status !== 'cancelled', refunded: verdict.points ? verdict.points.ledger[0].delta : 0 }
        })
        settled++
        if (ended?.wasStanding && by === 'activity') await deliver([activityCancelledMessage(found.openid, activity, ended.refunded)])
      }
    }
  }
  return { settled, left: false }
}
