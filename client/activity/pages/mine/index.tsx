import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { MyActivity } from '@contract/activity'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useOnReturn } from '../../../hooks/useOnReturn'
import { openPage } from '../../../services/navigate'
import { MyActivityRow } from '../../components/MyActivityRow'
import { detailPath } from '../../components/signupFlow'
import { groupMine, useMyActivities } from '../../hooks/useMyActivities'
import '../../components/activity.scss'

/** 我的活动: what the member signed up for, still to come first, then the rest. */
export default function MyActivitiesPage() {
  const mine = useMyActivities()
  useOnReturn(mine.reload)
  usePullDownRefresh(async () => {
    await mine.reload()
    Taro.stopPullDownRefresh()
  })

  if (mine.status === 'loading') return <LoadingView />
  if (mine.status === 'error') return <ErrorView message={mine.error.message} onRetry={mine.reload} />
  if (mine.data.length === 0) {
    return (
      <View className='my-activities' data-testid='my-activities'>
        <EmptyView title='还没有报名活动' description='门店的新品发布、会员专场和课程体验都在活动页' />
        <View className='my-activities__empty-action'>
          <Button type='primary' onClick={() => void Taro.switchTab({ url: '/pages/activities/index' })} data-testid='my-activities-browse'>
            去看看活动
          </Button>
        </View>
      </View>
    )
  }
  const { coming, past } = groupMine(mine.data)
  return (
    <View className='my-activities' data-testid='my-activities'>
      <Group title='近期活动' entries={coming} />
      <Group title='历史活动' entries={past} />
    </View>
  )
}

function Group({ title, entries }: { title: string; entries: MyActivity[] }) {
  if (entries.length === 0) return null
  return (
    <View>
      <Text className='my-activities__group'>{title}</Text>
      {entries.map((entry) => (
        <MyActivityRow key={entry.activity.id} entry={entry} onOpen={() => void openPage(detailPath(entry.activity.id))} />
      ))}
    </View>
  )
}
