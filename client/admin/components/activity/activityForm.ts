import type { ActivityDraft, ActivityEdit, StaffActivity } from '@contract/activity'
import {
  ACTIVITY_CAPACITY,
  ACTIVITY_DESCRIPTION,
  ACTIVITY_PLACE,
  ACTIVITY_POINTS_COST,
  ACTIVITY_TITLE,
  ATTENDANCE_POINTS,
  PRIORITY_HOURS,
  NO_SUCH_TIME,
  SHOP_DATE_TIME,
  activityTimesProblem,
  fromShopDateTime,
  toShopDateTime,
  type ActivityTimeField,
  type ActivityType,
} from '@contract/activityFields'
import type { TierId } from '@contract/enums'
import { patternProblem, readNumber, textProblem, typedNumber, type NumberRule } from '@contract/fields'

/**
 * The activity form: what staff type (times as Beijing wall-clock text, numbers as text), and the
 * way to the contract's draft. Every check is the contract's own (activityFields.ts), the one the
 * server's schema is built from, and its errors are keyed by the payload's field names, as the
 * server's `fields` are.
 */
export interface ActivityForm {
  title: string
  type: ActivityType | null
  cover: { fileId: string | null; url: string | null }
  description: string
  place: string
  startAt: string
  endAt: string
  signupOpensAt: string
  signupClosesAt: string
  cancelCutoffAt: string
  capacity: string
  waitlist: boolean
  minTier: TierId
  priorityHours: string
  attendancePoints: string
  pointsCost: string
}

export const TIME_FIELDS: { key: ActivityTimeField; label: string }[] = [
  { key: 'startAt', label: '开始时间' },
  { key: 'endAt', label: '结束时间' },
  { key: 'signupOpensAt', label: '报名开始' },
  { key: 'signupClosesAt', label: '报名截止' },
  { key: 'cancelCutoffAt', label: '取消截止' },
]

const HOUR_MS = 60 * 60 * 1000

function shiftedText(text: string, hours: number): string {
  const at = fromShopDateTime(text)
  return at ? toShopDateTime(new Date(at.getTime() + hours * HOUR_MS)) : text
}

/** A new activity: a week ahead, 19:00–21:00; signup open from now until an hour before; cancelling up to a day before. */
export function newActivityForm(now: Date): ActivityForm {
  const startAt = `${toShopDateTime(new Date(now.getTime() + 7 * 24 * HOUR_MS)).slice(0, 10)} 19:00`
  return {
    title: '',
    type: null,
    cover: { fileId: null, url: null },
    description: '',
    place: '',
    startAt,
    endAt: shiftedText(startAt, 2),
    signupOpensAt: toShopDateTime(now),
    signupClosesAt: shiftedText(startAt, -1),
    cancelCutoffAt: shiftedText(startAt, -24),
    capacity: '',
    waitlist: true,
    minTier: 'regular',
    priorityHours: '0',
    attendancePoints: '0',
    pointsCost: '0',
  }
}

export function formOfActivity(activity: StaffActivity): ActivityForm {
  return {
    title: activity.title,
    type: activity.type,
    cover: { fileId: activity.coverFileId, url: activity.coverUrl },
    description: activity.description,
    place: activity.place,
    ...activity.form,
    capacity: typedNumber(activity.capacity, ACTIVITY_CAPACITY),
    waitlist: activity.waitlist,
    minTier: activity.minTier,
    priorityHours: typedNumber(activity.priorityHours, PRIORITY_HOURS),
    attendancePoints: typedNumber(activity.attendancePoints, ATTENDANCE_POINTS),
    pointsCost: typedNumber(activity.pointsCost, ACTIVITY_POINTS_COST),
  }
}

export type FormErrors = Partial<Record<keyof ActivityDraft, string>>

/** One time field's own problem: the shape, then whether it names a real time. */
export function timeProblem(text: string): string | null {
  return patternProblem(text, SHOP_DATE_TIME) ?? (fromShopDateTime(text.trim()) ? null : NO_SUCH_TIME)
}

/** The contract's draft, or the errors that keep the form from being one. */
export function draftOf(form: ActivityForm): { draft: ActivityDraft | null; errors: FormErrors } {
  const errors: FormErrors = {}
  const text = (field: 'title' | 'description' | 'place', problem: string | null) => {
    if (problem) errors[field] = problem
    return form[field].trim()
  }
  const number = (field: 'capacity' | 'priorityHours' | 'attendancePoints' | 'pointsCost', rule: NumberRule) => {
    const reading = readNumber(form[field], rule)
    if (reading.error !== null) errors[field] = reading.error
    return reading.value ?? NaN
  }
  const title = text('title', textProblem(form.title, ACTIVITY_TITLE))
  if (!form.type) errors.type = '请选择活动类型'
  const description = text('description', textProblem(form.description, ACTIVITY_DESCRIPTION))
  const place = text('place', textProblem(form.place, ACTIVITY_PLACE))
  const times = {} as Record<ActivityTimeField, string>
  for (const { key } of TIME_FIELDS) {
    const problem = timeProblem(form[key])
    if (problem) errors[key] = problem
    times[key] = form[key].trim()
  }
  if (TIME_FIELDS.every(({ key }) => !errors[key])) {
    const instant = (key: ActivityTimeField) => fromShopDateTime(times[key]) as Date
    const clash = activityTimesProblem({
      startAt: instant('startAt'),
      endAt: instant('endAt'),
      signupOpensAt: instant('signupOpensAt'),
      signupClosesAt: instant('signupClosesAt'),
      cancelCutoffAt: instant('cancelCutoffAt'),
    })
    if (clash) errors[clash.field] = clash.message
  }
  const draft: ActivityDraft = {
    title,
    type: form.type ?? 'other',
    coverFileId: form.cover.fileId,
    description,
    place,
    ...times,
    capacity: number('capacity', ACTIVITY_CAPACITY),
    waitlist: form.waitlist,
    minTier: form.minTier,
    priorityHours: number('priorityHours', PRIORITY_HOURS),
    attendancePoints: number('attendancePoints', ATTENDANCE_POINTS),
    pointsCost: number('pointsCost', ACTIVITY_POINTS_COST),
  }
  return Object.keys(errors).length > 0 ? { draft: null, errors } : { draft, errors }
}

/** An update names only what changed, so a field the server keeps fixed after signups is not sent unchanged. */
export function editOf(activityId: string, draft: ActivityDraft, original: ActivityDraft): ActivityEdit {
  const changed = (Object.keys(draft) as (keyof ActivityDraft)[]).filter((key) => draft[key] !== original[key])
  return { activityId, ...Object.fromEntries(changed.map((key) => [key, draft[key]])) }
}
