import { View, Text } from '@tarojs/components'
import type { StaffMemberView } from '@contract/member'
import { formatCardNo, formatDiscount, formatPoints } from '@contract/format'
import './admin.scss'

/** The member in front of the cashier: who, which tier, how many points, what discount; at the till, their coupons. */
export function MemberPanel({ member, coupons, children }: { member: StaffMemberView; coupons?: React.ReactNode; children?: React.ReactNode }) {
  return (
    <View className={`member-panel member-panel--${member.tier}`} data-testid='member-panel'>
      <View className='member-panel__top'>
        <Text className='member-panel__name' data-testid='member-panel-name'>
          {member.name}
        </Text>
        <Text className='member-panel__tier'>{member.tierName}会员</Text>
      </View>
      <Text className='member-panel__card'>
        NO. {formatCardNo(member.cardNo)}
        {member.phoneMasked ? ` · ${member.phoneMasked}` : ''}
      </Text>
      <View className='member-panel__figures'>
        <View className='member-panel__figure'>
          <Text className='member-panel__value' data-testid='member-panel-balance'>
            {formatPoints(member.pointsBalance)}
          </Text>
          <Text className='member-panel__caption'>积分余额</Text>
        </View>
        <View className='member-panel__figure'>
          <Text className='member-panel__value'>{formatDiscount(member.discountPercent)}</Text>
          <Text className='member-panel__caption'>会员折扣</Text>
        </View>
      </View>
      {coupons && <View className='member-panel__coupons'>{coupons}</View>}
      {children && <View className='member-panel__actions'>{children}</View>}
    </View>
  )
}
