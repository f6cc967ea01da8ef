import { lookupPayload } from '../../shared/contract/member'
import { membersRepo } from '../../shared/data/members'
import { AppError, defineAction } from '../../shared/runtime'
import { resolveMemberCode } from '../../shared/runtime/memberCode'
import { requireActive, staffViewOf } from '../cards'

/** Staff at the till find a member by their scanned live code or a typed card number. */
export const lookup = defineAction({
  schema: lookupPayload,
  audit: false,
  async handler(payload, { db, now }) {
    const members = membersRepo(db)
    if ('memberCode' in payload) return staffViewOf(requireActive(await members.byOpenid(resolveMemberCode(payload.memberCode, now))), db, now)
    const member = await members.byCardNo(payload.cardNo)
    if (!member) throw new AppError('NOT_FOUND', '找不到该卡号的会员', [{ path: 'cardNo', message: '找不到该卡号的会员' }])
    return staffViewOf(requireActive(member), db, now)
  },
})
