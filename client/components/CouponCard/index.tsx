import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import type { Coupon } from '@contract/coupons'
import { formatDate } from '@contract/format'
import { couponValue, minSpendText } from './value'
import './index.scss'

const STATUS_LABELS = { available: '可使用', used: '已使用', expired: '已过期' } as const

/** A coupon as the member (or the cashier) sees it: value, title, condition and validity; greyed once used or expired. */
export function CouponCard({ coupon, onClick, children }: { coupon: Coupon; onClick?: () => void; children?: ReactNode }) {
  const usable = coupon.status === 'available'
  return (
    <View className={`coupon-card ${usable ? '' : 'coupon-card--off'}`} onClick={onClick} data-testid='coupon-card'>
      <View className='coupon-card__value'>
        <Text className={`coupon-card__amount ${coupon.kind === 'item' ? 'coupon-card__amount--item' : ''}`} data-testid='coupon-value'>
          {couponValue(coupon)}
        </Text>
        <Text className='coupon-card__condition'>{minSpendText(coupon.minSpendFen)}</Text>
      </View>
      <View className='coupon-card__body'>
        <Text className='coupon-card__title'>{coupon.title}</Text>
        <Text className='coupon-card__dates'>
          {formatDate(coupon.validFrom)} 至 {formatDate(coupon.validUntil)}
        </Text>
        {coupon.usedAt && <Text className='coupon-card__dates'>使用于 {formatDate(coupon.usedAt)}</Text>}
        {children}
      </View>
      {!usable && (
        <Text className='coupon-card__stamp' data-testid='coupon-status'>
          {STATUS_LABELS[coupon.status]}
        </Text>
      )}
    </View>
  )
}
