import { formatFen } from '../../shared/contract/format'
import { refundPayload, type RefundResult } from '../../shared/contract/points'
import type { MemberDoc } from '../../shared/domain/member'
import { refundPoints, reverse } from '../../shared/domain/points'
import { recordActivity } from '../../shared/domain/tiers'
import { appendInTransaction, ledgerKey, ledgerRepo, type LedgerRow } from '../../shared/data/ledger'
import { pointsStateOf, writePointsInTransaction } from '../../shared/data/memberPoints'
import { getOrNull, inTransaction } from '../../shared/data/transaction'
import { AppError, defineAction } from '../../shared/runtime'

/** How much of an order has been refunded so far: one document per refunded order. */
interface RefundsDoc {
  _id: string
  refundedFen: number
  reversedPoints: number
  items: Array<{ refundId: string; amountFen: number; pointsReversed: number; shortfall: number; balanceAfter: number }>
}

type Outcome =
  | { kind: 'repeat'; item: RefundsDoc['items'][number] }
  | { kind: 'too-much'; message: string }
  | { kind: 'reversed'; item: RefundsDoc['items'][number] }

/**
 * Reverses an order's points in proportion to the refund, once per refund id, never below zero:
 * what was already spent is recorded as a shortfall on the ledger row.
 */
export const refund = defineAction({
  schema: refundPayload,
  async handler({ storeId, orderNo, refundId, amount: refundFen }, { db, openid: cashier, now }): Promise<RefundResult> {
    const orderKey = ledgerKey('order', storeId, orderNo)
    const order = await ledgerRepo(db).byId(orderKey)
    if (!order?.order) throw new AppError('NOT_FOUND', '找不到该订单的积分记录')
    const orderFacts = { amountFen: order.order.amountFen, pointsEarned: order.delta }
    const outcome = await inTransaction<Outcome>(db, async (transaction) => {
      const refunds = (await getOrNull<RefundsDoc>(transaction, 'refunds', orderKey)) ?? { _id: orderKey, refundedFen: 0, reversedPoints: 0, items: [] }
      const earlier = refunds.items.find((item) => item.refundId === refundId)
      if (earlier) return { kind: 'repeat', item: earlier }
      const decision = refundPoints(orderFacts, refunds, refundFen)
      if (!decision.ok) return { kind: 'too-much', message: decision.message }
      const member = await getOrNull<MemberDoc>(transaction, 'members', order.openid)
      if (!member) throw new AppError('NOT_MEMBER')
      const { state, reversed, shortfall } = reverse(pointsStateOf(member), decision.points)
      const row: LedgerRow = {
        _id: `refund:${storeId}:${orderNo}:${refundId}`,
        openid: order.openid,
        kind: 'reverse',
        delta: -reversed,
        balanceAfter: state.pointsBalance,
        reason: `退款 ${formatFen(refundFen)} · 单号 ${orderNo}${shortfall > 0 ? ` · ${shortfall} 积分已使用无法扣回` : ''}`,
        by: cashier,
        rulesVersion: order.rulesVersion,
        createdAt: now,
        expiresAt: null,
        shortfall,
        ref: orderKey,
      }
      const item = { refundId, amountFen: refundFen, pointsReversed: reversed, shortfall, balanceAfter: state.pointsBalance }
      if ((await appendInTransaction(transaction, row)) === 'duplicate') throw new AppError('CONFLICT')
      const { _id, ...fields } = refunds
      await transaction.collection('refunds').doc(_id).set({ data: { ...fields, refundedFen: decision.refundedFenAfter, reversedPoints: decision.reversedPointsAfter, items: [...refunds.items, item] } })
      // A refund takes its spend back out of the month of the purchase; any downgrade waits for the evaluation.
      const activity = recordActivity(member.activity, new Date(order.createdAt), -refundFen, -reversed, now)
      await writePointsInTransaction(transaction, db, order.openid, state, now, { activity: db.command.set(activity) })
      return { kind: 'reversed', item }
    })
    if (outcome.kind === 'too-much') throw new AppError('INVALID_INPUT', outcome.message, [{ path: 'amount', message: outcome.message }])
    if (outcome.kind === 'repeat' && outcome.item.amountFen !== refundFen) throw new AppError('IDEMPOTENCY_MISMATCH')
    const { item } = outcome
    return { refundId, pointsReversed: item.pointsReversed, shortfall: item.shortfall, pointsBalance: item.balanceAfter, duplicate: outcome.kind === 'repeat' }
  },
})
