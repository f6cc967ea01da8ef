import { View, Text } from '@tarojs/components'
import { formatCode } from '@contract/format'
import type { Redemption } from '@contract/rewards'
import { dateTime } from '../../components/LedgerList/dates'
import './points.scss'

/** The member's redemptions, each code big enough to show across the counter. */
export function RedemptionList({ redemptions }: { redemptions: readonly Redemption[] }) {
  return (
    <View>
      {redemptions.map((redemption) => {
        const pending = redemption.status === 'pending'
        return (
          <View key={redemption.code} className={`redemption ${pending ? '' : 'redemption--done'}`} data-testid='redemption'>
            <View className='redemption__head'>
              <Text className='redemption__name'>{redemption.rewardName}</Text>
              <Text className={`redemption__status ${pending ? 'redemption__status--pending' : ''}`}>{pending ? '待核销' : '已核销'}</Text>
            </View>
            <Text className='redemption__code' data-testid='redemption-code'>
              {formatCode(redemption.code)}
            </Text>
            <Text className='redemption__meta'>
              {redemption.pointsSpent.toLocaleString('zh-CN')} 积分 · 兑换于 {dateTime(redemption.createdAt)}
              {redemption.confirmedAt ? ` · 核销于 ${dateTime(redemption.confirmedAt)}` : ''}
            </Text>
            {pending && <Text className='redemption__hint'>到店出示此兑换码，由店员核销后领取</Text>}
          </View>
        )
      })}
    </View>
  )
}
