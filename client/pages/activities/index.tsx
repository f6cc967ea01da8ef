import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { EmptyView } from '../../components/StatusView'

/** Activities arrive with the activities issue; until then the tab says so plainly. */
export default function ActivitiesPage() {
  usePullDownRefresh(() => Taro.stopPullDownRefresh())
  return <EmptyView title='暂无活动' description='门店发布活动后会在这里显示，敬请期待' />
}
