import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { Coupon, CouponStatus } from '@contract/coupons'
import { formatCode, formatDate } from '@contract/format'
import { CouponCard } from '../../../components/CouponCard'
import { couponValue, minSpendText } from '../../../components/CouponCard/value'
import { FilterTabs } from '../../../components/FilterTabs'
import { QrCode } from '../../../components/QrCode'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useCampaignLanding } from '../../../hooks/useCampaignLanding'
import { useOnReturn } from '../../../hooks/useOnReturn'
import { useWallet } from '../../../hooks/useWallet'
import './index.scss'

const TABS: { key: CouponStatus; label: string; empty: string }[] = [
  { key: 'available', label: '可使用', empty: '暂无可使用的券' },
  { key: 'used', label: '已使用', empty: '暂无已使用的券' },
  { key: 'expired', label: '已过期', empty: '暂无已过期的券' },
]

/** The member's coupons by status; an available one opens its code for the cashier to scan. */
export default function WalletPage() {
  const wallet = useWallet()
  useCampaignLanding()
  const [shown, setShown] = useState<Coupon | null>(null)
  useOnReturn(wallet.reload)
  usePullDownRefresh(async () => {
    await wallet.reload()
    Taro.stopPullDownRefresh()
  })
  const tabs = TABS.map((tab) => ({ key: tab.key, label: wallet.counts ? `${tab.label} ${wallet.counts[tab.key]}` : tab.label }))
  const empty = TABS.find((tab) => tab.key === wallet.tab)?.empty ?? ''

  return (
    <View className='wallet' data-testid='wallet'>
      <FilterTabs options={tabs} value={wallet.tab} onChange={wallet.setTab} sticky />
      {wallet.status === 'loading' && <LoadingView />}
      {wallet.status === 'error' && <ErrorView message={wallet.error.message} onRetry={wallet.reload} />}
      {wallet.status === 'ready' && wallet.coupons.length === 0 && <EmptyView title={empty} description='生日礼券等优惠券会放在这里' />}
      {wallet.status === 'ready' && (
        <View className='wallet__list'>
          {wallet.coupons.map((coupon) => (
            <CouponCard key={coupon.code} coupon={coupon} onClick={coupon.status === 'available' ? () => setShown(coupon) : undefined}>
              {coupon.status === 'available' && <Text className='wallet__use'>点击出示券码 ›</Text>}
            </CouponCard>
          ))}
        </View>
      )}
      {shown && <CouponCodeSheet coupon={shown} onClose={() => setShown(null)} />}
    </View>
  )
}

/** The coupon's code, big, for the cashier's scanner, with the text below to type in if the scan fails. */
function CouponCodeSheet({ coupon, onClose }: { coupon: Coupon; onClose: () => void }) {
  return (
    <View className='wallet__overlay' onClick={onClose} data-testid='coupon-code-sheet'>
      <View className='wallet__sheet'>
        <Text className='wallet__sheet-title'>{coupon.title}</Text>
        <Text className='wallet__sheet-meta'>
          {couponValue(coupon)} · {minSpendText(coupon.minSpendFen)} · 有效期至 {formatDate(coupon.validUntil)}
        </Text>
        <QrCode value={coupon.code} size={480} className='wallet__qr' />
        <Text className='wallet__code' data-testid='coupon-code'>
          {formatCode(coupon.code)}
        </Text>
        <Text className='wallet__sheet-hint'>结账时出示给店员扫码核销 · 点击任意处关闭</Text>
      </View>
    </View>
  )
}
