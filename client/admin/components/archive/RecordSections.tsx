import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import type { MemberArchive } from '@contract/archive'
import { formatDate, formatFen, formatPoints } from '@contract/format'
import type { LedgerEntry, OrderRecord } from '@contract/points'
import { CouponCard } from '../../../components/CouponCard'
import { LedgerList } from '../../../components/LedgerList'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import type { useCursorPages } from '../../../hooks/useCursorPages'
import { OrderList } from '../OrderList'
import { PagedMore } from './PagedMore'
import './archive.scss'

type Pages<T> = ReturnType<typeof useCursorPages<T>>

/** 积分: the balance and what expires next, then the ledger, newest first, a page at a time. */
export function PointsSection({ archive, ledger }: { archive: MemberArchive; ledger: Pages<LedgerEntry> }) {
  return (
    <View data-testid='archive-points'>
      <View className='archive-summary'>
        <Figure value={formatPoints(archive.pointsBalance)} caption='积分余额' />
        <Figure value={formatPoints(archive.lifetimePoints)} caption='累计获得' />
        <Figure value={archive.nextExpiry ? formatPoints(archive.nextExpiry.points) : '0'} caption={archive.nextExpiry ? `${formatDate(archive.nextExpiry.at)}过期` : '暂无即将过期'} />
      </View>
      <Paged pages={ledger} empty='暂无积分记录' testId='archive-ledger-more'>
        <LedgerList entries={ledger.items} />
      </Paged>
    </View>
  )
}

/** 消费: the last 12 months in two figures, then every order (the order-keyed earn rows). */
export function OrdersSection({ archive, orders }: { archive: MemberArchive; orders: Pages<OrderRecord> }) {
  return (
    <View data-testid='archive-orders'>
      <View className='archive-summary'>
        <Figure value={formatFen(archive.spend12mFen)} caption='近 12 个月消费' />
        <Figure value={`${archive.orders12m} 单`} caption='近 12 个月订单' />
      </View>
      <Paged pages={orders} empty='暂无消费记录' testId='archive-orders-more'>
        <OrderList orders={orders.items} />
      </Paged>
    </View>
  )
}

/** 卡券: the member's coupons as they see them in their wallet. */
export function CouponsSection({ archive }: { archive: MemberArchive }) {
  if (archive.coupons.length === 0) return <EmptyView title='暂无优惠券' />
  return (
    <View className='archive-coupons' data-testid='archive-coupons'>
      {archive.coupons.map((coupon) => (
        <CouponCard key={coupon.code} coupon={coupon} />
      ))}
    </View>
  )
}

function Paged<T>({ pages, empty, testId, children }: { pages: Pages<T>; empty: string; testId: string; children: ReactNode }) {
  if (pages.status === 'idle' || pages.status === 'loading') return <LoadingView />
  if (pages.status === 'error') return <ErrorView message={pages.error?.message ?? ''} onRetry={() => void pages.retry()} />
  if (pages.items.length === 0) return <EmptyView title={empty} />
  return (
    <View className='admin-list'>
      {children}
      <PagedMore hasMore={pages.hasMore} loadingMore={pages.loadingMore} onMore={() => void pages.loadMore()} testId={testId} />
    </View>
  )
}

function Figure({ value, caption }: { value: string; caption: string }) {
  return (
    <View className='archive-summary__figure'>
      <Text className='archive-summary__value'>{value}</Text>
      <Text className='archive-muted'>{caption}</Text>
    </View>
  )
}
