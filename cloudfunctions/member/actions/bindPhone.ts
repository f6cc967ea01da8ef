import { bindPhonePayload } from '../../shared/contract/member'
import { membersRepo } from '../../shared/data/members'
import { memberSearchRepo, phone4Of } from '../../shared/data/memberPrivacy'
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
    if (phone !== member.profile.phone) {
      const search = memberSearchRepo(db)
      if (await search.otherHolderOf(phone, openid)) throw new AppError('CONFLICT', '该手机号已绑定其他会员，请联系门店处理', [{ path: 'code', message: '该手机号已绑定其他会员' }])
      await search.setPhone(openid, phone)
    }
    return cardOf({ ...member, profile: { ...member.profile, phone, phone4: phone4Of(phone) } }, db, now)
  },
})
