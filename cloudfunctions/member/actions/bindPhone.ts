import { bindPhonePayload } from '../../shared/contract/member'
import { membersRepo } from '../../shared/data/members'
import { AppError, defineAction } from '../../shared/runtime'
import { openapi } from '../../shared/runtime/openapi'
import { cardOf, requireActive } from '../cards'

const CODE_REFUSED = '手机号授权已失效，请重新获取'

/** The number comes only from WeChat's exchange of the button's code, never from the client. */
export const bindPhone = defineAction({
  schema: bindPhonePayload,
  async handler({ code }, { db, openid, now }) {
    const members = membersRepo(db)
    const member = requireActive(await members.byOpenid(openid))
    const answer = await openapi().getPhoneNumber(code)
    if (answer.errCode !== 0 || !answer.phoneNumber) throw new AppError('INVALID_INPUT', CODE_REFUSED, [{ path: 'code', message: CODE_REFUSED }])
    const phone = answer.phoneNumber
    if (phone !== member.profile.phone) await members.setFields(openid, { 'profile.phone': phone })
    return cardOf({ ...member, profile: { ...member.profile, phone } }, db, now)
  },
})
