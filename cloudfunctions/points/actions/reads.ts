import { LEDGER_FILTERS } from '../../shared/contract/enums'
import { historyPayload, memberHistoryPayload, ordersPayload, summaryPayload, type LedgerPage, type OrdersPage, type PointsSummary } from '../../shared/contract/points'
import { isActiveMember, pointsStateOf } from '../../shared/domain/member'
import { expiringSoon } from '../../shared/domain/points'
import { membersRepo } from '../../shared/data/members'
import { activePointsRules } from '../../shared/data/rules'
import { ledgerPage, ordersPage } from '../../shared/app/memberRecords'
import { AppError, defineAction } from '../../shared/runtime'

/** The card's points panel: balance, what expires next, and the till's rates. */
export const summary = defineAction({
  schema: summaryPayload,
  async handler(_payload, { db, openid, now }): Promise<PointsSummary> {
    const member = await membersRepo(db).byOpenid(openid)
    if (!isActiveMember(member)) throw new AppError('NOT_MEMBER')
    const rules = await activePointsRules(db, now)
    const soon = expiringSoon(pointsStateOf(member).pointLots, now)
    return {
      pointsBalance: member.pointsBalance,
      lifetimePoints: member.lifetimePoints,
      expiringSoon: soon && { points: soon.points, expiresAt: soon.expiresAt.toISOString() },
      pointsPerYuan: rules.pointsPerYuan,
      pointsPerCashYuan: rules.pointsPerCashYuan,
    }
  },
})

/** The member's own ledger, newest first, 20 a page: one round trip. */
export const history = defineAction({
  schema: historyPayload,
  async handler({ filter, cursor }, { db, openid }): Promise<LedgerPage> {
    return ledgerPage(db, openid, filter ? LEDGER_FILTERS[filter].kinds : undefined, cursor)
  },
})

/** Staff see the same ledger for any member, by card number. */
export const memberHistory = defineAction({
  schema: memberHistoryPayload,
  audit: false,
  async handler({ cardNo, filter, cursor }, { db }): Promise<LedgerPage> {
    const member = await membersRepo(db).byCardNo(cardNo)
    if (!member) throw new AppError('NOT_FOUND', '找不到该会员卡号')
    return ledgerPage(db, member._id, filter ? LEDGER_FILTERS[filter].kinds : undefined, cursor)
  },
})

/** Consumption records: the orders that earned points, with what has been refunded of each. */
export const orders = defineAction({
  schema: ordersPayload,
  audit: false,
  async handler({ cardNo, cursor }, { db }): Promise<OrdersPage> {
    const member = await membersRepo(db).byCardNo(cardNo)
    if (!member) throw new AppError('NOT_FOUND', '找不到该会员卡号')
    return ordersPage(db, member._id, cursor)
  },
})
