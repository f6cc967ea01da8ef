import { formatFen } from '../contract/format'
import { decision, pointsPatch, refuse, type Decision, type Refusal } from './decision'
import { ledgerKeys, ledgerRow, type OrderRow } from './ledger'
import { pointsStateOf, type MemberDoc } from './member'
import { refundPoints, reverse } from './points'
import { recordActivity } from './tiers'

/** How much of an order has been refunded so far: one document per refunded order, keyed like its earn row. */
export interface RefundProgress {
  _id: string
  refundedFen: number
  reversedPoints: number
  items: RefundItem[]
}

/** One refund as it was answered: a repeat of its id answers the same. */
export interface RefundItem {
  refundId: string
  amountFen: number
  pointsReversed: number
  shortfall: number
  balanceAfter: number
}

export interface Refund {
  storeId: string
  orderNo: string
  refundId: string
  refundFen: number
  cashier: string
}

/** What a refund has to work with: the order's earn row, its progress so far, and (once needed) its member. */
export interface RefundState {
  order: OrderRow
  progress: RefundProgress | null
  member: MemberDoc | null
}

export type RefundedBefore = { kind: 'refunded-before'; original: RefundItem }
export type RefundShare = { kind: 'share'; points: number; refundedFenAfter: number; reversedPointsAfter: number }

/**
 * The refund's share of the order's points, decided on the order's progress alone, so a repeated
 * refund id or an over-refund is answered without reading the member.
 */
export function decideRefundShare(state: Omit<RefundState, 'member'>, command: Refund): RefundedBefore | Refusal | RefundShare {
  const progress = state.progress ?? emptyProgress(state.order._id)
  const earlier = progress.items.find((item) => item.refundId === command.refundId)
  if (earlier) return { kind: 'refunded-before', original: earlier }
  const share = refundPoints({ amountFen: state.order.order.amountFen, pointsEarned: state.order.delta }, progress, command.refundFen)
  if (!share.ok) return refuse('INVALID_INPUT', share.message, share.field)
  return { kind: 'share', points: share.points, refundedFenAfter: share.refundedFenAfter, reversedPointsAfter: share.reversedPointsAfter }
}

/**
 * Reverses the order's points in proportion to the refund, newest lots first and never below
 * zero: what was already spent is recorded as a shortfall. The spend leaves the month of the
 * purchase; any downgrade waits for the evaluation at the end of the hold.
 */
export function decideRefund(state: RefundState, command: Refund, now: Date): Decision | RefundedBefore | Refusal {
  const share = decideRefundShare(state, command)
  if (share.kind !== 'share') return share
  const { order, member } = state
  if (!member) return refuse('NOT_MEMBER')
  const { storeId, orderNo, refundId, refundFen, cashier } = command
  const { state: points, reversed, shortfall } = reverse(pointsStateOf(member), share.points)
  const item: RefundItem = { refundId, amountFen: refundFen, pointsReversed: reversed, shortfall, balanceAfter: points.pointsBalance }
  const progress = state.progress ?? emptyProgress(order._id)
  return decision(order.openid, {
    ledger: [
      ledgerRow({
        key: ledgerKeys.refund(storeId, orderNo, refundId),
        openid: order.openid,
        kind: 'reverse',
        delta: -reversed,
        balanceAfter: points.pointsBalance,
        reason: `退款 ${formatFen(refundFen)} · 单号 ${orderNo}${shortfall > 0 ? ` · ${shortfall} 积分已使用无法扣回` : ''}`,
        by: cashier,
        rulesVersion: order.rulesVersion,
        at: now,
        shortfall,
        ref: order._id,
      }),
    ],
    refund: { ...progress, refundedFen: share.refundedFenAfter, reversedPoints: share.reversedPointsAfter, items: [...progress.items, item] },
    member: { ...pointsPatch(points), activity: recordActivity(member.activity, new Date(order.createdAt), -refundFen, -reversed, now), lastActiveAt: now },
  })
}

/** A refund id used again answers as before, but only for the same amount. */
export function isSameRefund(original: RefundItem, command: Refund): boolean {
  return original.amountFen === command.refundFen
}

/** The refunds document's key is the order's earn row key. */
const emptyProgress = (orderKey: string): RefundProgress => ({ _id: orderKey, refundedFen: 0, reversedPoints: 0, items: [] })
