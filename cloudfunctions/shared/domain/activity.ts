import type { ActivityDraft, ActivityPhase, ActivityStatus, SignupStatus } from '../contract/activity'
import {
  activityTimesProblem,
  CHECK_IN_CODE_SHOWN_BEFORE_MS,
  CHECK_IN_OPENS_BEFORE_MS,
  STANDINGS,
  toShopDateTime,
  type ActivityTimes,
  type ActivityType,
  type Standing,
} from '../contract/activityFields'
import { TIER_IDS, type TierId } from '../contract/enums'
import { formatDateTime, formatMonthDay, formatPoints } from '../contract/format'
import { decision, pointsPatch, refuse, type Decision, type Refusal } from './decision'
import { ledgerRow } from './ledger'
import { isActiveMember, pointsStateOf, type MemberDoc } from './member'
import { earn, lotExpiry, restore, spend } from './points'
import { pointsRulesOf, type Rules } from './rules'
import { definitionOf, type TierRules } from './tiers'

/**
 * An activity's seats: `confirmed` counts the confirmed signups and `queue` holds the waitlist's
 * OPENIDs first-come-first-served, both on the activity document. A signup, a cancel and the
 * promotion a cancel frees are then each one transaction of single-document operations (all that
 * WeChat cloud allows inside one), and a waitlist position is an index into `queue`: distinct and
 * gapless by construction.
 */
export interface ActivityDoc extends ActivityTimes {
  _id: string
  title: string
  type: ActivityType
  coverFileId: string | null
  description: string
  place: string
  capacity: number
  /** Whether a member may join a waitlist once the seats are taken. */
  waitlist: boolean
  minTier: TierId
  priorityHours: number
  attendancePoints: number
  pointsCost: number
  status: ActivityStatus
  confirmed: number
  queue: string[]
  publishedAt: Date | null
  cancelledAt: Date | null
  cancelReason: string | null
  /** Set by the hourly run once an ended activity's leftover waitlist is refunded. */
  closedAt: Date | null
  /** Set once a cancelled activity's signups have all been refunded and told. */
  settledAt: Date | null
  createdAt: Date
  createdBy: string
  updatedAt: Date
}

/** Reminders sent to a confirmed member: 0 none, 1 the 24-hour one, 2 the 2-hour one. */
export type ReminderStage = 0 | 1 | 2

/** `_id` = `<activityId>:<openid>`: a member has one signup per activity, whatever they tap. */
export interface SignupDoc {
  _id: string
  activityId: string
  openid: string
  status: SignupStatus
  /** 1 for the first signup; a member who cancelled and signs up again starts round 2 (a fresh cost key). */
  round: number
  signedUpAt: Date
  confirmedAt: Date | null
  cancelledAt: Date | null
  /** Who ended the signup: the member, or the shop cancelling the activity. */
  cancelledBy: 'member' | 'activity' | 'closed' | null
  checkedInAt: Date | null
  checkedInBy: string | null
  /** The checking staff member's store (absent before stores were recorded). */
  checkedInStore?: string | null
  /** Points the signup cost, and whether they have been given back. */
  pointsPaid: number
  refunded: boolean
  rating: { score: number; comment: string; at: Date } | null
  reminded: ReminderStage
  promotedAt: Date | null
}

export const signupId = (activityId: string, openid: string) => `${activityId}:${openid}`

/** The one way a signup document is made: a seat or a place in the queue, at `at`, nothing else yet. */
export function newSignup(activityId: string, openid: string, { status, round, at, pointsPaid }: { status: 'confirmed' | 'waitlisted'; round: number; at: Date; pointsPaid: number }): SignupDoc {
  return {
    _id: signupId(activityId, openid),
    activityId,
    openid,
    status,
    round,
    signedUpAt: at,
    confirmedAt: status === 'confirmed' ? at : null,
    cancelledAt: null,
    cancelledBy: null,
    checkedInAt: null,
    checkedInBy: null,
    pointsPaid,
    refunded: false,
    rating: null,
    reminded: 0,
    promotedAt: null,
  }
}

/** The ledger keys an activity moves points under: once per signup round, once per attendance. */
export const activityKeys = {
  cost: (activityId: string, openid: string, round: number) => (round === 1 ? `activity:${activityId}:${openid}` : `activity:${activityId}:${openid}:r${round}`),
  refund: (activityId: string, openid: string, round: number) => (round === 1 ? `activity-refund:${activityId}:${openid}` : `activity-refund:${activityId}:${openid}:r${round}`),
  attend: (activityId: string, openid: string) => `attend:${activityId}:${openid}`,
} as const

// Time

export function phaseOf(activity: Pick<ActivityDoc, 'startAt' | 'endAt'>, now: Date): ActivityPhase {
  if (now < new Date(activity.startAt)) return 'upcoming'
  return now < new Date(activity.endAt) ? 'ongoing' : 'ended'
}

/** When signup opens for a member of `tier`: earlier by the priority window when the tier has 优先报名. */
export function signupOpensFor(activity: Pick<ActivityDoc, 'signupOpensAt' | 'priorityHours'>, tier: TierId | null, tiers: TierRules): Date {
  const opens = new Date(activity.signupOpensAt)
  if (!tier || activity.priorityHours <= 0 || !definitionOf(tier, tiers).prioritySignup) return opens
  return new Date(opens.getTime() - activity.priorityHours * 3600_000)
}

/** The earliest anyone may sign up: the priority window's start when some tier has 优先报名. */
export function priorityOpensAt(activity: Pick<ActivityDoc, 'signupOpensAt' | 'priorityHours'>, tiers: TierRules): Date {
  const priorityTier = tiers.tiers.find((tier) => tier.prioritySignup)
  return signupOpensFor(activity, priorityTier?.id ?? null, tiers)
}

export function inCheckInWindow(activity: Pick<ActivityDoc, 'startAt' | 'endAt'>, now: Date): boolean {
  return now.getTime() >= new Date(activity.startAt).getTime() - CHECK_IN_OPENS_BEFORE_MS && now < new Date(activity.endAt)
}

const tierRank = (tier: TierId) => TIER_IDS.indexOf(tier)
export const meetsTier = (tier: TierId, minTier: TierId) => tierRank(tier) >= tierRank(minTier)

export const seatsLeft = (activity: Pick<ActivityDoc, 'capacity' | 'confirmed'>) => Math.max(0, activity.capacity - activity.confirmed)

/** 候补第 N 位, from 1; null when not waiting. */
export function positionOf(activity: Pick<ActivityDoc, 'queue'>, openid: string): number | null {
  const index = activity.queue.indexOf(openid)
  return index < 0 ? null : index + 1
}

/** A signup that holds a seat or a place in the queue. */
export const isStanding = (signup: SignupDoc | null): signup is SignupDoc & { status: 'confirmed' | 'waitlisted' } => signup !== null && signup.status !== 'cancelled'

export function canCancel(activity: ActivityDoc, signup: SignupDoc | null, now: Date): boolean {
  return isStanding(signup) && activity.status === 'published' && !signup.checkedInAt && now < new Date(activity.cancelCutoffAt)
}

/** The live code to check in with: a confirmed member, not checked in yet, from a day before the start until the end. */
export function showsCheckInCode(activity: ActivityDoc, signup: SignupDoc | null, now: Date): boolean {
  if (!signup || signup.status !== 'confirmed' || signup.checkedInAt || activity.status === 'cancelled') return false
  return now.getTime() >= new Date(activity.startAt).getTime() - CHECK_IN_CODE_SHOWN_BEFORE_MS && now < new Date(activity.endAt)
}

export function canRate(activity: ActivityDoc, signup: SignupDoc | null, now: Date): boolean {
  return signup !== null && signup.checkedInAt !== null && signup.rating === null && now >= new Date(activity.startAt)
}

// Where a member stands

export interface StandingView {
  state: Standing
  label: string
  /** The button does something: sign up or join the waitlist. */
  actionable: boolean
}

/** Why a member may not sign up now, as a state; null when they may. Shared by the button and the server's refusal. */
function barrier(activity: ActivityDoc, member: MemberDoc | null, tiers: TierRules, now: Date): Standing | null {
  if (activity.status === 'cancelled') return 'cancelled'
  if (phaseOf(activity, now) !== 'upcoming' || activity.status === 'closed') return 'ended'
  if (!isActiveMember(member)) return 'notMember'
  if (!meetsTier(member.tier, activity.minTier)) return 'tierTooLow'
  if (now < signupOpensFor(activity, member.tier, tiers)) return 'notOpen'
  if (now >= new Date(activity.signupClosesAt)) return 'closed'
  return null
}

/**
 * What the detail page's button says: 立即报名 / 加入候补 / 已报名 / 候补第 N 位 / 名额已满 /
 * 未开放（优先报名 X 开始）/ 已截止 / 等级不足 / 已结束 / 已签到.
 */
export function standingOf(activity: ActivityDoc, signup: SignupDoc | null, member: MemberDoc | null, tiers: TierRules, now: Date): StandingView {
  const view = (state: Standing, label: string = STANDINGS[state], actionable = false): StandingView => ({ state, label, actionable })
  if (signup?.checkedInAt) return view('checkedIn')
  if (activity.status === 'cancelled') return view('cancelled')
  if (isStanding(signup)) {
    if (phaseOf(activity, now) === 'ended') return view('ended')
    if (signup.status === 'confirmed') return view('confirmed')
    return view('waitlisted', `候补第 ${positionOf(activity, signup.openid) ?? '-'} 位`)
  }
  const blocked = barrier(activity, member, tiers, now)
  if (blocked === 'tierTooLow') return view('tierTooLow', `${definitionOf(activity.minTier, tiers).name}及以上可报名`)
  if (blocked === 'notOpen') return view('notOpen', notOpenLabel(activity, member, tiers))
  if (blocked === 'notMember') return view('notMember', STANDINGS.notMember, true)
  if (blocked) return view(blocked)
  if (activity.confirmed < activity.capacity && activity.queue.length === 0) return view('open', STANDINGS.open, true)
  return activity.waitlist ? view('joinWaitlist', STANDINGS.joinWaitlist, true) : view('full')
}

/** 未开放（优先报名 12月20日 10:00 开始）: the member's own opening, and the priority window's when it is earlier. */
function notOpenLabel(activity: ActivityDoc, member: MemberDoc | null, tiers: TierRules): string {
  const own = signupOpensFor(activity, member?.tier ?? null, tiers)
  const early = own < new Date(activity.signupOpensAt)
  return `未开放（${early ? '优先报名 ' : ''}${formatMonthDay(own)} ${toShopDateTime(own).slice(11)} 开始）`
}

// Decisions

/** A waitlisted member's signup becoming a seat: written with update() since the transaction never reads it (being first in the queue is what makes it waitlisted). */
export interface Promotion {
  openid: string
  signupId: string
  patch: Pick<SignupDoc, 'status' | 'confirmedAt' | 'promotedAt'>
}

/** What a command does to the seats and to the signups it touches, and the points it moves. */
export interface SeatChange {
  kind: 'seats'
  /** The caller's signup, written whole under its `_id`. */
  signup: SignupDoc
  /** New: inserted, so a concurrent first tap finds the `_id` taken. Otherwise it replaces the stored one. */
  insert: boolean
  promotion: Promotion | null
  activity: Pick<ActivityDoc, 'confirmed' | 'queue'>
  /** The points moved through the one door, or null when none move. */
  points: Decision | null
}
/** The member already stands in this activity: the first signup is answered again. */
export type AlreadySignedUp = { kind: 'already'; signup: SignupDoc }

/**
 * A signup: a seat while one is free and nobody waits ahead; else the back of the queue when the
 * waitlist is on; else ACTIVITY_FULL. A points cost is spent in the same transaction under
 * `activity:<activityId>:<openid>`, so a double tap pays once.
 */
export function decideSignup(
  state: { activity: ActivityDoc | null; signup: SignupDoc | null; member: MemberDoc | null },
  openid: string,
  rules: Rules,
  now: Date,
): SeatChange | AlreadySignedUp | Refusal {
  const { activity, signup, member } = state
  if (!activity || activity.status === 'draft') return refuse('NOT_FOUND', '活动不存在或未发布')
  if (isStanding(signup)) return { kind: 'already', signup }
  const blocked = barrier(activity, member, rules.tiers, now)
  if (blocked) return refuse(blocked === 'notMember' ? 'NOT_MEMBER' : 'CONFLICT', refusalText(blocked, activity, member, rules.tiers))
  const seat = activity.confirmed < activity.capacity && activity.queue.length === 0
  if (!seat && !activity.waitlist) return refuse('ACTIVITY_FULL')
  const round = signup ? signup.round + 1 : 1
  let points: Decision | null = null
  if (activity.pointsCost > 0) {
    const spent = spend(pointsStateOf(member!), activity.pointsCost)
    if (!spent.ok) return refuse('INSUFFICIENT_POINTS', `报名需要 ${formatPoints(activity.pointsCost)} 积分，积分不足`)
    points = decision(openid, {
      ledger: [
        ledgerRow({
          key: activityKeys.cost(activity._id, openid, round),
          openid,
          kind: 'redeem',
          delta: -activity.pointsCost,
          balanceAfter: spent.state.pointsBalance,
          reason: `活动报名 ${activity.title}`,
          by: openid,
          rulesVersion: rules.version,
          at: now,
          ref: activity._id,
        }),
      ],
      member: { ...pointsPatch(spent.state), lastActiveAt: now },
    })
  }
  const record = newSignup(activity._id, openid, { status: seat ? 'confirmed' : 'waitlisted', round, at: now, pointsPaid: activity.pointsCost })
  return {
    kind: 'seats',
    signup: record,
    insert: signup === null,
    promotion: null,
    activity: seat ? { confirmed: activity.confirmed + 1, queue: activity.queue } : { confirmed: activity.confirmed, queue: [...activity.queue, openid] },
    points,
  }
}

function refusalText(blocked: Standing, activity: ActivityDoc, member: MemberDoc | null, tiers: TierRules): string {
  if (blocked === 'tierTooLow') return `该活动仅限${definitionOf(activity.minTier, tiers).name}及以上会员报名`
  if (blocked === 'notOpen') return `报名${notOpenLabel(activity, member, tiers).replace(/^未开放/, '尚未开放')}`
  if (blocked === 'closed') return '报名已截止'
  if (blocked === 'ended') return '活动已结束'
  if (blocked === 'cancelled') return '活动已取消'
  return STANDINGS[blocked]
}

/** Gives back what a signup cost, once: the refund row's key is the signup round's own. */
function refundOf(activity: ActivityDoc, signup: SignupDoc, member: MemberDoc | null, rules: Rules, now: Date, reason: string, by: string): Decision | null {
  if (signup.pointsPaid <= 0 || signup.refunded || !member) return null
  const restored = restore(pointsStateOf(member), signup.pointsPaid, lotExpiry(now, pointsRulesOf(rules)))
  return decision(signup.openid, {
    ledger: [
      ledgerRow({
        key: activityKeys.refund(activity._id, signup.openid, signup.round),
        openid: signup.openid,
        kind: 'reverse',
        delta: signup.pointsPaid,
        balanceAfter: restored.pointsBalance,
        reason: `${reason} ${activity.title}`,
        by,
        rulesVersion: rules.version,
        at: now,
        ref: activityKeys.cost(activity._id, signup.openid, signup.round),
      }),
    ],
    member: pointsPatch(restored),
  })
}

/**
 * A member cancels before the cutoff: their cost comes back once, and a seat they free goes to the
 * first member in the queue, in the same transaction (the promoted signup is a document the
 * transaction writes without reading: being in the queue is what makes it waitlisted).
 */
export function decideCancelSignup(state: { activity: ActivityDoc | null; signup: SignupDoc | null; member: MemberDoc | null }, rules: Rules, now: Date): SeatChange | Refusal {
  const { activity, signup, member } = state
  if (!activity || activity.status === 'draft') return refuse('NOT_FOUND', '活动不存在或未发布')
  if (!isStanding(signup)) return refuse('CONFLICT', '您未报名该活动')
  if (signup.checkedInAt) return refuse('CONFLICT', '已签到，无法取消报名')
  if (activity.status !== 'published') return refuse('CONFLICT', activity.status === 'cancelled' ? '活动已取消' : '活动已结束')
  if (now >= new Date(activity.cancelCutoffAt)) return refuse('CONFLICT', `已过取消截止时间（${formatDateTime(activity.cancelCutoffAt)}）`)
  const points = refundOf(activity, signup, member, rules, now, '取消报名退还', signup.openid)
  const cancelled: SignupDoc = { ...signup, status: 'cancelled', cancelledAt: now, cancelledBy: 'member', refunded: signup.refunded || points !== null }
  const change = { kind: 'seats' as const, signup: cancelled, insert: false, points }
  if (signup.status === 'waitlisted') return { ...change, promotion: null, activity: { confirmed: activity.confirmed, queue: activity.queue.filter((openid) => openid !== signup.openid) } }
  const [next, ...rest] = activity.queue
  if (next === undefined || activity.confirmed - 1 >= activity.capacity) return { ...change, promotion: null, activity: { confirmed: activity.confirmed - 1, queue: activity.queue } }
  return { ...change, promotion: promotionOf(activity._id, next, now), activity: { confirmed: activity.confirmed, queue: rest } }
}

function promotionOf(activityId: string, openid: string, now: Date): Promotion {
  return { openid, signupId: signupId(activityId, openid), patch: { status: 'confirmed', confirmedAt: now, promotedAt: now } }
}

/**
 * Seats freed without a member's cancel (capacity raised, a promotion cut short) go to the queue
 * in order, one per transaction. Nothing to promote answers null.
 */
export function decidePromotion(activity: ActivityDoc | null, now: Date): { promotion: Promotion; activity: Pick<ActivityDoc, 'confirmed' | 'queue'> } | null {
  if (!activity || activity.status !== 'published' || phaseOf(activity, now) === 'ended') return null
  if (activity.confirmed >= activity.capacity || activity.queue.length === 0) return null
  const [next, ...rest] = activity.queue
  return { promotion: promotionOf(activity._id, next, now), activity: { confirmed: activity.confirmed + 1, queue: rest } }
}

/** The shop cancelled the activity (or it ended with a queue): each standing signup ends and its cost comes back once. */
export function decideSignupEnded(
  state: { activity: ActivityDoc; signup: SignupDoc | null; member: MemberDoc | null },
  by: 'activity' | 'closed',
  rules: Rules,
  now: Date,
): { signup: SignupDoc; points: Decision | null } | null {
  const { activity, signup, member } = state
  if (!signup || signup.refunded || (by === 'closed' && signup.status !== 'waitlisted')) return null
  if (signup.status === 'cancelled' && signup.pointsPaid === 0) return null
  const points = refundOf(activity, signup, member, rules, now, by === 'activity' ? '活动取消退还' : '候补未成功退还', 'system')
  const ended: SignupDoc =
    signup.status === 'cancelled'
      ? { ...signup, refunded: true }
      : { ...signup, status: 'cancelled', cancelledAt: now, cancelledBy: by, refunded: signup.refunded || points !== null || signup.pointsPaid === 0 }
  return { signup: ended, points }
}

/** Staff scan a confirmed member's code in the check-in window: checked in once, attendance points once. */
export function decideCheckIn(
  state: { activity: ActivityDoc | null; signup: SignupDoc | null; member: MemberDoc | null },
  staff: string,
  rules: Rules,
  now: Date,
  staffStore: string | null = null,
): { signup: SignupDoc; points: Decision | null } | Refusal {
  const { activity, signup, member } = state
  if (!activity || activity.status === 'draft') return refuse('NOT_FOUND', '活动不存在')
  if (activity.status === 'cancelled') return refuse('CONFLICT', '活动已取消')
  if (!isActiveMember(member)) return refuse('NOT_MEMBER', '该会员不存在或已注销')
  if (signup?.checkedInAt) return refuse('CONFLICT', `已签到（${formatDateTime(signup.checkedInAt)}）`)
  if (!inCheckInWindow(activity, now)) return refuse('CONFLICT', '不在签到时间（开始前 1 小时至结束）')
  if (!isStanding(signup)) return refuse('CONFLICT', '未报名')
  if (signup.status === 'waitlisted') return refuse('CONFLICT', `候补中（第 ${positionOf(activity, signup.openid) ?? '-'} 位），未获得名额`)
  const checkedIn: SignupDoc = { ...signup, checkedInAt: now, checkedInBy: staff, checkedInStore: staffStore }
  if (activity.attendancePoints <= 0) return { signup: checkedIn, points: null }
  const earned = earn(pointsStateOf(member), activity.attendancePoints, lotExpiry(now, pointsRulesOf(rules)))
  const points = decision(member._id, {
    ledger: [
      ledgerRow({
        key: activityKeys.attend(activity._id, member._id),
        openid: member._id,
        kind: 'earn',
        delta: activity.attendancePoints,
        balanceAfter: earned.pointsBalance,
        reason: `活动签到 ${activity.title}`,
        by: staff,
        rulesVersion: rules.version,
        at: now,
        expiresAt: lotExpiry(now, pointsRulesOf(rules)),
        ref: activity._id,
      }),
    ],
    member: { ...pointsPatch(earned), lastActiveAt: now },
  })
  return { signup: checkedIn, points }
}

/** 1–5 and a comment, once, only after checking in and only once the activity has started. */
export function decideRating(activity: ActivityDoc | null, signup: SignupDoc | null, rating: { score: number; comment: string }, now: Date): SignupDoc | Refusal {
  if (!activity || activity.status === 'draft') return refuse('NOT_FOUND', '活动不存在')
  if (!signup?.checkedInAt) return refuse('CONFLICT', '签到后才能评价')
  if (now < new Date(activity.startAt)) return refuse('CONFLICT', '活动开始后才能评价')
  if (signup.rating) return refuse('CONFLICT', '您已评价过该活动')
  return { ...signup, rating: { score: rating.score, comment: rating.comment, at: now } }
}

// Staff

/** A draft's times as instants, from the Beijing wall-clock text the form sends. */
export type ActivityFields = Omit<ActivityDraft, keyof ActivityTimesText> & ActivityTimes
type ActivityTimesText = Pick<ActivityDraft, 'startAt' | 'endAt' | 'signupOpensAt' | 'signupClosesAt' | 'cancelCutoffAt'>

/**
 * Whether an activity's fields may stand: the times fit together, and a capacity is never lowered
 * below the members already confirmed. Names the field.
 */
export function activityProblem(fields: ActivityFields, confirmed: number): { field: string; message: string } | null {
  const times = activityTimesProblem(fields)
  if (times) return times
  if (fields.capacity < confirmed) return { field: 'capacity', message: `名额不能少于已报名的 ${confirmed} 人` }
  return null
}

/** Publishing needs an activity that has not already begun or been cancelled. */
export function publishProblem(activity: ActivityDoc, now: Date): string | null {
  if (activity.status === 'cancelled') return '活动已取消，不能发布'
  if (activity.status === 'closed' || now >= new Date(activity.endAt)) return '活动已结束，不能发布'
  return null
}

/** Taking an activity back from members is only for one nobody has signed up to yet. */
export function unpublishProblem(activity: ActivityDoc): string | null {
  if (activity.status !== 'published') return '活动未发布'
  if (activity.confirmed > 0 || activity.queue.length > 0) return '已有会员报名，请改为取消活动'
  return null
}

export function cancelProblem(activity: ActivityDoc, now: Date): string | null {
  if (activity.status === 'cancelled') return null
  if (activity.status === 'closed' || now >= new Date(activity.endAt)) return '活动已结束，不能取消'
  return null
}
