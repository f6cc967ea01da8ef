import { updateProfilePayload } from '../../shared/contract/member'
import { membersRepo } from '../../shared/data/members'
import { AppError, defineAction } from '../../shared/runtime'
import { cardOf, requireActive } from '../cards'
import { decideProfileUpdate } from '../profile'

/** The member edits their own name, gender and avatar (the birthday only while unset). */
export const updateProfile = defineAction({
  schema: updateProfilePayload,
  async handler(change, { db, openid, now }) {
    if (Object.keys(change).length === 0) throw new AppError('INVALID_INPUT', '没有要修改的内容')
    const members = membersRepo(db)
    const member = requireActive(await members.byOpenid(openid))
    const decision = decideProfileUpdate(member, change, now)
    if (!decision.ok) throw new AppError('INVALID_INPUT', decision.message, [{ path: decision.field, message: decision.message }])
    if (Object.keys(decision.fields).length > 0) await members.setFields(openid, decision.fields)
    return cardOf(decision.member, db, now)
  },
})
