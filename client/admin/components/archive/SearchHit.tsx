import { View, Text } from '@tarojs/components'
import type { MemberHit } from '@contract/archive'
import { formatCardNo, formatDate, formatPoints } from '@contract/format'
import type { Role } from '@contract/roles'
import { phoneFor } from './phone'
import './archive.scss'

/** One member found: who, which tier, the card and (masked) phone, points; 已注销 when erased. */
export function SearchHit({ hit, role, onOpen }: { hit: MemberHit; role: Role; onOpen: () => void }) {
  return (
    <View className='archive-hit' onClick={onOpen} data-testid='search-hit'>
      <View className='archive-hit__main'>
        <View className='archive-hit__top'>
          <Text className='archive-hit__name' data-testid='search-hit-name'>
            {hit.name}
          </Text>
          {hit.removed ? (
            <Text className='archive-erased' data-testid='search-hit-erased'>
              已注销
            </Text>
          ) : (
            <Text className={`archive-tier archive-tier--${hit.tier}`}>{hit.tierName}</Text>
          )}
        </View>
        <Text className='archive-hit__meta' data-testid='search-hit-phone'>
          {formatCardNo(hit.cardNo)} · {phoneFor(role, hit.phone)}
        </Text>
        <Text className='archive-hit__meta'>入会 {formatDate(hit.joinedAt)}</Text>
      </View>
      <View className='archive-hit__side'>
        <Text className='archive-hit__points'>{formatPoints(hit.pointsBalance)}</Text>
        <Text className='archive-hit__caption'>积分</Text>
      </View>
      <Text className='archive-hit__chevron'>›</Text>
    </View>
  )
}
