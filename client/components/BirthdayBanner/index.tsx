import { View, Text } from '@tarojs/components'
import type { BirthdayBanner as BirthdayBannerData } from '@contract/coupons'
import { formatDate, formatPoints } from '@contract/format'
import { openPage } from '../../services/navigate'
import './index.scss'

/** "生日快乐！已为您送上 200 积分和生日蛋糕券，有效期至 …": shown while the perk is valid; taps through to the wallet. */
export function BirthdayBanner({ banner }: { banner: BirthdayBannerData }) {
  const gifts = [banner.points > 0 ? `${formatPoints(banner.points)} 积分` : null, banner.coupon?.title ?? null].filter(Boolean).join('和')
  return (
    <View className='birthday-banner' onClick={() => void openPage('/points/pages/wallet/index')} data-testid='birthday-banner'>
      <Text className='birthday-banner__icon'>礼</Text>
      <View className='birthday-banner__body'>
        <Text className='birthday-banner__title'>生日快乐！</Text>
        <Text className='birthday-banner__text'>
          已为您送上 {gifts}，有效期至 {formatDate(banner.validUntil)}
        </Text>
      </View>
      {banner.coupon && <Text className='birthday-banner__link'>查看 ›</Text>}
    </View>
  )
}
