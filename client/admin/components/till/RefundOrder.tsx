import { View, Text } from '@tarojs/components'
import type { RefundableOrder } from '@contract/checkout'
import { formatCardNo, formatDateTime, formatFen, formatPoints } from '@contract/format'
import { Panel } from '../../../components/FormField'
import './till.scss'

/** The order being refunded, as recorded: who, when, 原价 to 实付, the points it used and earned, and what is left. */
export function RefundOrder({ order }: { order: RefundableOrder }) {
  const rows: [label: string, value: string, strong?: boolean][] = [
    ['会员', `${order.memberName} · ${formatCardNo(order.cardNo)}`],
    ['时间', formatDateTime(order.createdAt)],
    ...order.items.map((item): [string, string] => [`${item.name} × ${item.quantity}`, formatFen(item.priceFen * item.quantity)]),
    ['原价', formatFen(order.amountFen)],
  ]
  if (order.tierDiscountFen > 0) rows.push(['会员折扣', `-${formatFen(order.tierDiscountFen)}`])
  if (order.coupon) rows.push(['优惠券', `${order.coupon.title} -${formatFen(order.couponDiscountFen)}`])
  if (order.pointsUsed > 0) rows.push(['积分抵扣', `${formatPoints(order.pointsUsed)} 积分 -${formatFen(order.cashFen)}`])
  rows.push(['实付', formatFen(order.paidFen)], ['获得积分', formatPoints(order.pointsEarned)])
  if (order.refundedFen > 0) rows.push(['已退款', formatFen(order.refundedFen)])
  rows.push(['可退金额', formatFen(order.refundableFen), true])
  return (
    <Panel title={`订单 ${order.orderNo}`}>
      <View data-testid='refund-order-found'>
        {rows.map(([label, value, strong]) => (
          <View key={label} className={`refund-order__row ${strong ? 'refund-order__row--strong' : ''}`} data-testid='refund-order-row'>
            <Text className='refund-order__label'>{label}</Text>
            <Text className='refund-order__value'>{value}</Text>
          </View>
        ))}
      </View>
    </Panel>
  )
}
