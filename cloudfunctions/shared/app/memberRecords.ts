import type { LedgerEntry, LedgerPage, OrdersPage } from '../contract/points'
import { linesOf } from '../domain/ledger'
import { ledgerRepo, type LedgerRow } from '../data/ledger'
import { refundsRepo } from '../data/refunds'
import { staffRepo } from '../data/staff'
import { AppError } from '../runtime/errors'
import type { Database } from '../runtime/cloud'

/**
 * A member's ledger and consumption records a page at a time: what the member's 积分明细, the
 * staff's points.memberHistory / points.orders and the member archive all read, so each reads one way.
 */
export const RECORDS_PAGE = 20

export async function ledgerPage(db: Database, openid: string, kinds: readonly LedgerRow['kind'][] | undefined, cursor: string | undefined, size = RECORDS_PAGE): Promise<LedgerPage> {
  const rows = await ledgerRepo(db).page(openid, { kinds, before: decodeCursor(cursor), limit: size + 1 })
  const entries: LedgerEntry[] = rows
    .slice(0, size)
    .flatMap(linesOf)
    .map((line) => ({ ...line, createdAt: line.createdAt.toISOString(), expiresAt: line.expiresAt ? line.expiresAt.toISOString() : null }))
  return { entries, nextCursor: rows.length > size ? encodeCursor(rows[size - 1]) : null }
}

/** Consumption records: the orders that earned points, with what has been refunded of each. */
export async function ordersPage(db: Database, openid: string, cursor: string | undefined, size = RECORDS_PAGE): Promise<OrdersPage> {
  const rows = await ledgerRepo(db).page(openid, { kinds: ['earn'], before: decodeCursor(cursor), limit: size + 1 })
  const page = rows.slice(0, size).filter((row) => row.order)
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
    nextCursor: rows.length > size ? encodeCursor(rows[size - 1]) : null,
  }
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
