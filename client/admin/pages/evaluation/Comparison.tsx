import { View, Text } from '@tarojs/components'
import type { ActivityTypeComparison } from '@contract/activity'
import type { ActivityType } from '@contract/activityFields'
import { formatPercent, groupDigits } from '@contract/format'
import { EmptyView } from '../../../components/StatusView'
import { signedYuan } from './SpendSideBySide'

const trend = (fen: number | null) => (fen === null || fen === 0 ? '' : fen > 0 ? 'evaluation__trend--up' : 'evaluation__trend--down')

/** Every activity type side by side: how many came, what coming did to spend (against not coming), and how they liked it. */
export function Comparison({ rows, current }: { rows: ActivityTypeComparison[]; current: ActivityType }) {
  if (rows.length === 0) return <EmptyView title='暂无可对比的活动' />
  return (
    <View className='evaluation__panel evaluation__compare' data-testid='evaluation-compare'>
      <View className='evaluation__tr evaluation__tr--head'>
        <Text className='evaluation__th'>类型</Text>
        <Text className='evaluation__td'>参与率</Text>
        <Text className='evaluation__td evaluation__td--wide'>人均消费变化</Text>
        <Text className='evaluation__td evaluation__td--narrow'>满意度</Text>
      </View>
      {rows.map((row) => (
        <View key={row.type} className={`evaluation__tr ${row.type === current ? 'evaluation__tr--current' : ''}`} data-testid='evaluation-compare-row'>
          <View className='evaluation__th evaluation__type'>
            <Text>{row.typeLabel}</Text>
            <Text className='evaluation__type-meta'>
              {groupDigits(row.activities)} 场，签到 {groupDigits(row.checkedIn)}/{groupDigits(row.signups)} 人
            </Text>
          </View>
          <Text className='evaluation__td'>{row.participation === null ? '暂无' : formatPercent(row.participation)}</Text>
          <View className='evaluation__td evaluation__td--wide evaluation__pair'>
            <Text className={`evaluation__pair-in ${trend(row.attendeeChangePerMemberFen)}`}>到场 {signedYuan(row.attendeeChangePerMemberFen)}</Text>
            <Text className='evaluation__pair-out'>爽约 {signedYuan(row.noShowChangePerMemberFen)}</Text>
          </View>
          <Text className='evaluation__td evaluation__td--narrow'>{row.satisfaction === null ? '暂无' : row.satisfaction.toFixed(1)}</Text>
        </View>
      ))}
    </View>
  )
}
