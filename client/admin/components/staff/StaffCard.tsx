import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { formatDate } from '@contract/format'
import type { StaffEntry } from '@contract/staff'
import './staff.scss'

/** One colleague: role, store and since when; what the caller may do to them comes as children. */
export function StaffCard({ entry, children }: { entry: StaffEntry; children?: ReactNode }) {
  return (
    <View className='ws-card' data-testid={`staff-${entry.openid}`}>
      <View className='ws-card__head'>
        <Text className='ws-card__title'>{entry.name}</Text>
        {entry.you && <Text className='ws-tag ws-tag--blue'>我</Text>}
        <Text className={`ws-tag ${entry.role === 'owner' ? '' : 'ws-tag--grey'}`} data-testid='staff-role'>
          {entry.roleName}
        </Text>
      </View>
      <Text className='ws-card__line' data-testid='staff-store'>
        {entry.storeName ?? '未分配门店'}
      </Text>
      {entry.joinedAt && <Text className='ws-card__meta'>{formatDate(entry.joinedAt)} 加入</Text>}
      {children && <View className='ws-card__actions'>{children}</View>}
    </View>
  )
}
