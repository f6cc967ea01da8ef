import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import type { QuotedCoupon } from '@contract/checkout'
import { formatDate } from '@contract/format'
import { couponValue, minSpendText } from '../../../components/CouponCard/value'
import './till.scss'

interface CouponPickerProps {
  coupons: QuotedCoupon[]
  picked: string | null
  onPick: (couponId: string | null) => void
  /** The server's word on the picked coupon after a refused checkout (已被使用 …). */
  error?: string
}

/**
 * The member's coupons for this order, as the quote judged them: usable ones to pick (one at most),
 * the others greyed with the reason (满¥500可用, 未到使用时间 …) so the cashier can say why.
 */
export function CouponPicker({ coupons, picked, onPick, error }: CouponPickerProps) {
  if (coupons.length === 0) return <Text className='till-empty'>该会员暂无可用优惠券</Text>
  return (
    <View className='coupon-picker' data-testid='coupon-picker'>
      <CouponRow on={picked === null} onPick={() => onPick(null)} testId='coupon-option-none'>
        <Text className='coupon-picker__title'>不使用优惠券</Text>
      </CouponRow>
      {coupons.map((coupon) => (
        <CouponRow key={coupon.id} on={picked === coupon.id} off={!coupon.usable} onPick={() => coupon.usable && onPick(coupon.id)} testId='coupon-option'>
          <Text className='coupon-picker__value'>{couponValue(coupon)}</Text>
          <View className='coupon-picker__body'>
            <Text className='coupon-picker__title'>{coupon.title}</Text>
            {/* The server's reason says the minimum too when that is what stands in the way. */}
            {coupon.unusableReason ? (
              <Text className='coupon-picker__reason' data-testid='coupon-option-reason'>
                {coupon.unusableReason} · 至 {formatDate(coupon.validUntil)}
              </Text>
            ) : (
              <Text className='coupon-picker__meta'>
                {minSpendText(coupon.minSpendFen)} · 至 {formatDate(coupon.validUntil)}
              </Text>
            )}
          </View>
        </CouponRow>
      ))}
      {error && (
        <Text className='form-field__error till-field-error' data-testid='coupon-picker-error'>
          {error}
        </Text>
      )}
    </View>
  )
}

function CouponRow({ on, off = false, onPick, testId, children }: { on: boolean; off?: boolean; onPick: () => void; testId: string; children: ReactNode }) {
  return (
    <View className={`coupon-picker__row ${on ? 'coupon-picker__row--on' : ''} ${off ? 'coupon-picker__row--off' : ''}`} onClick={onPick} data-testid={testId}>
      <Text className='coupon-picker__radio'>{on ? '●' : '○'}</Text>
      {children}
    </View>
  )
}
