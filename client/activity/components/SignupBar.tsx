import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ActivityDetail } from '@contract/activity'
import { formatPoints } from '@contract/format'
import { seatsText } from '../../components/ActivityCard'

/** The bottom bar: what signing up costs, and the button that says where the member stands (the server's words). */
export function SignupBar({ detail, busy, onTap }: { detail: ActivityDetail; busy: boolean; onTap: () => void }) {
  const { standing } = detail
  return (
    <View className='activity-bar'>
      <View className='activity-bar__price'>
        <Text className='activity-bar__cost'>{detail.pointsCost > 0 ? `${formatPoints(detail.pointsCost)} 积分` : '免费'}</Text>
        {detail.phase !== 'ended' && detail.status !== 'cancelled' && <Text className='activity-bar__seats'>{seatsText(detail)}</Text>}
      </View>
      <View className='activity-bar__action'>
        <Button type='primary' disabled={busy || !standing.actionable} loading={busy} onClick={onTap} data-testid='activity-signup'>
          {standing.label}
        </Button>
      </View>
    </View>
  )
}
