// Staff styles first, so every staff page orders its stylesheets the same way.
import '../../../admin/components/admin.scss'
import '../../components/marketing.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatDateTime, groupDigits } from '@contract/format'
import type { CampaignSummary } from '@contract/marketing'
import { CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS, type CampaignStatus } from '@contract/marketingFields'
import { PURPOSES } from '@contract/templates'
import { FilterTabs, type TabOption } from '../../../components/FilterTabs'
import { ListFooter } from '../../../components/LedgerList'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useCursorPages } from '../../../hooks/useCursorPages'
import { useOnReturn } from '../../../hooks/useOnReturn'
import { callCloud } from '../../../services/cloud'
import { openPage } from '../../../services/navigate'
import { RoleGate } from '../../../admin/components/RoleGate'
import { CampaignStatusTag } from '../../components/CampaignViews'

type Tab = CampaignStatus | 'all'
const TABS: TabOption<Tab>[] = [{ key: 'all', label: '全部' }, ...CAMPAIGN_STATUSES.map((status) => ({ key: status, label: CAMPAIGN_STATUS_LABELS[status] }))]

export default function CampaignsPage() {
  return <RoleGate area='marketing'>{() => <CampaignList />}</RoleGate>
}

function CampaignList() {
  const [tab, setTab] = useState<Tab>('all')
  const list = useCursorPages<CampaignSummary>(tab, (cursor) => callCloud('marketing', 'campaigns', { ...(tab === 'all' ? {} : { status: tab }), ...(cursor ? { cursor } : {}) }))
  usePullDownRefresh(async () => {
    await list.refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void list.loadMore())
  useOnReturn(list.refresh)

  return (
    <View data-testid='campaign-list'>
      <View className='mk-tabs'>
        <FilterTabs options={TABS} value={tab} onChange={setTab} sticky />
      </View>
      <View className='admin-actions'>
        <Button type='primary' block onClick={() => void openPage('/marketing/pages/campaign/index')} data-testid='campaign-new'>
          新建营销活动
        </Button>
      </View>
      {list.status === 'loading' && <LoadingView />}
      {list.status === 'error' && <ErrorView message={list.error?.message ?? ''} onRetry={list.retry} />}
      {list.status === 'ready' && list.items.length === 0 && (
        <EmptyView title={tab === 'all' ? '还没有营销活动' : `没有${CAMPAIGN_STATUS_LABELS[tab]}的营销活动`} description='选择一个分群，给会员发送活动通知或优惠券' />
      )}
      {list.status === 'ready' && list.items.length > 0 && (
        <>
          {list.items.map((campaign) => (
            <View key={campaign.id} className='mk-row' onClick={() => void openPage(`/marketing/pages/campaign/index?id=${campaign.id}`)} data-testid='campaign-row'>
              <View className='mk-row__head'>
                <Text className='mk-row__title'>{campaign.name}</Text>
                <CampaignStatusTag status={campaign.status} />
              </View>
              <Text className='mk-row__meta'>
                分群「{campaign.segmentName}」 · {PURPOSES[campaign.template].title}
              </Text>
              <Text className='mk-row__meta'>{campaign.sendAt ? `定时 ${formatDateTime(campaign.sendAt)}` : `创建于 ${formatDateTime(campaign.createdAt)}`}</Text>
              {campaign.status !== 'draft' && (
                <View className='mk-row__figures'>
                  <Text>目标 {groupDigits(campaign.targeted)}</Text>
                  <Text>已送达 {groupDigits(campaign.sent)}</Text>
                  <Text>对照组 {groupDigits(campaign.heldOut)}</Text>
                </View>
              )}
            </View>
          ))}
          <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} />
        </>
      )}
    </View>
  )
}
