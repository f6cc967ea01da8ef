// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { ActivityEvaluation } from '@contract/activity'
import { formatDate, formatPercent, groupDigits } from '@contract/format'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { RoleGate } from '../../components/RoleGate'
import { useActivityEvaluation } from '../../hooks/useActivityEvaluation'
import { Comparison } from './Comparison'
import { SpendSideBySide } from './SpendSideBySide'
import { Satisfaction } from './Satisfaction'
import '../../components/activity/activity.scss'
import './index.scss'

export default function EvaluationPage() {
  const activityId = useRouter().params.id ?? ''
  return <RoleGate area='evaluation'>{() => (activityId ? <Evaluation activityId={activityId} /> : <Text className='admin-hint'>请从活动管理页打开效果评估</Text>)}</RoleGate>
}

export function Evaluation({ activityId }: { activityId: string }) {
  const { evaluation, comparison, reload } = useActivityEvaluation(activityId)
  usePullDownRefresh(async () => {
    await reload()
    Taro.stopPullDownRefresh()
  })
  if (evaluation.status === 'loading') return <LoadingView />
  if (evaluation.status === 'error') return <ErrorView message={evaluation.error.message} onRetry={evaluation.reload} />
  const figures = evaluation.data
  return (
    <View className='evaluation' data-testid='evaluation'>
      <View className='evaluation__head'>
        <Text className='evaluation__title'>{figures.title}</Text>
        <Text className='activity-row__meta'>
          {figures.typeLabel} · {formatDate(figures.startAt)}
          {figures.phase === 'ended' ? '' : ' · 活动尚未结束，数据仍在变化'}
        </Text>
      </View>
      <Turnout figures={figures} />
      <SpendSideBySide attendees={figures.attendees} noShows={figures.noShows} startAt={figures.startAt} />
      <Satisfaction satisfaction={figures.satisfaction} />
      <Text className='evaluation__section'>各类型活动对比</Text>
      {comparison.status === 'loading' && <LoadingView />}
      {comparison.status === 'error' && <ErrorView message={comparison.error.message} onRetry={comparison.reload} />}
      {comparison.status === 'ready' && <Comparison rows={comparison.data} current={figures.type} />}
    </View>
  )
}

const rate = (share: number | null) => (share === null ? '暂无' : formatPercent(share))

function Turnout({ figures }: { figures: ActivityEvaluation }) {
  const counts = [
    { label: '报名', value: figures.signups },
    { label: '确认', value: figures.confirmed },
    { label: '候补', value: figures.waitlisted },
    { label: '取消', value: figures.cancelled },
    { label: '签到', value: figures.checkedIn },
  ]
  const rates = [
    { label: '签到率', value: rate(figures.checkInRate), testId: 'evaluation-checkin-rate' },
    { label: '爽约率', value: rate(figures.noShowRate), testId: 'evaluation-noshow-rate' },
    { label: '分享带来新会员', value: groupDigits(figures.joinedViaShare), testId: 'evaluation-share' },
  ]
  return (
    <View className='evaluation__panel' data-testid='evaluation-turnout'>
      <View className='evaluation__counts'>
        {counts.map((count) => (
          <View key={count.label} className='evaluation__count'>
            <Text className='evaluation__count-value'>{groupDigits(count.value)}</Text>
            <Text className='evaluation__count-label'>{count.label}</Text>
          </View>
        ))}
      </View>
      <View className='evaluation__rates'>
        {rates.map((item) => (
          <View key={item.label} className='evaluation__rate'>
            <Text className='evaluation__rate-value' data-testid={item.testId}>
              {item.value}
            </Text>
            <Text className='evaluation__count-label'>{item.label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
