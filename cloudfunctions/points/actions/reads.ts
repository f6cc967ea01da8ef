import { LEDGER_FILTERS } from '../../shared/contract/enums'
import { historyPayload, memberHistoryPayload, ordersPayload, summaryPayload, type LedgerEntry, type LedgerPage, type OrdersPage, type PointsSummary } from '../../shared/contract/points'
import { isActiveMember, pointsStateOf } from '../../shared/domain/member'
import { linesOf } from '../../shared/domain/ledger'
import { expiringSoon } from '../../shared/domain/points'
import { ledgerRepo, type LedgerRow } from '../../shared/data/ledger'
import { membersRepo } from '../../shared/data/members'
import { refundsRepo } from '../../shared/data/refunds'
import { staffRepo } from '../../shared/data/staff'
import { activePointsRules } from '../../shared/data/rules'
import { AppError, defineAction, type Database } from '../../shared/runtime'

export const PAGE_SIZE = 20

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
    const rows = await ledgerRepo(db).page(member._id, { kinds: ['earn'], before: decodeCursor(cursor), limit: PAGE_SIZE + 1 })
    const page = rows.slice(0, PAGE_SIZE).filter((row) => row.order)
    const [refundedByOrder, cashierNames] = await Promise.all([refundsRepo(db).refundedFenOf(page.map((row) => row._id)), staffRepo(db).namesOf([...new Set(page.map((row) => row.order!.cashier))])])
    return {
      orders: page.map((row) => ({
        orderNo: row.order!.orderNo,
        storeId: row.order!.storeId,
        amountFen: row.order!.amountFen,
        pointsEarned: row.order!.checkout?.pointsEarned ?? row.delta,
        refundedFen: refundedByOrder.get(row._id) ?? 0,
        cashierName: cashierNames.get(row.order!.cashier) ?? '已离职员工',
        createdAt: new Date(row.createdAt).toISOString(),
      })),
      nextCursor: rows.length > PAGE_SIZE ? encodeCursor(rows[PAGE_SIZE - 1]) : null,
    }
  },
})

async function ledgerPage(db: Database, openid: string, kinds: readonly LedgerRow['kind'][] | undefined, cursor: string | undefined): Promise<LedgerPage> {
  const rows = await ledgerRepo(db).page(openid, { kinds, before: decodeCursor(cursor), limit: PAGE_SIZE + 1 })
  const entries: LedgerEntry[] = rows
    .slice(0, PAGE_SIZE)
    .flatMap(linesOf)
    .map((line) => ({ ...line, createdAt: line.createdAt.toISOString(), expiresAt: line.expiresAt ? line.expiresAt.toISOString() : null }))
  return { entries, nextCursor: rows.length > PAGE_SIZE ? encodeCursor(rows[PAGE_SIZE - 1]) : null }
}

/** Opaque to the client: the last row's time and key, so a page never skips or repeats a row. */
function encodeCursor(row: LedgerRow): string {
  return Buffer.from(JSON.stringify([new Date(row.createdAt).getTime(), row._id])).toString('base64url')
}

function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!cursor) return undefined
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number, string]
    if (typeof at !== 'number' || typeof id !== 'string') throw new Error('bad cursor')
    return { createdAt: new Date(at), id }
  } catch {
    throw new AppError('INVALID_INPUT', '分页参数无效', [{ path: 'cursor', message: '分页参数无效' }])
  }
}
