import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ListFooter } from '../../../components/LedgerList'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useOnReturn } from '../../../hooks/useOnReturn'
import { openPage } from '../../../services/navigate'
import { TicketRow } from '../../components/TicketRow'
import { useMyTickets } from '../../hooks/useMyTickets'
import { NEW_TICKET_PATH, ticketPath } from '../../paths'
import '../../components/tickets.scss'

/** 我的反馈: the member's tickets, newest first, those waiting on them marked; 提交反馈 at the foot. */
export default function MyTicketsPage() {
  const tickets = useMyTickets()
  useOnReturn(tickets.refresh)
  usePullDownRefresh(async () => {
    await tickets.refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void tickets.loadMore())
  const fileNew = () => void openPage(NEW_TICKET_PATH)

  if (tickets.status === 'idle' || tickets.status === 'loading') return <LoadingView />
  if (tickets.status === 'error') return <ErrorView message={tickets.error?.message ?? '加载失败，请重试'} onRetry={tickets.retry} />
  if (tickets.items.length === 0) {
    return (
      <View className='tickets-page' data-testid='ticket-list'>
        <EmptyView title='还没有提交过反馈' description='对服务、商品、积分或活动有任何问题和建议，都可以告诉我们' />
        <View className='tickets-page__empty-action'>
          <Button type='primary' onClick={fileNew} data-testid='ticket-new'>
            提交反馈
          </Button>
        </View>
      </View>
    )
  }
  return (
    <View className='tickets-page tickets-page--with-bar' data-testid='ticket-list'>
      <Text className='tickets-page__intro'>我们会在承诺时间内回复您，处理进度也会通过服务通知告诉您</Text>
      {tickets.items.map((ticket) => (
        <TicketRow key={ticket.id} ticket={ticket} onOpen={() => void openPage(ticketPath(ticket.id))} />
      ))}
      <ListFooter loadingMore={tickets.loadingMore} hasMore={tickets.hasMore} />
      <View className='tickets-bar'>
        <Button type='primary' block onClick={fileNew} data-testid='ticket-new'>
          提交反馈
        </Button>
      </View>
    </View>
  )
}
