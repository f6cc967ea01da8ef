import { View, Text } from '@tarojs/components'
import type { SpendAround } from '@contract/activity'
import { groupDigits, shortYuan } from '@contract/format'

/** `+¥12.50`, `-¥3`, `¥0`: a change in spend always carries its sign; `暂无` when nobody is in the group. */
export function signedYuan(fen: number | null): string {
  if (fen === null) return '暂无'
  return `${fen > 0 ? '+' : ''}${shortYuan(fen)}`
}

const AFTER_WINDOW_MS = 30 * 24 * 60 * 60 * 1000

/**
 * The point of the evaluation: members who came against members who signed up and did not, over
 * the same 30 days before and after the start. What the activity did is the difference between the two.
 */
export function SpendSideBySide({ attendees, noShows, startAt }: { attendees: SpendAround; noShows: SpendAround; startAt: string }) {
  const afterStillOpen = Date.now() < new Date(startAt).getTime() + AFTER_WINDOW_MS
  const rows = [
    { label: '人数', of: (group: SpendAround) => groupDigits(group.members) },
    { label: '活动前 30 天消费', of: (group: SpendAround) => shortYuan(group.beforeFen) },
    { label: '活动后 30 天消费', of: (group: SpendAround) => shortYuan(group.afterFen) },
    { label: '人均消费变化', of: (group: SpendAround) => signedYuan(group.changePerMemberFen), strong: true },
  ]
  const lift = attendees.changePerMemberFen !== null && noShows.changePerMemberFen !== null ? attendees.changePerMemberFen - noShows.changePerMemberFen : null
  return (
    <View className='evaluation__panel' data-testid='evaluation-spend'>
      <Text className='evaluation__panel-title'>消费变化：到场 vs 爽约</Text>
      <View className='evaluation__table'>
        <View className='evaluation__tr evaluation__tr--head'>
          <Text className='evaluation__th' />
          <Text className='evaluation__td'>到场会员</Text>
          <Text className='evaluation__td'>爽约会员</Text>
        </View>
        {rows.map((row) => (
          <View key={row.label} className={`evaluation__tr ${row.strong ? 'evaluation__tr--strong' : ''}`} data-testid='evaluation-spend-row'>
            <Text className='evaluation__th'>{row.label}</Text>
            <Text className='evaluation__td' data-testid='evaluation-attendees'>
              {row.of(attendees)}
            </Text>
            <Text className='evaluation__td' data-testid='evaluation-noshows'>
              {row.of(noShows)}
            </Text>
          </View>
        ))}
      </View>
      <Text className='admin-note' data-testid='evaluation-lift'>
        {lift === null ? '到场或爽约的会员为 0 人，暂无法比较' : `到场会员的人均消费变化比爽约会员${lift >= 0 ? '高' : '低'} ${shortYuan(Math.abs(lift))}`}
      </Text>
      {afterStillOpen && <Text className='admin-note'>活动开始未满 30 天，活动后消费统计至今，仍会变化。</Text>}
    </View>
  )
}
