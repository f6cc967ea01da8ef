import { View, Text, Image } from '@tarojs/components'
import type { MemberArchive } from '@contract/archive'
import { formatCardNo, formatDate, formatFen, formatPoints } from '@contract/format'
import type { Role } from '@contract/roles'
import { phoneFor } from './phone'
import './archive.scss'

/** The member at a glance, above the sections: who, tier, card, phone, and the figures staff are asked about. */
export function ArchiveHeader({ archive, role }: { archive: MemberArchive; role: Role }) {
  return (
    <View className={`archive-head archive-head--${archive.removed ? 'removed' : archive.tier}`} data-testid='archive-head'>
      <View className='archive-head__top'>
        {archive.avatarUrl ? <Image className='archive-head__avatar' src={archive.avatarUrl} mode='aspectFill' /> : null}
        <View className='archive-head__who'>
          <Text className='archive-head__name' data-testid='archive-name'>
            {archive.name}
          </Text>
          <Text className='archive-head__line'>NO. {formatCardNo(archive.cardNo)}</Text>
          <Text className='archive-head__line' data-testid='archive-phone'>
            {phoneFor(role, archive.phone)}
          </Text>
        </View>
        {archive.removed ? (
          <Text className='archive-head__badge' data-testid='archive-erased'>
            已注销{archive.erasedAt ? ` · ${formatDate(archive.erasedAt)}` : ''}
          </Text>
        ) : (
          <Text className='archive-head__badge'>{archive.tierName}会员</Text>
        )}
      </View>
      <View className='archive-head__figures'>
        <Figure value={formatPoints(archive.pointsBalance)} caption='积分余额' testId='archive-balance' />
        <Figure value={formatPoints(archive.lifetimePoints)} caption='累计积分' />
        <Figure value={formatFen(archive.spend12mFen)} caption={`近 12 个月 · ${archive.orders12m} 单`} />
      </View>
    </View>
  )
}

function Figure({ value, caption, testId }: { value: string; caption: string; testId?: string }) {
  return (
    <View className='archive-head__figure'>
      <Text className='archive-head__value' data-testid={testId}>
        {value}
      </Text>
      <Text className='archive-head__caption'>{caption}</Text>
    </View>
  )
}
