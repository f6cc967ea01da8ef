import { setBirthdayPayload } from '../../shared/contract/member'
import { membersRepo } from '../../shared/data/members'
import { AppError, defineAction } from '../../shared/runtime'
import { requireActive, staffViewOf } from '../cards'
import { birthdayFields, birthdayProblem } from '../profile'
import { monthDay } from '../../shared/domain/calendar'

/** Owner or admin corrects a member's birthday; the router writes the reason to the audit log. */
export const setBirthday = defineAction({
  schema: setBirthdayPayload,
  // The birthday is personal data: the log keeps that it changed, and why.
  auditPayload: ({ cardNo, reason }) => ({ cardNo, reason }),
  async handler({ cardNo, birthday }, { db, now, audit }) {
    const problem = birthdayProblem(birthday, now)
    if (problem) throw new AppError('INVALID_INPUT', problem, [{ path: 'birthday', message: problem }])
    const members = membersRepo(db)
    const found = await members.byCardNo(cardNo)
    if (!found) throw new AppError('NOT_FOUND', '找不到该卡号的会员', [{ path: 'cardNo', message: '找不到该卡号的会员' }])
    audit.member = found._id
    const member = requireActive(found)
    if (member.profile.birthday !== birthday) await members.setFields(member._id, birthdayFields(birthday))
    return staffViewOf({ ...member, profile: { ...member.profile, birthday, birthdayMD: monthDay(birthday) } }, db, now)
  },
})
