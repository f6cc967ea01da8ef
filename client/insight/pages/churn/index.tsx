// Staff styles first, so every staff page orders its stylesheets the same way.
import '../../../admin/components/admin.scss'
import '../../components/insight.scss'
import { useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { readNumber } from '@contract/fields'
import { formatDate, groupDigits } from '@contract/format'
import type { ChurnMember, ChurnPage } from '@contract/stats'
import { CHURN_DAYS, DEFAULT_CHURN_DAYS } from '@contract/statsFields'
import { NumberField } from '../../../components/FormField/NumberField'
import { EmptyView, ErrorView } from '../../../components/StatusView'
import { useCursorPages } from '../../../hooks/useCursorPages'
import { callCloud } from '../../../services/cloud'
import { RoleGate } from '../../../admin/components/RoleGate'
import { toast } from '../../../admin/validation'
import { CardSkeletons } from '../../components/Card'
import { formatYuan } from '../../format'
import { useSegmentCampaign } from '../../hooks/useSegmentCampaign'

export default function ChurnWarningPage() {
  return <RoleGate area='insight'>{() => <ChurnWarning />}</RoleGate>
}

export function ChurnWarning() {
  const [typed, setTyped] = useState(String(DEFAULT_CHURN_DAYS))
  const [silentDays, setSilentDays] = useState(DEFAULT_CHURN_DAYS)
  // The first page's segment: the campaign goes to everyone on the list, not only those loaded.
  const segment = useRef<ChurnPage['segment'] | null>(null)
  const list = useCursorPages<ChurnMember>(String(silentDays), async (cursor) => {
    const page = await callCloud('stats', 'churn', { silentDays, ...(cursor ? { cursor } : {}) })
    if (!cursor) segment.current = page.segment
    return { items: page.members, nextCursor: page.nextCursor }
  })
  const campaign = useSegmentCampaign()
  useReachBottom(() => void list.loadMore())
  usePullDownRefresh(async () => {
    await list.refresh()
    Taro.stopPullDownRefresh()
  })

  function ask() {
    const reading = readNumber(typed, CHURN_DAYS)
    if (reading.value === null) return toast(reading.error ?? CHURN_DAYS.message)
    if (reading.value === silentDays) return void list.refresh()
    setSilentDays(reading.value)
  }

  const ready = list.status === 'ready'
  return (
    <View className='insight' data-testid='insight-churn'>
      <Text className='insight-note'>曾经消费、已超过设定天数未再消费的会员，按未消费天数由少到多排列。</Text>
      <View className='churn-form'>
        <View className='churn-form__field'>
          <NumberField label='未消费天数' value={typed} onChange={setTyped} rule={CHURN_DAYS} testId='churn-days' />
        </View>
        <Button className='churn-form__button' type='primary' size='small' onClick={ask} data-testid='churn-ask'>
          查询
        </Button>
      </View>
      {ready && list.items.length > 0 && segment.current && (
        <Text
          className={`insight-action insight-action--wide ${campaign.busy ? 'insight-action--busy' : ''}`}
          onClick={() => segment.current && void campaign.start('churn', segment.current.name, segment.current.filter)}
          data-testid='churn-campaign'
        >
          {campaign.busy ? '正在打开…' : '发送优惠券/消息给名单上的会员'}
        </Text>
      )}
      {(list.status === 'loading' || list.status === 'idle') && <CardSkeletons count={2} />}
      {list.status === 'error' && list.error && <ErrorView message={list.error.message} onRetry={() => void list.retry()} />}
      {ready && list.items.length === 0 && <EmptyView title='暂无流失预警' description={`没有超过 ${silentDays} 天未消费的会员`} />}
      {ready && (
        <View data-testid='churn-list'>
          {list.items.map((member) => (
            <ChurnRow key={member.cardNo} member={member} />
          ))}
        </View>
      )}
      {ready && list.items.length > 0 && (
        <Text className='churn-more' onClick={() => void list.loadMore()} data-testid='churn-more'>
          {list.loadingMore ? '加载中…' : list.hasMore ? '加载更多' : '已全部显示'}
        </Text>
      )}
    </View>
  )
}

function ChurnRow({ member }: { member: ChurnMember }) {
  const ticket = member.lastTicket
  return (
    <View className='churn-item' data-testid='churn-member'>
      <View className='churn-item__top'>
        <Text className='churn-item__name'>
          {member.name}
          <Text className='churn-item__tier'>{member.tierName}</Text>
        </Text>
        <Text className='churn-item__silent'>{groupDigits(member.silentDays)} 天未消费</Text>
      </View>
      <Text className='churn-item__line'>
        近 12 个月消费 {formatYuan(member.spend12mFen)}（{groupDigits(member.purchases12m)} 次） · 最近消费 {formatDate(member.lastPurchaseAt)}
      </Text>
      <Text className='churn-item__line'>手机 {member.phone ?? '未留'}</Text>
      <Text className='churn-item__ticket'>
        {ticket ? `最近工单：${ticket.categoryLabel} · ${ticket.statusLabel} · ${formatDate(ticket.at)} · ${ticket.score === null ? '未评价' : `满意度 ${ticket.score} 分`}` : '无投诉或反馈记录'}
      </Text>
    </View>
  )
}
