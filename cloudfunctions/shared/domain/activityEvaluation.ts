import type { ActivityEvaluation, ActivityTypeComparison, SpendAround } from '../contract/activity'
import { ACTIVITY_TYPE_LABELS, ACTIVITY_TYPES } from '../contract/activityFields'
import { phaseOf, type ActivityDoc, type SignupDoc } from './activity'
import type { LedgerRow } from './ledger'

/** The spend windows either side of an activity's start. */
export const SPEND_WINDOW_DAYS = 30
const DAY_MS = 24 * 3600_000

export interface MemberSpend {
  beforeFen: number
  afterFen: number
}

/** What an order row says was paid: after the checkout's discounts, coupon and points when it was one. */
function paidFen(row: LedgerRow): number {
  if (!row.order) return 0
  return row.order.checkout?.paidFen ?? row.order.amountFen
}

/** A member's spend in the 30 days before the start and the 30 days from it, from their order rows. */
export function spendAround(rows: readonly LedgerRow[], startAt: Date): MemberSpend {
  const start = new Date(startAt).getTime()
  const spend = { beforeFen: 0, afterFen: 0 }
  for (const row of rows) {
    const at = new Date(row.createdAt).getTime()
    if (at >= start - SPEND_WINDOW_DAYS * DAY_MS && at < start) spend.beforeFen += paidFen(row)
    else if (at >= start && at < start + SPEND_WINDOW_DAYS * DAY_MS) spend.afterFen += paidFen(row)
  }
  return spend
}

/** The window to read order rows from for `spendAround`. */
export function spendWindow(startAt: Date): { from: Date; to: Date } {
  const start = new Date(startAt).getTime()
  return { from: new Date(start - SPEND_WINDOW_DAYS * DAY_MS), to: new Date(start + SPEND_WINDOW_DAYS * DAY_MS) }
}

function groupSpend(openids: readonly string[], spend: ReadonlyMap<string, MemberSpend>): SpendAround {
  let beforeFen = 0
  let afterFen = 0
  for (const openid of openids) {
    beforeFen += spend.get(openid)?.beforeFen ?? 0
    afterFen += spend.get(openid)?.afterFen ?? 0
  }
  return { members: openids.length, beforeFen, afterFen, changePerMemberFen: openids.length ? Math.round((afterFen - beforeFen) / openids.length) : null }
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null)

/**
 * An activity's figures from its signups: who came, who did not, what each group spent either side
 * of it, and what those who came thought of it. Attendees are compared with the confirmed members
 * who did not come, not with nobody: the difference is what the activity may claim.
 */
export function evaluateActivity(activity: ActivityDoc, signups: readonly SignupDoc[], spend: ReadonlyMap<string, MemberSpend>, joinedViaShare: number, now: Date): ActivityEvaluation {
  const confirmed = signups.filter((signup) => signup.status === 'confirmed')
  const attendees = confirmed.filter((signup) => signup.checkedInAt)
  const noShows = confirmed.filter((signup) => !signup.checkedInAt)
  const phase = phaseOf(activity, now)
  const ratings = signups.flatMap((signup) => (signup.rating ? [signup.rating] : []))
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0]
  for (const { score } of ratings) distribution[score - 1]++
  return {
    activityId: activity._id,
    title: activity.title,
    type: activity.type,
    typeLabel: ACTIVITY_TYPE_LABELS[activity.type],
    startAt: new Date(activity.startAt).toISOString(),
    phase,
    signups: signups.length,
    confirmed: confirmed.length,
    waitlisted: signups.filter((signup) => signup.status === 'waitlisted').length,
    cancelled: signups.filter((signup) => signup.status === 'cancelled').length,
    checkedIn: attendees.length,
    checkInRate: rate(attendees.length, confirmed.length),
    // Nobody is a no-show before the activity is over.
    noShowRate: phase === 'ended' ? rate(noShows.length, confirmed.length) : null,
    joinedViaShare,
    attendees: groupSpend(
      attendees.map((signup) => signup.openid),
      spend,
    ),
    noShows: groupSpend(
      noShows.map((signup) => signup.openid),
      spend,
    ),
    satisfaction: {
      count: ratings.length,
      mean: ratings.length ? Math.round((ratings.reduce((sum, { score }) => sum + score, 0) / ratings.length) * 100) / 100 : null,
      distribution,
      comments: [...ratings]
        .filter((rating) => rating.comment)
        .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
        .slice(0, 50)
        .map((rating) => ({ score: rating.score, comment: rating.comment, at: new Date(rating.at).toISOString() })),
    },
  }
}

/** Each type's activities side by side: participation, spend change of attendees against no-shows, satisfaction. */
export function compareByType(evaluations: readonly ActivityEvaluation[]): ActivityTypeComparison[] {
  return ACTIVITY_TYPES.flatMap((type) => {
    const own = evaluations.filter((evaluation) => evaluation.type === type)
    if (own.length === 0) return []
    const sum = (pick: (evaluation: ActivityEvaluation) => number) => own.reduce((total, evaluation) => total + pick(evaluation), 0)
    const perMember = (group: 'attendees' | 'noShows') => {
      const members = sum((evaluation) => evaluation[group].members)
      return members ? Math.round(sum((evaluation) => evaluation[group].afterFen - evaluation[group].beforeFen) / members) : null
    }
    const rated = sum((evaluation) => evaluation.satisfaction.count)
    const scoreTotal = sum((evaluation) => evaluation.satisfaction.distribution.reduce((total, count, index) => total + count * (index + 1), 0))
    return [
      {
        type,
        typeLabel: ACTIVITY_TYPE_LABELS[type],
        activities: own.length,
        signups: sum((evaluation) => evaluation.signups),
        checkedIn: sum((evaluation) => evaluation.checkedIn),
        participation: rate(
          sum((evaluation) => evaluation.checkedIn),
          sum((evaluation) => evaluation.confirmed),
        ),
        attendeeChangePerMemberFen: perMember('attendees'),
        noShowChangePerMemberFen: perMember('noShows'),
        satisfaction: rated ? Math.round((scoreTotal / rated) * 100) / 100 : null,
      },
    ]
  })
}
