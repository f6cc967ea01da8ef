import { refundPayload, type RefundResult } from '../../shared/contract/points'
import { refusalError, replayOrMismatch, settle } from '../../shared/app/commands'
import { ledgerRepo } from '../../shared/data/ledger'
import { memberIn } from '../../shared/data/members'
import { refundProgressIn } from '../../shared/data/refunds'
import { inTransaction } from '../../shared/data/transaction'
import { isOrderRow, ledgerKeys } from '../../shared/domain/ledger'
import { decideRefund, decideRefundShare, isSameRefund, type Refund, type RefundItem } from '../../shared/domain/refund'
import { AppError, defineAction } from '../../shared/runtime'

/**
 * Reverses an order's points in proportion to the refund, once per refund id, never below zero:
 * what was already spent is recorded as a shortfall on the ledger row.
 */
export const refund = defineAction({
  schema: refundPayload,
  async handler({ storeId, orderNo, refundId, amount: refundFen }, { db, openid: cashier, now }): Promise<RefundResult> {
    const order = await ledgerRepo(db).byId(ledgerKeys.order(storeId, orderNo))
    if (!isOrderRow(order)) throw new AppError('NOT_FOUND', '找不到该订单的积分记录')
    const command: Refund = { storeId, orderNo, refundId, refundFen, cashier }
    const outcome = await inTransaction(db, async (transaction) => {
      const progress = await refundProgressIn(transaction, order._id)
      // A repeated refund id or an over-refund is answered from the progress alone; the member is read only when points move.
      const member = decideRefundShare({ order, progress }, command).kind === 'share' ? await memberIn(transaction, order.openid) : null
      return settle(transaction, decideRefund({ order, progress, member }, command, now))
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

function resultOf(item: RefundItem, duplicate: boolean): RefundResult {
  return { refundId: item.refundId, pointsReversed: item.pointsReversed, shortfall: item.shortfall, pointsBalance: item.balanceAfter, duplicate }
}
