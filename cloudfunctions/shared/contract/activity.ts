import { z } from 'zod'
import { TIER_IDS, type TierId } from './enums'
import { memberCodeField } from './member'
import {
  ACTIVITY_CAPACITY,
  ACTIVITY_DESCRIPTION,
  ACTIVITY_PLACE,
  ACTIVITY_POINTS_COST,
  ACTIVITY_TITLE,
  ACTIVITY_TYPES,
  ATTENDANCE_POINTS,
  CANCEL_REASON,
  PRIORITY_HOURS,
  RATING_COMMENT,
  RATING_SCORE,
  SHOP_DATE_TIME,
  fromShopDateTime,
  NO_SUCH_TIME,
  ACTIVITY_TABS,
  ROSTER_VIEWS,
  type RosterView,
  type ActivityType,
  type Standing,
} from './activityFields'
import { absentOr, numberField, textField } from './validators'

export const activityIdField = z.string({ error: absentOr('请指定活动', '活动编号不正确') }).regex(/^[A-Za-z0-9_-]{1,40}$/, '活动编号不正确')
const cursor = z.string({ error: '分页参数无效' }).max(200, '分页参数无效').optional()

/** A Beijing wall-clock time `YYYY-MM-DD HH:mm`, carried as text and read as the instant it names. */
const shopDateTime = z
  .string({ error: absentOr(SHOP_DATE_TIME.empty, SHOP_DATE_TIME.invalid) })
  .regex(SHOP_DATE_TIME.pattern, SHOP_DATE_TIME.invalid)
  .refine((text) => fromShopDateTime(text) !== null, NO_SUCH_TIME)

/** A cover the client uploaded to cloud storage; the server reads what is stored before keeping it. */
const coverFileId = z.string({ error: '封面图片文件不正确' }).regex(/^cloud:\/\/\S{1,240}$/, '封面图片文件不正确')

/** Every field of an activity as staff set it. Cross-field rules (start before end …) are checked on the whole draft. */
const activityFields = {
  title: textField(ACTIVITY_TITLE),
  type: z.enum(ACTIVITY_TYPES, { error: '请选择活动类型' }),
  coverFileId: coverFileId.nullable().default(null),
  description: textField(ACTIVITY_DESCRIPTION).default(''),
  place: textField(ACTIVITY_PLACE),
  startAt: shopDateTime,
  endAt: shopDateTime,
  signupOpensAt: shopDateTime,
  signupClosesAt: shopDateTime,
  cancelCutoffAt: shopDateTime,
  capacity: numberField(ACTIVITY_CAPACITY),
  waitlist: z.boolean({ error: '请选择是否开启候补' }).default(true),
  minTier: z.enum(TIER_IDS, { error: '最低等级不正确' }).default('regular'),
  priorityHours: numberField(PRIORITY_HOURS).default(0),
  attendancePoints: numberField(ATTENDANCE_POINTS).default(0),
  pointsCost: numberField(ACTIVITY_POINTS_COST).default(0),
}

export const createActivityPayload = z.strictObject(activityFields)
export type ActivityDraft = z.output<typeof createActivityPayload>

/** Absent fields stay as they are; `coverFileId: null` removes the cover. */
export const updateActivityPayload = z.strictObject({
  activityId: activityIdField,
  title: activityFields.title.optional(),
  type: activityFields.type.optional(),
  coverFileId: coverFileId.nullable().optional(),
  description: textField(ACTIVITY_DESCRIPTION).optional(),
  place: activityFields.place.optional(),
  startAt: shopDateTime.optional(),
  endAt: shopDateTime.optional(),
  signupOpensAt: shopDateTime.optional(),
  signupClosesAt: shopDateTime.optional(),
  cancelCutoffAt: shopDateTime.optional(),
  capacity: activityFields.capacity.optional(),
  waitlist: z.boolean({ error: '请选择是否开启候补' }).optional(),
  minTier: z.enum(TIER_IDS, { error: '最低等级不正确' }).optional(),
  priorityHours: numberField(PRIORITY_HOURS).optional(),
  attendancePoints: numberField(ATTENDANCE_POINTS).optional(),
  pointsCost: numberField(ACTIVITY_POINTS_COST).optional(),
})
export type ActivityEdit = z.output<typeof updateActivityPayload>

export const activityRefPayload = z.strictObject({ activityId: activityIdField })
export const cancelActivityPayload = z.strictObject({ activityId: activityIdField, reason: textField(CANCEL_REASON) })

export const listActivitiesPayload = z.strictObject({ tab: z.enum(ACTIVITY_TABS, { error: '列表类型不正确' }).default('upcoming'), cursor })
export const adminListActivitiesPayload = z.strictObject({ cursor })

export const rosterPayload = z.strictObject({ activityId: activityIdField, view: z.enum(ROSTER_VIEWS, { error: '名单类型不正确' }).default('confirmed'), cursor })

export const checkInPayload = z.strictObject({ activityId: activityIdField, memberCode: memberCodeField })
export const ratePayload = z.strictObject({ activityId: activityIdField, score: numberField(RATING_SCORE), comment: textField(RATING_COMMENT).default('') })
export const mineActivitiesPayload = z.strictObject({})
export const compareActivitiesPayload = z.strictObject({})
/** The hourly timer's run; a budget and a cap on reminders let a test or the bench cut it short, as a timeout would. */
export const hourlyPayload = z.strictObject({
  budgetMs: z.number({ error: 'budgetMs 须为整数' }).int('budgetMs 须为整数').min(1000, 'budgetMs 至少 1000').max(55_000, 'budgetMs 至多 55000').default(45_000),
  maxReminders: z.number({ error: 'maxReminders 须为整数' }).int('maxReminders 须为整数').min(1, 'maxReminders 至少 1').max(1_000_000, 'maxReminders 过大').optional(),
  round: z.number({ error: 'round 须为整数' }).int('round 须为整数').min(0, 'round 须为整数').default(0),
})

export type { ActivityTab, RosterView } from './activityFields'
export type ActivityStatus = 'draft' | 'published' | 'cancelled' | 'closed'
export type ActivityPhase = 'upcoming' | 'ongoing' | 'ended'
export type SignupStatus = 'confirmed' | 'waitlisted' | 'cancelled'

/** An activity as the list shows it. Times are ISO instants; the client shows them in Beijing time. */
export interface ActivitySummary {
  id: string
  title: string
  type: ActivityType
  typeLabel: string
  coverUrl: string | null
  startAt: string
  endAt: string
  place: string
  capacity: number
  confirmed: number
  seatsLeft: number
  waitlistCount: number
  minTier: TierId
  minTierName: string
  pointsCost: number
  attendancePoints: number
  status: ActivityStatus
  phase: ActivityPhase
}

/** The member's own signup, as they see it. */
export interface MySignup {
  status: SignupStatus
  /** 候补第 N 位, from 1; null unless waitlisted. */
  position: number | null
  signedUpAt: string
  checkedInAt: string | null
  pointsPaid: number
  rating: { score: number; comment: string } | null
  /** Before the cancellation cutoff, while the signup stands. */
  canCancel: boolean
  /** Checked in, the activity has started, and not rated yet. */
  canRate: boolean
  /** The points the signup cost have come back (a cancel, the activity cancelled, a waitlist that never got a seat). */
  refunded: boolean
  /** Confirmed, not checked in, from a day before the start until the end: the card shows the live code to scan. */
  showCheckInCode: boolean
}

export interface ActivityDetail extends ActivitySummary {
  description: string
  signupOpensAt: string
  signupClosesAt: string
  cancelCutoffAt: string
  /** When members of a tier with 优先报名 may start (equal to signupOpensAt without a priority window). */
  priorityOpensAt: string
  priorityHours: number
  waitlist: boolean
  cancelReason: string | null
  /** Where the caller stands, and what the button says. */
  standing: { state: Standing; label: string; actionable: boolean }
  mine: MySignup | null
}

export interface SignupResult {
  activity: ActivityDetail
  /** A second tap answers the first signup again. */
  duplicate: boolean
}

export interface MyActivity {
  activity: ActivitySummary
  signup: MySignup
}

/** An activity as staff edit it: every field, the form's own time text, and the counts. */
export interface StaffActivity extends Omit<ActivityDetail, 'standing' | 'mine'> {
  coverFileId: string | null
  /** The form's Beijing wall-clock text for each time. */
  form: Pick<ActivityDraft, 'startAt' | 'endAt' | 'signupOpensAt' | 'signupClosesAt' | 'cancelCutoffAt'>
  publishedAt: string | null
  createdAt: string
}

export interface RosterEntry {
  name: string
  cardNo: string
  tierName: string
  status: SignupStatus
  position: number | null
  signedUpAt: string
  checkedInAt: string | null
}
export interface Roster {
  counts: Record<RosterView, number>
  entries: RosterEntry[]
  nextCursor: string | null
}

export interface CheckInResult {
  name: string
  cardNo: string
  tierName: string
  pointsAwarded: number
  checkedInAt: string
}

/** Spend of a group of members around the activity, from their orders. */
export interface SpendAround {
  members: number
  /** Paid in the 30 days before the start, all members together. */
  beforeFen: number
  /** Paid in the 30 days from the start. */
  afterFen: number
  /** (after − before) / members; null for nobody. */
  changePerMemberFen: number | null
}

export interface ActivityEvaluation {
  activityId: string
  title: string
  type: ActivityType
  typeLabel: string
  startAt: string
  phase: ActivityPhase
  /** Everyone who ever signed up (each member once). */
  signups: number
  confirmed: number
  waitlisted: number
  cancelled: number
  checkedIn: number
  /** checkedIn / confirmed; null when nobody was confirmed. */
  checkInRate: number | null
  noShowRate: number | null
  joinedViaShare: number
  attendees: SpendAround
  /** Signed up and confirmed but did not come: what the attendees' figure is compared with. */
  noShows: SpendAround
  satisfaction: { count: number; mean: number | null; distribution: [number, number, number, number, number]; comments: Array<{ score: number; comment: string; at: string }> }
}

/** One activity type's figures side by side with the others. */
export interface ActivityTypeComparison {
  type: ActivityType
  typeLabel: string
  activities: number
  signups: number
  checkedIn: number
  /** checkedIn / confirmed over the type's activities. */
  participation: number | null
  attendeeChangePerMemberFen: number | null
  noShowChangePerMemberFen: number | null
  satisfaction: number | null
}

/** An activity in the member's list, with where the caller stands in it (a standing signup only). */
export interface ActivityListItem extends ActivitySummary {
  mine: 'confirmed' | 'waitlisted' | 'checkedIn' | null
}

export interface ActivityPage {
  items: ActivityListItem[]
  nextCursor: string | null
}
export interface StaffActivityPage {
  items: StaffActivity[]
  nextCursor: string | null
}

export interface HourlyReport {
  reminders: { h24: number; h2: number; examined: number }
  closed: number
  refunded: number
  promoted: number
  left: boolean
  elapsedMs: number
}
