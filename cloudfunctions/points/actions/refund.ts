import { refundPayload, type RefundResult } from '../../shared/contract/points'
import { refusalError, replayOrMismatch, settle } from '../../shared/app/commands'
import { ledgerRepo } from '../../shared/data/ledger'
import { memberIn } from '../../shared/data/members'
import { refundProgressIn } from '../../shared/data/refunds'
import { activeRules } from '../../shared/data/rules'
import { inTransaction } from '../../shared/data/transaction'
import { isOrderRow, ledgerKeys, type OrderRow } from '../../shared/domain/ledger'
import { decideRefund, decideRefundShare, isSameRefund, refundBasisOf, type Refund, type RefundItem } from '../../shared/domain/refund'
import { AppError, defineAction, type Database } from '../../shared/runtime'

/**
 * Refunds an order once per refund id, in proportion: its earned points are taken back (never below
 * zero: what was already spent is a shortfall), the points it spent come back, and the refund that
 * completes a checkout gives its coupon back when the shop's rule at the sale said so.
 */
export const refund = defineAction({
  schema: refundPayload,
  async handler({ storeId, orderNo, refundId, amount: refundFen }, { db, openid: cashier, now, audit }): Promise<RefundResult> {
    const { order, cash } = await orderRowsOf(db, storeId, orderNo)
    audit.member = order.openid
    const command: Refund = { storeId, orderNo, refundId, refundFen, cashier }
    // Returned points expire like earned ones (the instance caches the rules).
    const rules = await activeRules(db, now)
    const { key } = refundBasisOf(order, cash)
    const outcome = await inTransaction(db, async (transaction) => {
      const progress = await refundProgressIn(transaction, key)
      // A repeated refund id or an over-refund is answered from the progress alone; the member is read only when points move.
      const member = decideRefundShare({ order, cash, progress }, command).kind === 'share' ? await memberIn(transaction, order.openid) : null
      return settle(transaction, decideRefund({ order, cash, progress, member }, command, rules, now))
    })
    if (outcome.kind === 'refused') throw refusalError(outcome)
    // The refund row's key is taken although the order's progress does not list it: another refund got there first.
    if (outcome.kind === 'repeat') throw new AppError('CONFLICT')
    if (outcome.kind === 'refunded-before')
      return replayOrMismatch(
        outcome.original,
        (item) => isSameRefund(item, command),
        (item) => resultOf(item, true),
      )
    const items = outcome.decision.refund?.items ?? []
    return resultOf(items[items.length - 1], false)
  },
})

/**
 * The order's earn row and its points-as-cash row, in one round trip. An order only paid with
 * points has no earn row: its cash row stands for it.
 */
export async function orderRowsOf(db: Database, storeId: string, orderNo: string): Promise<{ order: OrderRow; cash: OrderRow | null }> {
  const rows = await ledgerRepo(db).byIds([ledgerKeys.order(storeId, orderNo), ledgerKeys.cash(storeId, orderNo)])
  const earn = rows.get(ledgerKeys.order(storeId, orderNo)) ?? null
  const cash = rows.get(ledgerKeys.cash(storeId, orderNo)) ?? null
  if (isOrderRow(earn)) return { order: earn, cash: isOrderRow(cash) ? cash : null }
  if (isOrderRow(cash)) return { order: cash, cash: null }
  throw new AppError('NOT_FOUND', '找不到该订单', [{ path: 'orderNo', message: '找不到该订单' }])
}

function resultOf(item: RefundItem, duplicate: boolean): RefundResult {
  return {
    refundId: item.refundId,
    pointsReversed: item.pointsReversed,
    shortfall: item.shortfall,
    pointsReturned: item.pointsReturned ?? 0,
    couponReturned: item.couponReturned ?? false,
    pointsBalance: item.balanceAfter,
    duplicate,
  }
}
