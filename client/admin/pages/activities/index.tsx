// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ListFooter } from '../../../components/LedgerList'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useOnReturn } from '../../../hooks/useOnReturn'
import { openPage } from '../../../services/navigate'
import { ActivityRow } from '../../components/activity/ActivityRow'
import { RoleGate } from '../../components/RoleGate'
import { useStaffActivities } from '../../hooks/useStaffActivities'

export default function ActivitiesAdminPage() {
  return <RoleGate area='activities'>{() => <ActivitiesAdmin />}</RoleGate>
}

function ActivitiesAdmin() {
  const list = useStaffActivities()
  usePullDownRefresh(async () => {
    await list.refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void list.loadMore())
  // Back from an activity's page, its new state (saved, published, cancelled) shows here too.
  useOnReturn(list.refresh)

  return (
    <View data-testid='activities-admin'>
      <View className='admin-actions'>
        <Button type='primary' block onClick={() => void openPage('/admin/pages/activity/index')} data-testid='activity-new'>
          新建活动
        </Button>
      </View>
      {list.status === 'loading' && <LoadingView />}
      {list.status === 'error' && <ErrorView message={list.error?.message ?? ''} onRetry={list.retry} />}
      {list.status === 'ready' && list.items.length === 0 && <EmptyView title='还没有活动' description='新建活动，发布后会员即可报名' />}
      {list.status === 'ready' && list.items.length > 0 && (
        <>
          {list.items.map((activity) => (
            <ActivityRow key={activity.id} activity={activity} onOpen={() => void openPage(`/admin/pages/activity/index?id=${activity.id}`)} />
          ))}
          <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} />
        </>
      )}
    </View>
  )
}
