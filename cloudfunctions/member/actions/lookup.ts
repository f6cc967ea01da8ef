import { lookupPayload, type MemberLookup, type StaffMemberView } from '../../shared/contract/member'
import { activeRules } from '../../shared/data/rules'
import { membersRepo } from '../../shared/data/members'
import { AppError, defineAction, type Database } from '../../shared/runtime'
import { resolveMemberCode } from '../../shared/runtime/memberCode'
import { requireActive, staffViewOf } from '../cards'

/** Staff at the till find a member by their scanned live code or a typed card number. */
export const lookup = defineAction({
  schema: lookupPayload,
  // A lookup shows a member's personal data: audited with whom it showed, never the scanned code.
  audit: true,
  auditPayload: (payload) => ('cardNo' in payload ? { cardNo: payload.cardNo } : { by: 'memberCode' }),
  async handler(payload, { db, now, audit }) {
    const members = membersRepo(db)
    if ('memberCode' in payload) {
      const scanned = requireActive(await members.byOpenid(resolveMemberCode(payload.memberCode, now)))
      audit.member = scanned._id
      return withCashRule(await staffViewOf(scanned, db, now), db, now)
    }
    const member = await members.byCardNo(payload.cardNo)
    if (!member) throw new AppError('NOT_FOUND', '找不到该卡号的会员', [{ path: 'cardNo', message: '找不到该卡号的会员' }])
    audit.member = member._id
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
