import { View, Text, Image } from '@tarojs/components'
import { HEX_COLOR } from '@contract/fields'
import type { MemberCard as MemberCardData } from '@contract/member'
import { formatCardNo, formatPoints } from '@contract/format'
import './index.scss'

/** `#rrggbb` darkened by `amount` (0–1), for the far end of the card's gradient. */
function darker(color: string, amount = 0.3): string {
  const channels = color
    .slice(1)
    .match(/../g)
    ?.map((hex) => Math.round(parseInt(hex, 16) * (1 - amount)))
  return channels ? `#${channels.map((channel) => channel.toString(16).padStart(2, '0')).join('')}` : color
}

/**
 * The card as a member shows it at the till: tier colour, name, number and points. `color` is the
 * tier's colour from the rules (the owner may change it); the per-tier classes are the fallback.
 */
export function MemberCard({ card, color }: { card: MemberCardData; color?: string }) {
  const style = color && HEX_COLOR.pattern.test(color) ? { background: `linear-gradient(135deg, ${color}, ${darker(color)})` } : undefined
  return (
    <View className={`member-card member-card--${card.tier}`} style={style} data-testid='member-card'>
      <View className='member-card__top'>
        <Text className='member-card__brand' data-testid='member-card-shop'>
          {card.shopName ?? '会员卡'}
        </Text>
        <Text className='member-card__tier' data-testid='member-tier'>
          {card.tierName}会员
        </Text>
      </View>
      <View className='member-card__who'>
        {card.avatarUrl ? (
          <Image className='member-card__avatar' src={card.avatarUrl} mode='aspectFill' />
        ) : (
          <View className='member-card__avatar member-card__avatar--empty'>{card.name.slice(0, 1)}</View>
        )}
        <Text className='member-card__name'>{card.name}</Text>
      </View>
      <Text className='member-card__number' data-testid='member-card-no'>
        NO. {formatCardNo(card.cardNo)}
      </Text>
      <View className='member-card__points'>
        <Text className='member-card__points-label'>积分</Text>
        <Text className='member-card__points-value' data-testid='member-points'>
          {formatPoints(card.pointsBalance)}
        </Text>
      </View>
    </View>
  )
}
