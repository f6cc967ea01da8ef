import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { MySubscriptions, SubscriptionItem } from '@contract/marketing'
import { CONSENT_BATCH, MEMBER_PURPOSES, PURPOSES, SUBSCRIBE_TEMPLATES, type TemplatePurpose } from '@contract/templates'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { useCloudQuery } from '../../../hooks/useCloudQuery'
import { useOnReturn } from '../../../hooks/useOnReturn'
import { callCloud, CloudError } from '../../../services/cloud'
import { askConsent, readSubscriptionSettings, reportConsent } from '../../../services/subscribe'
import './index.scss'

/**
 * 消息订阅: each message the shop may send the member, what it is for, how many more the member's
 * consent allows (WeChat's one-time subscriptions: one message per 允许), and a switch to stop a kind
 * altogether. 订阅更多消息 asks WeChat for the kinds that have the fewest left.
 */
export default function SubscriptionsPage() {
  const subscriptions = useCloudQuery<MySubscriptions>(async () => callCloud('marketing', 'subscriptions', { settings: await readSubscriptionSettings() }))
  const [switching, setSwitching] = useState<TemplatePurpose | null>(null)
  const [asking, setAsking] = useState(false)
  // Back from WeChat's settings (去设置) or another page: what WeChat keeps may have changed.
  useOnReturn(subscriptions.reload)
  usePullDownRefresh(async () => {
    await subscriptions.reload()
    Taro.stopPullDownRefresh()
  })

  if (subscriptions.status === 'loading') return <LoadingView />
  if (subscriptions.status === 'error') return <ErrorView message={subscriptions.error.message} onRetry={subscriptions.reload} />
  const { mainSwitch } = subscriptions.data
  const items = itemsOf(subscriptions.data)
  const next = nextToAsk(items)

  /** In the tap: WeChat shows its dialog only when asked before anything is awaited. */
  function subscribeMore() {
    if (next.length === 0 || asking) return
    const consent = askConsent(next)
    setAsking(true)
    void consent
      .then(async (answered) => {
        const mine = await reportConsent(answered)
        if (mine) subscriptions.setData(mine)
        else await subscriptions.reload()
        if (answered.accepted > 0) void Taro.showToast({ title: `已订阅 ${answered.accepted} 种消息`, icon: 'none' })
      })
      .finally(() => setAsking(false))
  }

  async function toggle(item: SubscriptionItem) {
    if (switching) return
    const optedOut = !item.optedOut
    setSwitching(item.purpose)
    try {
      subscriptions.setData(await callCloud('marketing', 'setOptOut', { purpose: item.purpose, optedOut }))
      void Taro.showToast({ title: optedOut ? `已退订${item.title}` : `已恢复${item.title}`, icon: 'none' })
    } catch (error) {
      void Taro.showToast({ title: error instanceof CloudError ? error.message : '操作失败，请重试', icon: 'none' })
    } finally {
      setSwitching(null)
    }
  }

  const openSettings = () => void Taro.openSetting({ withSubscriptions: true }).then(subscriptions.reload, () => undefined)
  const row = (item: SubscriptionItem) => <SubscriptionRow key={item.purpose} item={item} busy={switching === item.purpose} onToggle={() => void toggle(item)} onSettings={openSettings} />
  const service = items.filter((item) => !item.campaign)
  const campaign = items.filter((item) => item.campaign)

  return (
    <View className='subscriptions' data-testid='subscriptions'>
      {!mainSwitch && (
        <View className='subscriptions__banner' data-testid='subscriptions-off'>
          <Text className='subscriptions__banner-text'>订阅消息已关闭，您将收不到以下任何消息。请在设置中打开“订阅消息”。</Text>
          <View className='subscriptions__banner-action' onClick={openSettings} data-testid='subscriptions-off-settings'>
            去设置
          </View>
        </View>
      )}
      <Text className='subscriptions__intro'>微信的订阅消息每次订阅可收到一条，“剩余次数”用完后再次订阅即可继续接收。关闭开关的消息类型不会发送给您。</Text>
      <Text className='subscriptions__heading'>服务通知</Text>
      <View className='subscriptions__list'>{service.map(row)}</View>
      {campaign.length > 0 && (
        <>
          <Text className='subscriptions__heading'>门店优惠与活动</Text>
          <Text className='subscriptions__note' data-testid='subscriptions-campaign-note'>
            这类消息包含门店的优惠与活动信息，只在您订阅后才会发送，您可随时关闭。
          </Text>
          <View className='subscriptions__list'>{campaign.map(row)}</View>
        </>
      )}
      <View className='subscriptions__bar'>
        <Button type='primary' block loading={asking} disabled={!mainSwitch || next.length === 0 || asking} onClick={subscribeMore} data-testid='subscriptions-more'>
          订阅更多消息
        </Button>
        <Text className='subscriptions__bar-hint'>{barHint(mainSwitch, next)}</Text>
      </View>
    </View>
  )
}

function SubscriptionRow({ item, busy, onToggle, onSettings }: { item: SubscriptionItem; busy: boolean; onToggle: () => void; onSettings: () => void }) {
  const refusedInWeChat = item.keep === 'reject' || item.keep === 'ban'
  return (
    <View className={`subscription ${item.optedOut ? 'subscription--off' : ''}`} data-testid={`subscription-${item.purpose}`}>
      <View className='subscription__main'>
        <View className='subscription__head'>
          <Text className='subscription__title'>{item.title}</Text>
          <Text className={`subscription__count ${item.remaining > 0 && !item.optedOut ? 'subscription__count--on' : ''}`} data-testid={`subscription-${item.purpose}-count`}>
            {item.optedOut ? '已退订' : item.remaining > 0 ? `剩余 ${item.remaining} 次` : '未订阅'}
          </Text>
        </View>
        <Text className='subscription__description'>{item.description}</Text>
        {refusedInWeChat && (
          <View className='subscription__kept' data-testid={`subscription-${item.purpose}-refused`}>
            <Text className='subscription__kept-text'>您已在微信中对此消息选择“总是拒绝”，在设置中允许后才能订阅</Text>
            <View className='subscription__kept-action' onClick={onSettings} data-testid={`subscription-${item.purpose}-settings`}>
              去设置
            </View>
          </View>
        )}
        {item.keep === 'accept' && !item.optedOut && <Text className='subscription__kept-text'>已在微信中选择“总是保持以上选择”，订阅时不再询问</Text>}
      </View>
      <View className={`subscription__switch ${busy ? 'subscription__switch--busy' : ''}`} onClick={busy ? undefined : onToggle} data-testid={`subscription-${item.purpose}-switch`}>
        <View className={`switch ${item.optedOut ? '' : 'switch--on'}`}>
          <View className='switch__knob' />
        </View>
        <Text className='subscription__switch-label'>{item.optedOut ? '已退订' : '接收'}</Text>
      </View>
    </View>
  )
}

/** Every member purpose, in the registry's order, as the server counts it (a purpose it left out has no consent). */
function itemsOf(data: MySubscriptions): SubscriptionItem[] {
  return MEMBER_PURPOSES.map(
    (purpose) =>
      data.items.find((item) => item.purpose === purpose) ?? {
        purpose,
        title: PURPOSES[purpose].title,
        description: PURPOSES[purpose].purpose,
        templateId: SUBSCRIBE_TEMPLATES[purpose],
        remaining: 0,
        optedOut: false,
        keep: null,
        campaign: PURPOSES[purpose].campaign,
      },
  )
}

/** Up to 3 kinds the member still receives, fewest left first; WeChat no longer asks for those it was told to refuse always. */
function nextToAsk(items: SubscriptionItem[]): TemplatePurpose[] {
  return items
    .filter((item) => !item.optedOut && item.keep !== 'reject' && item.keep !== 'ban')
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.remaining - b.item.remaining || a.index - b.index)
    .slice(0, CONSENT_BATCH)
    .map(({ item }) => item.purpose)
}

function barHint(mainSwitch: boolean, next: TemplatePurpose[]): string {
  if (!mainSwitch) return '请先在设置中打开订阅消息'
  if (next.length === 0) return '没有可订阅的消息类型'
  return `本次订阅：${next.map((purpose) => PURPOSES[purpose].title).join('、')}`
}
