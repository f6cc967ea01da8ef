import { lookupPayload, type MemberLookup, type StaffMemberView } from '../../shared/contract/member'
import { activeRules } from '../../shared/data/rules'
import { membersRepo } from '../../shared/data/members'
import { AppError, defineAction, type Database } from '../../shared/runtime'
import { resolveMemberCode } from '../../shared/runtime/memberCode'
import { requireActive, staffViewOf } from '../cards'

/** Staff at the till find a member by their scanned live code or a typed card number. */
export const lookup = defineAction({
  schema: lookupPayload,
  audit: false,
  async handler(payload, { db, now }) {
    const members = membersRepo(db)
    if ('memberCode' in payload) return withCashRule(await staffViewOf(requireActive(await members.byOpenid(resolveMemberCode(payload.memberCode, now))), db, now), db, now)
    const member = await members.byCardNo(payload.cardNo)
    if (!member) throw new AppError('NOT_FOUND', '找不到该卡号的会员', [{ path: 'cardNo', message: '找不到该卡号的会员' }])
    return withCashRule(await staffViewOf(requireActive(member), db, now), db, now)
  },
})

/**
 * The till checks points-as-cash with the rule the points function will apply. staffViewOf has just
 * read the rules through the instance's cache (same `now`), so this costs no round trip.
 */
async function withCashRule(view: StaffMemberView, db: Database, now: Date): Promise<MemberLookup> {
  const { pointsPerCashYuan, maxCashShare } = (await activeRules(db, now)).points
  return { ...view, cashRule: { pointsPerCashYuan, maxCashShare } }
}
