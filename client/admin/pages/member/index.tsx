// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { Fragment, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { formatDate, formatPoints } from '@contract/format'
import { FilterTabs, type TabOption } from '../../../components/FilterTabs'
import { LedgerList, ListFooter } from '../../../components/LedgerList'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useMemberLookup } from '../../../hooks/useMemberLookup'
import { useMemberOrders } from '../../../hooks/useMemberOrders'
import { HISTORY_TABS, useMemberPointsHistory } from '../../../hooks/usePointsHistory'
import { MemberSearch } from '../../components/MemberSearch'
import { OrderList } from '../../components/OrderList'
import { RoleGate } from '../../components/RoleGate'

type Section = 'ledger' | 'orders'
const SECTIONS: TabOption<Section>[] = [
  { key: 'ledger', label: '积分明细' },
  { key: 'orders', label: '消费记录' },
]

export default function MemberLookupPage() {
  return <RoleGate area='lookup'>{() => <MemberLookup />}</RoleGate>
}

function MemberLookup() {
  const lookup = useMemberLookup()
  const [section, setSection] = useState<Section>('ledger')
  const member = lookup.member
  const history = useMemberPointsHistory(member?.cardNo ?? null)
  const orders = useMemberOrders(member && section === 'orders' ? member.cardNo : null)
  const list = section === 'ledger' ? history : orders

  usePullDownRefresh(async () => {
    if (member) await Promise.all([lookup.byCardNo(member.cardNo), list.refresh()])
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void list.loadMore())

  return (
    <View data-testid='member-lookup'>
      <MemberSearch lookup={lookup} cardTestId='lookup-card' submitTestId='lookup-submit' empty={{ title: '查询会员', description: '输入会员卡号，或扫描会员出示的会员码' }}>
        {(found) => (
          <>
            <View className='admin-hint admin-hint--left' data-testid='lookup-facts'>
              {[`入会 ${formatDate(found.joinedAt)}`, `最近活跃 ${formatDate(found.lastActiveAt)}`, `累计 ${formatPoints(found.lifetimePoints)} 积分`].map((fact, index) => (
                // Each fact breaks as a whole: a figure never wraps away from its unit.
                <Fragment key={fact}>
                  {index > 0 && <Text> · </Text>}
                  <Text style={{ whiteSpace: 'nowrap' }}>{fact}</Text>
                </Fragment>
              ))}
            </View>
            <FilterTabs options={SECTIONS} value={section} onChange={setSection} />
            {section === 'ledger' && <FilterTabs options={HISTORY_TABS} value={history.filter} onChange={history.setFilter} />}
            {list.status === 'loading' && <LoadingView />}
            {list.status === 'error' && <ErrorView message={list.error?.message ?? ''} onRetry={list.retry} />}
            {list.status === 'ready' && list.items.length === 0 && <EmptyView title={section === 'ledger' ? '暂无积分记录' : '暂无消费记录'} />}
            {list.status === 'ready' && list.items.length > 0 && (
              <View className='admin-list'>
                {section === 'ledger' ? <LedgerList entries={history.items} /> : <OrderList orders={orders.items} />}
                <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} />
              </View>
            )}
          </>
        )}
      </MemberSearch>
    </View>
  )
}
