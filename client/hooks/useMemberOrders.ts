import type { OrderRecord } from '@contract/points'
import { callCloud } from '../services/cloud'
import { useCursorPages } from './useCursorPages'

/** Staff: a member's consumption records, newest first (`null` lists nothing). */
export function useMemberOrders(cardNo: string | null) {
  return useCursorPages<OrderRecord>(cardNo, async (cursor) => {
    const page = await callCloud('points', 'orders', { cardNo: cardNo as string, cursor })
    return { items: page.orders, nextCursor: page.nextCursor }
  })
}
