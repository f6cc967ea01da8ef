import { useState } from 'react'
import type { RefundableOrder } from '@contract/checkout'
import type { RefundResult } from '@contract/points'
import { toFen } from '@contract/staffFields'
import { callCloud } from '../services/cloud'
import { useAttemptId } from './useAttemptId'
import { useSubmit } from './useSubmit'

/**
 * 退款: find the order by its number (order numbers are the store's own: the till's store), then
 * refund part or all of what is left. The refund id is made here, once per attempt (order and
 * amount), so a retried tap after a lost answer cannot refund twice.
 */
export function useRefund(storeId: string) {
  const [order, setOrder] = useState<RefundableOrder | null>(null)
  const lookup = useSubmit()
  const attempt = useAttemptId()

  async function find(orderNo: string): Promise<void> {
    setOrder(null)
    const found = await lookup.run(() => callCloud('points', 'refundableOrder', { storeId, orderNo }))
    if (found) setOrder(found)
  }

  async function refund(amount: number): Promise<RefundResult> {
    if (!order) throw new Error('refund before the order was found')
    const refundId = attempt.idFor(`${order.orderNo}:${toFen(amount)}`)
    const result = await callCloud('points', 'refund', { storeId, orderNo: order.orderNo, refundId, amount })
    attempt.settle()
    // What is left to refund, as the server now has it.
    void callCloud('points', 'refundableOrder', { storeId, orderNo: order.orderNo }).then(setOrder, () => undefined)
    return result
  }

  return { order, find, finding: lookup.busy, findErrors: lookup.fieldErrors, refund, clear: () => setOrder(null) }
}
