import { View, Text } from '@tarojs/components'
import { formatCardNo, formatDate, formatFen, groupDigits } from '@contract/format'
import type { DeskMember } from '../../hooks/useTicketDesk'
import './ticket.scss'

/** Who complains: tier, a year's spend, the last orders, and whatever else they have open with the shop. */
export function MemberBrief({ member }: { member: DeskMember | null }) {
  if (!member) {
    return (
      <View className='ticket-card' data-testid='ticket-member'>
        <Text className='ticket-card__title'>会员</Text>
        <Text className='ticket-muted'>该会员已注销或资料不可用</Text>
      </View>
    )
  }
  return (
    <View className='ticket-card' data-testid='ticket-member'>
      <View className='ticket-member__top'>
        <Text className='ticket-member__name'>{member.name}</Text>
        <Text className={`ticket-member__tier ticket-member__tier--${member.tier}`}>{member.tierName}</Text>
        <View className='queue-row__spacer' />
        <Text className='ticket-muted'>NO. {formatCardNo(member.cardNo)}</Text>
      </View>
      <View className='ticket-member__figures'>
        <View className='ticket-member__figure'>
          <Text className='ticket-member__value' data-testid='ticket-member-spend'>
            {formatFen(member.spend12mFen)}
          </Text>
          <Text className='ticket-member__caption'>近12月消费</Text>
        </View>
        <View className='ticket-member__figure'>
          <Text className={`ticket-member__value ${member.otherOpenTickets > 0 ? 'ticket-member__value--warn' : ''}`} data-testid='ticket-member-open'>
            {groupDigits(member.otherOpenTickets)}
          </Text>
          <Text className='ticket-member__caption'>其他未结工单</Text>
        </View>
      </View>
      <Text className='ticket-form-label'>最近消费</Text>
      {member.lastOrders.length === 0 && <Text className='ticket-muted'>暂无消费记录</Text>}
      {member.lastOrders.map((order) => (
        <View key={order.orderNo} className='ticket-order'>
          <Text>
            {formatDate(order.at)} · 单号 {order.orderNo}
          </Text>
          <Text>{formatFen(order.amountFen)}</Text>
        </View>
      ))}
    </View>
  )
}
