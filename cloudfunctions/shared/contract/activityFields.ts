import { countRule, textRule, type PatternRule } from './fields'
import { REWARD_IMAGE } from './staffFields'

/**
 * What staff type into an activity and what members send about one: plain rules, with no schema
 * library attached, so the staff form and the server run the same checks (see fields.ts).
 */

export const ACTIVITY_TYPES = ['launch', 'memberSale', 'party', 'class', 'other'] as const
export type ActivityType = (typeof ACTIVITY_TYPES)[number]
export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = { launch: '新品发布会', memberSale: '会员专属折扣', party: '主题派对', class: '课程体验', other: '其他' }

export const ACTIVITY_TITLE = textRule('活动名称', 1, 30)
export const ACTIVITY_DESCRIPTION = textRule('活动介绍', 0, 2000)
export const ACTIVITY_PLACE = textRule('活动地点', 1, 50)
export const ACTIVITY_CAPACITY = countRule('名额', 1, 10_000)
export const ATTENDANCE_POINTS = countRule('签到积分', 0, 100_000)
export const ACTIVITY_POINTS_COST = countRule('报名所需积分', 0, 100_000)
/** How many hours before everyone else members of a tier with 优先报名 may sign up. */
export const PRIORITY_HOURS = countRule('优先报名提前小时数', 0, 168)
export const CANCEL_REASON = textRule('取消原因', 2, 100)
export const RATING_SCORE = countRule('评分', 1, 5)
export const RATING_COMMENT = textRule('评价', 0, 200)

/** A wall-clock time in Beijing, as staff type it and as the payload carries it. */
export const SHOP_DATE_TIME: PatternRule = {
  pattern: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
  maxLength: 16,
  empty: '请填写时间',
  invalid: '时间格式应为 YYYY-MM-DD HH:mm（北京时间）',
}
/** Text in the right shape that names no real time (02-30, 25:00). */
export const NO_SUCH_TIME = '不是有效的时间'

/** The member list's tabs, and the roster's views. */
export const ACTIVITY_TABS = ['upcoming', 'ongoing', 'ended'] as const
export type ActivityTab = (typeof ACTIVITY_TABS)[number]
export const ROSTER_VIEWS = ['confirmed', 'waitlisted', 'cancelled', 'checkedIn'] as const
export type RosterView = (typeof ROSTER_VIEWS)[number]

/** A confirmed member's check-in code is shown from this long before the start until the end. */
export const CHECK_IN_CODE_SHOWN_BEFORE_MS = 24 * 60 * 60 * 1000

/** Beijing keeps UTC+8 all year, so a wall-clock time there is one instant. Null when it is no real time (02-30, 25:00). */
export function fromShopDateTime(text: string): Date | null {
  if (!SHOP_DATE_TIME.pattern.test(text)) return null
  const at = new Date(`${text.replace(' ', 'T')}:00+08:00`)
  if (Number.isNaN(at.getTime())) return null
  return toShopDateTime(at) === text ? at : null
}

/** `2026-12-24 19:30`: an instant on Beijing's wall clock, the form's way of writing it. */
export function toShopDateTime(at: Date | string): string {
  const shifted = new Date(new Date(at).getTime() + 8 * 60 * 60 * 1000)
  return shifted.toISOString().slice(0, 16).replace('T', ' ')
}

/** An activity's times, as instants. */
export interface ActivityTimes {
  startAt: Date
  endAt: Date
  signupOpensAt: Date
  signupClosesAt: Date
  cancelCutoffAt: Date
}
export type ActivityTimeField = keyof ActivityTimes

/**
 * The one check of how an activity's times fit together, naming the field that is wrong: the form
 * shows it beside that field, the server refuses with it.
 */
export function activityTimesProblem(times: ActivityTimes): { field: ActivityTimeField; message: string } | null {
  const { startAt, endAt, signupOpensAt, signupClosesAt, cancelCutoffAt } = times
  if (endAt <= startAt) return { field: 'endAt', message: '结束时间须晚于开始时间' }
  if (signupClosesAt <= signupOpensAt) return { field: 'signupClosesAt', message: '报名截止须晚于报名开始' }
  if (signupClosesAt > startAt) return { field: 'signupClosesAt', message: '报名须在活动开始前截止' }
  if (cancelCutoffAt > startAt) return { field: 'cancelCutoffAt', message: '取消截止须不晚于活动开始' }
  if (cancelCutoffAt < signupOpensAt) return { field: 'cancelCutoffAt', message: '取消截止须晚于报名开始' }
  return null
}

/** Check-in opens this long before the start and stays open until the end. */
export const CHECK_IN_OPENS_BEFORE_MS = 60 * 60 * 1000

/** Where a member stands with an activity, as the detail page's signup button says it. */
export const STANDINGS = {
  open: '立即报名',
  joinWaitlist: '加入候补',
  confirmed: '已报名',
  waitlisted: '候补中',
  full: '名额已满',
  notOpen: '未开放',
  closed: '已截止',
  tierTooLow: '等级不足',
  ended: '已结束',
  checkedIn: '已签到',
  cancelled: '活动已取消',
  notMember: '加入会员后报名',
} as const
export type Standing = keyof typeof STANDINGS

/** Cover images: the same limits as reward pictures, checked on the server from the stored file. */
export const ACTIVITY_COVER = {
  ...REWARD_IMAGE,
  badId: '封面图片文件不正确',
  missing: '找不到封面图片，请重新上传',
  badType: '封面图片须为 JPG、PNG 或 WebP 格式',
  tooLarge: '封面图片不能超过 2 MB',
} as const
