import type { Gender } from '../shared/contract/enums'
import { monthDay, shopDate } from '../shared/domain/calendar'
import type { MemberDoc } from '../shared/domain/member'

export interface ProfileChange {
  name?: string
  gender?: Gender
  avatarFileId?: string
  birthday?: string
}

export type ProfileDecision = { ok: true; fields: ProfileFields; member: MemberDoc } | { ok: false; field: string; message: string }

/** Dotted paths into the profile: a member's edits reach nothing else on their document. */
type ProfileFields = Record<`profile.${string}`, string>

export const BIRTHDAY_LOCKED = '生日设置后不可修改，如需更正请联系门店'

/**
 * A member's own profile edit. The birthday can be set once: birthday perks would otherwise be
 * claimed again by moving it (staff correct it with `setBirthday`, audited). Sending the same
 * birthday back is not a change.
 */
export function decideProfileUpdate(member: MemberDoc, change: ProfileChange, now: Date): ProfileDecision {
  const fields: ProfileFields = {}
  const profile = { ...member.profile }
  if (change.name !== undefined && change.name !== profile.name) fields['profile.name'] = profile.name = change.name
  if (change.gender !== undefined && change.gender !== profile.gender) fields['profile.gender'] = profile.gender = change.gender
  if (change.avatarFileId !== undefined && change.avatarFileId !== profile.avatarFileId) fields['profile.avatarFileId'] = profile.avatarFileId = change.avatarFileId
  if (change.birthday !== undefined && change.birthday !== profile.birthday) {
    if (profile.birthday) return { ok: false, field: 'birthday', message: BIRTHDAY_LOCKED }
    const problem = birthdayProblem(change.birthday, now)
    if (problem) return { ok: false, field: 'birthday', message: problem }
    Object.assign(fields, birthdayFields(change.birthday))
    profile.birthday = change.birthday
    profile.birthdayMD = monthDay(change.birthday)
  }
  return { ok: true, fields, member: { ...member, profile } }
}

export function birthdayProblem(birthday: string, now: Date): string | null {
  return birthday > shopDate(now) ? '生日不能晚于今天' : null
}

export function birthdayFields(birthday: string): ProfileFields {
  return { 'profile.birthday': birthday, 'profile.birthdayMD': monthDay(birthday) }
}
