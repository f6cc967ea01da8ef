import { View, Text } from '@tarojs/components'
import type { OrderRecord } from '@contract/points'
import { formatDateTime, formatFen } from '@contract/format'
import './admin.scss'

/** A member's consumption records: receipt, amount, points earned, anything refunded. */
export function OrderList({ orders }: { orders: readonly OrderRecord[] }) {
  return (
    <View className='order-list' data-testid='order-list'>
      {orders.map((order) => (
        <View key={`${order.storeId}:${order.orderNo}`} className='order-list__row' data-testid='order-row'>
          <View className='order-list__main'>
            <Text className='order-list__no'>单号 {order.orderNo}</Text>
            <Text className='order-list__meta'>
              {formatDateTime(order.createdAt)} · 收银 {order.cashierName}
            </Text>
          </View>
          <View className='order-list__side'>
            <Text className='order-list__amount'>{formatFen(order.amountFen)}</Text>
            <Text className='order-list__points'>+{order.pointsEarned} 积分</Text>
            {order.refundedFen > 0 && <Text className='order-list__refund'>已退 {formatFen(order.refundedFen)}</Text>}
          </View>
        </View>
      ))}
    </View>
  )
}
