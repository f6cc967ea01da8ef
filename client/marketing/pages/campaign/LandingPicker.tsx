import { View, Text } from '@tarojs/components'
import { formatDateTime, formatPoints } from '@contract/format'
import { callCloud } from '../../../services/cloud'
import { useCloudQuery } from '../../../hooks/useCloudQuery'

interface Choice {
  id: string
  label: string
  note: string
}

/** Published activities not yet over, or the rewards members can redeem now. */
function loadChoices(kind: 'activity' | 'reward'): Promise<Choice[]> {
  if (kind === 'activity') {
    return callCloud('activity', 'adminList', {}).then((page) =>
      page.items
        .filter((activity) => activity.status === 'published' && activity.phase !== 'ended')
        .map((activity) => ({ id: activity.id, label: activity.title, note: formatDateTime(activity.startAt) })),
    )
  }
  return callCloud('rewards', 'list', {}).then((rewards) => rewards.map((reward) => ({ id: reward.id, label: reward.name, note: `${formatPoints(reward.pointsCost)} 积分` })))
}

/** The activity or reward a message opens on. Mounted per kind (its `key`), so each list loads when it is asked for. */
export function LandingPicker({ kind, value, onChange, disabled }: { kind: 'activity' | 'reward'; value: string | null; onChange: (id: string) => void; disabled: boolean }) {
  const choices = useCloudQuery(() => loadChoices(kind))
  const what = kind === 'activity' ? '活动' : '兑换商品'
  if (choices.status === 'loading') return <Text className='admin-note'>正在加载{what}…</Text>
  if (choices.status === 'error')
    return (
      <Text className='admin-note mk-link' onClick={() => void choices.reload()}>
        {what}加载失败：{choices.error.message}（点此重试）
      </Text>
    )
  const known = choices.data.some((choice) => choice.id === value)
  return (
    <View className='mk-options' data-testid={`campaign-landing-${kind}-list`}>
      {choices.data.length === 0 && <Text className='admin-note'>{kind === 'activity' ? '暂无已发布且未结束的活动' : '暂无可兑换的商品'}</Text>}
      {value && !known && <Text className='admin-note'>当前：{value}（已不在列表中，请重新选择）</Text>}
      {choices.data.map((choice) => (
        <View
          key={choice.id}
          className={`mk-option ${choice.id === value ? 'mk-option--on' : ''}`}
          onClick={() => !disabled && onChange(choice.id)}
          data-testid={`campaign-landing-${kind}-${choice.id}`}
        >
          <Text className='mk-option__label'>{choice.label}</Text>
          <Text className='mk-option__note'>{choice.note}</Text>
        </View>
      ))}
    </View>
  )
}
