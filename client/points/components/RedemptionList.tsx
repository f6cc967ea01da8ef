import { View, Text } from '@tarojs/components'
import { formatCode, formatDateTime, formatPoints } from '@contract/format'
import type { Redemption } from '@contract/rewards'
import { QrCode } from '../../components/QrCode'
import './points.scss'

/**
 * The member's redemptions. A pending one shows its code as a QR code for the till's scanner and
 * in letters big enough to read across the counter; the till reads either (normalizeCode).
 */
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
            {pending && (
              <View className='redemption__qr'>
                <QrCode value={redemption.code} size={320} />
              </View>
            )}
            <Text className='redemption__code' data-testid='redemption-code'>
              {formatCode(redemption.code)}
            </Text>
            <Text className='redemption__meta'>
              {formatPoints(redemption.pointsSpent)} 积分 · 兑换于 {formatDateTime(redemption.createdAt)}
              {redemption.confirmedAt ? ` · 核销于 ${formatDateTime(redemption.confirmedAt)}` : ''}
            </Text>
            {pending && <Text className='redemption__hint'>到店出示二维码或兑换码，由店员扫码核销后领取</Text>}
          </View>
        )
      })}
    </View>
  )
}
