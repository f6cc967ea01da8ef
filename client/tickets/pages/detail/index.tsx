import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { TICKET_CATEGORY_LABELS } from '@contract/ticketFields'
import { formatDateTime } from '@contract/format'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useOnReturn } from '../../../hooks/useOnReturn'
import { ReplyBox, ResolutionActions } from '../../components/MemberActions'
import { TicketPictures } from '../../components/Pictures'
import { refLabel } from '../../components/labels'
import { ResolutionCard } from '../../components/ResolutionCard'
import { StatusBanner } from '../../components/StatusBanner'
import { Thread } from '../../components/Thread'
import { Timeline } from '../../components/Timeline'
import { useTicket } from '../../hooks/useTicket'
import { TICKET_LIST_PATH } from '../../paths'
import '../../components/tickets.scss'

/** One ticket: where it stands and what was promised, the resolutions, the complaint, the thread, its steps, and what the member may do now. */
export default function TicketPage() {
  const { id = '', filed } = useRouter().params
  const ticket = useTicket(id)
  const { detail } = ticket
  const loaded = detail.status === 'ready'
  // 提交成功 is said here, once the filed ticket is on screen: a toast shown before the page switch can be lost to it.
  const told = useRef(false)
  useEffect(() => {
    if (filed !== '1' || !loaded || told.current) return
    told.current = true
    void Taro.showToast({ title: '提交成功', icon: 'success' })
  }, [filed, loaded])
  useOnReturn(detail.reload)
  usePullDownRefresh(async () => {
    await detail.reload()
    Taro.stopPullDownRefresh()
  })

  if (detail.status === 'loading') return <LoadingView />
  if (detail.status === 'error' && detail.error.code === 'NOT_FOUND') return <TicketGone />
  if (detail.status === 'error') return <ErrorView message={detail.error.message} onRetry={detail.reload} />
  const shown = detail.data
  const fieldError = (path: string) => ticket.fieldErrors[path] ?? null

  async function tapWithdraw() {
    const { confirm } = await Taro.showModal({ title: '撤回反馈', content: '撤回后客服将不再处理这条反馈，确定撤回吗？', confirmText: '撤回', cancelText: '再想想', confirmColor: '#c8963e' })
    if (!confirm || !(await ticket.withdraw())) return
    void Taro.showToast({ title: '已撤回', icon: 'success' })
    // The button sat at the foot of a page that is now shorter: show the new status.
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
  }

  return (
    <View className='tickets-page' data-testid='ticket-detail'>
      <StatusBanner ticket={shown} />
      {shown.resolutions.length > 0 && (
        <View className='ticket-card'>
          {shown.resolutions.map((resolution) => (
            <ResolutionCard key={resolution.n} resolution={resolution} numbered={shown.resolutions.length > 1} />
          ))}
          <ResolutionActions ticket={shown} busy={ticket.busy} fieldError={fieldError} onConfirm={ticket.confirm} onReopen={ticket.reopen} onRate={ticket.rate} />
        </View>
      )}
      <View className='ticket-card'>
        <View className='ticket-card__head'>
          <Text className='ticket-card__title'>我的反馈</Text>
          <Text className='ticket-category'>{TICKET_CATEGORY_LABELS[shown.category]}</Text>
        </View>
        {shown.ref && (
          <View className='ticket-about' data-testid='ticket-ref'>
            <Text className='ticket-about__kind'>{shown.ref.kind === 'order' ? '订单' : '活动'}</Text>
            <Text className='ticket-about__label'>{refLabel(shown.ref)}</Text>
          </View>
        )}
        <Text className='ticket-card__text' data-testid='ticket-text-shown'>
          {shown.text}
        </Text>
        <TicketPictures images={shown.images} />
        <Text className='ticket-card__meta'>{`${shown.id} · 提交于 ${formatDateTime(shown.createdAt)}`}</Text>
      </View>
      <View className='ticket-card'>
        <Text className='ticket-card__title'>沟通记录</Text>
        <Thread entries={shown.thread} />
        {shown.can.reply && <ReplyBox busy={ticket.busy} serverError={fieldError('text')} onSend={ticket.reply} />}
      </View>
      <View className='ticket-card'>
        <Text className='ticket-card__title'>处理进度</Text>
        <Timeline entries={shown.timeline} />
      </View>
      {shown.can.withdraw && (
        <View className='tickets-page__withdraw'>
          <Button size='small' fill='none' disabled={ticket.busy} onClick={tapWithdraw} data-testid='ticket-withdraw'>
            撤回反馈
          </Button>
        </View>
      )}
    </View>
  )
}

/** A link to a ticket that is not the member's (or never was): retrying will not bring it back. */
function TicketGone() {
  return (
    <View className='tickets-page' data-testid='ticket-gone'>
      <EmptyView title='找不到这条反馈' description='它可能不属于当前登录的会员，或链接有误' />
      <View className='tickets-page__empty-action'>
        <Button type='primary' onClick={() => void Taro.redirectTo({ url: TICKET_LIST_PATH })}>
          查看我的反馈
        </Button>
      </View>
    </View>
  )
}
