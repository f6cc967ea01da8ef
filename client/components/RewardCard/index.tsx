import type { ReactNode } from 'react'
import { View, Text, Image } from '@tarojs/components'
import type { Reward } from '@contract/rewards'
import './index.scss'
import { formatPoints } from '@contract/format'

interface RewardCardProps {
  reward: Reward
  /** Tapping the picture or the words opens the reward's own page (members); staff cards do nothing. */
  onOpen?: () => void
  children?: ReactNode
}

/** A reward in the catalogue: its picture, name, what it is, its price in points and what is left; actions go in `children`. */
export function RewardCard({ reward, onOpen, children }: RewardCardProps) {
  const retired = reward.status === 'retired'
  return (
    <View className={`reward-card ${retired ? 'reward-card--retired' : ''}`} data-testid='reward-card'>
      <View className='reward-card__main' onClick={onOpen} data-testid='reward-open'>
        {reward.imageUrl && <Image className='reward-card__picture' src={reward.imageUrl} mode='aspectFill' lazyLoad data-testid='reward-picture' />}
        <View className='reward-card__body'>
          <View className='reward-card__head'>
            <Text className='reward-card__name'>{reward.name}</Text>
            {retired && <Text className='reward-card__tag'>已下架</Text>}
          </View>
          {reward.description && <Text className='reward-card__description'>{reward.description}</Text>}
          <View className='reward-card__foot'>
            <Text className='reward-card__cost'>{formatPoints(reward.pointsCost)} 积分</Text>
            <Text className='reward-card__stock'>{reward.stock > 0 ? `库存 ${reward.stock}` : '已兑完'}</Text>
          </View>
        </View>
      </View>
      {children && <View className='reward-card__actions'>{children}</View>}
    </View>
  )
}
