import { View, Text } from '@tarojs/components'
import { formatDate } from '@contract/format'
import { minSpendText } from '../../../components/CouponCard/value'
import { useTillCoupons } from '../../hooks/useTillCoupons'
import './till.scss'

/** Shown to show the member more: at most this many coupons in the panel, then how many more. */
const SHOWN = 3

/** In the member panel: the coupons the member can use today, so the cashier can mention them before the amount is typed (a title names its value: ¥10 代金券). */
export function TillCoupons({ memberCode, after }: { memberCode: string; after: unknown }) {
  const coupons = useTillCoupons(memberCode, after)
  if (coupons.status === 'loading') return <Text className='till-coupons__line'>正在读取可用优惠券…</Text>
  if (coupons.status === 'error')
    return (
      <Text className='till-coupons__line' data-testid='till-coupons-error'>
        可用优惠券读取失败：{coupons.error}
      </Text>
    )
  if (coupons.coupons.length === 0)
    return (
      <Text className='till-coupons__line' data-testid='till-coupons'>
        暂无可用优惠券
      </Text>
    )
  const rest = coupons.coupons.length - SHOWN
  return (
    <View className='till-coupons' data-testid='till-coupons'>
      <Text className='till-coupons__title'>可用优惠券 {coupons.coupons.length} 张</Text>
      {coupons.coupons.slice(0, SHOWN).map((coupon) => (
        <Text key={coupon.code} className='till-coupons__line' data-testid='till-coupon'>
          {coupon.title} · {minSpendText(coupon.minSpendFen)} · 至 {formatDate(coupon.validUntil)}
        </Text>
      ))}
      {rest > 0 && <Text className='till-coupons__line'>还有 {rest} 张，结账时可选</Text>}
    </View>
  )
}
