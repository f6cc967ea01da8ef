import type { ActivityDetail, ActivitySummary, MySignup, StaffActivity } from '../contract/activity'
import { ACTIVITY_TYPE_LABELS, toShopDateTime } from '../contract/activityFields'
import { canCancel, canRate, showsCheckInCode, phaseOf, positionOf, priorityOpensAt, seatsLeft, standingOf, type ActivityDoc, type SignupDoc } from '../domain/activity'
import type { MemberDoc } from '../domain/member'
import type { Rules } from '../domain/rules'
import { definitionOf } from '../domain/tiers'
import { imageUrlsOf } from '../runtime/images'

/** How activities and signups read to members and staff: documents in, contract views out. */

const iso = (at: Date | string | null) => (at ? new Date(at).toISOString() : null)

/** Each activity's cover as a link the phone can show now; one that storage cannot link shows none. */
export async function coverUrlsOf(activities: readonly ActivityDoc[]): Promise<Map<string, string | null>> {
  const urls = await imageUrlsOf(activities.map((activity) => activity.coverFileId))
  return new Map(activities.map((activity, index) => [activity._id, urls[index]]))
}

export function toSummary(activity: ActivityDoc, rules: Rules, now: Date, coverUrl: string | null): ActivitySummary {
  return {
    id: activity._id,
    title: activity.title,
    type: activity.type,
    typeLabel: ACTIVITY_TYPE_LABELS[activity.type],
    coverUrl,
    startAt: iso(activity.startAt)!,
    endAt: iso(activity.endAt)!,
    place: activity.place,
    capacity: activity.capacity,
    confirmed: activity.confirmed,
    seatsLeft: seatsLeft(activity),
    waitlistCount: activity.queue.length,
    minTier: activity.minTier,
    minTierName: definitionOf(activity.minTier, rules.tiers).name,
    pointsCost: activity.pointsCost,
    attendancePoints: activity.attendancePoints,
    status: activity.status,
    phase: phaseOf(activity, now),
  }
}

export function toMySignup(activity: ActivityDoc, signup: SignupDoc, now: Date): MySignup {
  return {
    status: signup.status,
    position: signup.status === 'waitlisted' ? positionOf(activity, signup.openid) : null,
    signedUpAt: iso(signup.signedUpAt)!,
    checkedInAt: iso(signup.checkedInAt),
    pointsPaid: signup.pointsPaid,
    rating: signup.rating ? { score: signup.rating.score, comment: signup.rating.comment } : null,
    canCancel: canCancel(activity, signup, now),
    canRate: canRate(activity, signup, now),
    refunded: signup.refunded && signup.pointsPaid > 0,
    showCheckInCode: showsCheckInCode(activity, signup, now),
  }
}

function detailFields(activity: ActivityDoc, rules: Rules) {
  return {
    description: activity.description,
    signupOpensAt: iso(activity.signupOpensAt)!,
    signupClosesAt: iso(activity.signupClosesAt)!,
    cancelCutoffAt: iso(activity.cancelCutoffAt)!,
    priorityOpensAt: priorityOpensAt(activity, rules.tiers).toISOString(),
    priorityHours: activity.priorityHours,
    waitlist: activity.waitlist,
    cancelReason: activity.cancelReason,
  }
}

export function toDetail(activity: ActivityDoc, signup: SignupDoc | null, member: MemberDoc | null, rules: Rules, now: Date, coverUrl: string | null): ActivityDetail {
  const { state, label, actionable } = standingOf(activity, signup, member, rules.tiers, now)
  return {
    ...toSummary(activity, rules, now, coverUrl),
    ...detailFields(activity, rules),
    standing: { state, label, actionable },
    mine: signup ? toMySignup(activity, signup, now) : null,
  }
}

/** The form's Beijing wall-clock text for each of an activity's times. */
export function formTimesOf(activity: ActivityDoc): StaffActivity['form'] {
  return {
    startAt: toShopDateTime(activity.startAt),
    endAt: toShopDateTime(activity.endAt),
    signupOpensAt: toShopDateTime(activity.signupOpensAt),
    signupClosesAt: toShopDateTime(activity.signupClosesAt),
    cancelCutoffAt: toShopDateTime(activity.cancelCutoffAt),
  }
}

export function toStaffActivity(activity: ActivityDoc, rules: Rules, now: Date, coverUrl: string | null): StaffActivity {
  return {
    ...toSummary(activity, rules, now, coverUrl),
    ...detailFields(activity, rules),
    coverFileId: activity.coverFileId,
    form: formTimesOf(activity),
    publishedAt: iso(activity.publishedAt),
    createdAt: iso(activity.createdAt)!,
  }
}
