// Staff styles first, so every staff page orders its stylesheets the same way.
import '../../../admin/components/admin.scss'
import '../../components/marketing.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatDateTime } from '@contract/format'
import type { Campaign } from '@contract/marketing'
import { LANDING_LABELS } from '@contract/marketingFields'
import { PURPOSES } from '@contract/templates'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { RoleGate } from '../../../admin/components/RoleGate'
import { confirmDialog } from '../../../admin/validation'
import { CampaignStatusTag, ResultsBlock } from '../../components/CampaignViews'
import { couponWords, draftMessage, formOfCampaign } from '../../components/campaignForm'
import { MessageCard } from '../../components/MessageCard'
import { filterWords } from '../../components/segmentForm'
import { useCampaignEditor, type CampaignEditor } from '../../hooks/useCampaignEditor'
import { DraftForm } from './DraftForm'

/** `?id=` manages that campaign; without it a new draft is made, for `?segmentId=` when given. */
export default function CampaignPage() {
  const params = useRouter().params
  return <RoleGate area='marketing'>{() => <CampaignManager campaignId={params.id ?? null} segmentId={params.segmentId ?? null} />}</RoleGate>
}

export function CampaignManager({ campaignId, segmentId }: { campaignId: string | null; segmentId: string | null }) {
  const editor = useCampaignEditor(campaignId)
  usePullDownRefresh(async () => {
    await editor.detail.reload()
    Taro.stopPullDownRefresh()
  })
  const { detail } = editor
  if (detail.status === 'loading') return <LoadingView />
  if (detail.status === 'error') return <ErrorView message={detail.error.message} onRetry={detail.reload} />
  const campaign = detail.data
  if (campaign && campaign.status !== 'draft') return <CampaignRun campaign={campaign} editor={editor} />
  return <DraftForm campaign={campaign} initialSegmentId={segmentId} editor={editor} />
}

const CONFIRMS = {
  pauseCampaign: { title: '暂停发送', content: '暂停后尚未发出的消息先不发送，可随时继续。', done: '已暂停' },
  resumeCampaign: { title: '继续发送', content: '将继续向尚未发送的会员发送（仍遵守频次上限与静默时段）。', done: '已继续发送' },
  cancelCampaign: { title: '取消营销', content: '取消后尚未发出的消息不再发送，且不能恢复；已发出的消息和效果统计会保留。', done: '已取消' },
} as const

/** A campaign once started: where it stands, pause / resume / cancel, and its results against the holdout. */
function CampaignRun({ campaign, editor }: { campaign: Campaign; editor: CampaignEditor }) {
  const { status } = campaign
  const live = status === 'scheduled' || status === 'sending'
  async function change(action: keyof typeof CONFIRMS) {
    const words = CONFIRMS[action]
    if (!(await confirmDialog(words.title, `「${campaign.name}」${words.content}`, words.title))) return
    if (await editor.change(action)) Taro.showToast({ title: words.done, icon: 'success' })
  }
  const [refreshing, setRefreshing] = useState(false)
  async function refresh() {
    setRefreshing(true)
    await editor.detail.reload()
    setRefreshing(false)
  }
  const scheduled = campaign.waitingUntil !== null && campaign.waitingUntil === campaign.sendAt
  return (
    <View className='mk-campaign' data-testid='campaign-run'>
      <View className='mk-head'>
        <View className='mk-head__top'>
          <Text className='mk-head__name'>{campaign.name}</Text>
          <CampaignStatusTag status={status} testId='campaign-status' />
        </View>
        <Text className='mk-head__meta'>
          分群「{campaign.segment.name}」 · {PURPOSES[campaign.template].title}
        </Text>
        {campaign.startedAt && <Text className='mk-head__meta'>开始于 {formatDateTime(campaign.startedAt)}</Text>}
        {campaign.finishedAt && <Text className='mk-head__meta'>结束于 {formatDateTime(campaign.finishedAt)}</Text>}
        {campaign.waitingUntil && (
          <Text className='mk-head__wait' data-testid='campaign-waiting'>
            {scheduled ? `定时发送，将于 ${formatDateTime(campaign.waitingUntil)} 开始` : `静默时段暂停中，将于 ${formatDateTime(campaign.waitingUntil)} 继续发送`}
          </Text>
        )}
        <View className='mk-head__actions'>
          <Button size='small' fill='outline' loading={refreshing} disabled={editor.acting || refreshing} onClick={() => void refresh()} data-testid='campaign-refresh'>
            刷新
          </Button>
          {live && (
            <Button size='small' fill='outline' disabled={editor.acting} onClick={() => void change('pauseCampaign')} data-testid='campaign-pause'>
              暂停
            </Button>
          )}
          {status === 'paused' && (
            <Button size='small' type='primary' disabled={editor.acting} onClick={() => void change('resumeCampaign')} data-testid='campaign-resume'>
              继续发送
            </Button>
          )}
          {(live || status === 'paused') && (
            <Button size='small' fill='none' disabled={editor.acting} onClick={() => void change('cancelCampaign')} data-testid='campaign-cancel'>
              取消营销
            </Button>
          )}
        </View>
      </View>
      <ResultsBlock results={campaign.results} />
      <View className='mk-block' data-testid='campaign-summary'>
        <Text className='mk-block__title'>活动内容</Text>
        <MessageCard message={draftMessage(formOfCampaign(campaign), campaign.startedAt ? new Date(campaign.startedAt) : new Date())} testId='campaign-message' />
        <Line label='分群条件' value={filterWords(campaign.segment.filter)} />
        <Line label='落地页' value={LANDING_LABELS[campaign.landing.kind]} />
        <Line label='优惠券' value={campaign.coupon ? couponWords(campaign.coupon) : '不附券'} />
        <Line label='发送时间' value={campaign.sendAt ? `${formatDateTime(campaign.sendAt)}（北京时间）` : '开始后立即发送'} />
        <Line label='对照组' value={`${campaign.holdoutPercent}%`} />
        <Line label='频次上限' value={`${campaign.cap.days} 天内最多 ${campaign.cap.messages} 条`} />
      </View>
    </View>
  )
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <View className='mk-line'>
      <Text className='mk-line__label'>{label}</Text>
      <Text className='mk-line__value mk-line__value--text'>{value}</Text>
    </View>
  )
}
