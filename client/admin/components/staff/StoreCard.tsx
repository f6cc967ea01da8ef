import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import type { Store } from '@contract/staff'
import './staff.scss'

/** One store as the owner manages it: how to reach it, who works there, and whether it is open. */
export function StoreCard({ store, children }: { store: Store; children?: ReactNode }) {
  return (
    <View className={`ws-card ${store.closed ? 'ws-card--closed' : ''}`} data-testid='store-card'>
      <View className='ws-card__head'>
        <Text className='ws-card__title'>{store.name}</Text>
        {store.closed && (
          <Text className='ws-tag ws-tag--grey' data-testid='store-closed'>
            已关闭
          </Text>
        )}
      </View>
      <Text className='ws-card__line'>{store.address || '未填写地址'}</Text>
      <Text className='ws-card__line'>{store.phone ? `电话 ${store.phone}` : '未填写电话'}</Text>
      <Text className='ws-card__meta' data-testid='store-staff-count'>
        员工 {store.staffCount} 人 · 门店编号 {store.id}
      </Text>
      {children && <View className='ws-card__actions'>{children}</View>}
    </View>
  )
}
