import { View, Text } from '@tarojs/components'
import { formatFen, formatPercent, groupDigits } from '@contract/format'
import type { CampaignPreview, CampaignResults, GroupConversion } from '@contract/marketing'
import { CAMPAIGN_STATUS_LABELS, CONVERSION_DAYS, DELIVERY_STATUS_LABELS, type CampaignStatus } from '@contract/marketingFields'
import { MessageCard } from './MessageCard'

const TONES: Record<CampaignStatus, string> = { draft: 'draft', scheduled: 'live', sending: 'live', paused: 'warn', done: 'done', cancelled: 'off' }

export function CampaignStatusTag({ status, testId }: { status: CampaignStatus; testId?: string }) {
  return (
    <Text className={`mk-tag mk-tag--${TONES[status]}`} data-testid={testId}>
      {CAMPAIGN_STATUS_LABELS[status]}
    </Text>
  )
}

/** What 预览 found: who the segment holds now, who would be left out and why, and messages as members will see them. */
export function PreviewBlock({ preview }: { preview: CampaignPreview }) {
  const lines: { key: 'recipients' | 'heldOut' | 'noConsent' | 'optedOut' | 'capped'; label: string }[] = [
    { key: 'recipients', label: '分群会员' },
    { key: 'heldOut', label: '对照组（不发送，用于对比效果）' },
    { key: 'noConsent', label: '未订阅该消息或订阅次数已用完' },
    { key: 'optedOut', label: '已退订营销消息' },
    { key: 'capped', label: '已达频次上限' },
  ]
  return (
    <View className='mk-block' data-testid='campaign-preview-result'>
      <Text className='mk-block__title'>发送预览</Text>
      <View className='mk-big'>
        {preview.estimated && <Text className='mk-big__caption mk-big__about'>约</Text>}
        <Text className='mk-big__value' data-testid='campaign-preview-willSend'>
          {groupDigits(preview.willSend)}
        </Text>
        <Text className='mk-big__caption'>位会员将收到消息（仍有订阅次数，未达频次上限，未退订，不在对照组）</Text>
      </View>
      {lines.map((line) => (
        <View key={line.key} className='mk-line'>
          <Text className='mk-line__label'>{line.label}</Text>
          <Text className='mk-line__value' data-testid={`campaign-preview-${line.key}`}>
            {line.key !== 'recipients' && preview.estimated ? '约 ' : ''}
            {groupDigits(preview[line.key])}
          </Text>
        </View>
      ))}
      {preview.estimated && <Text className='admin-note'>分群人数较多，以上各项按前面一部分会员的情况推算；实际发送时逐一判断。</Text>}
      {preview.samples.length > 0 && <Text className='mk-block__sub'>消息示例（按会员生成，与微信中显示一致）</Text>}
      {preview.samples.map((sample, index) => (
        <MessageCard key={index} message={sample.message} caption={preview.willSend > 0 ? `发给 ${sample.name}` : '示例（目前没有会员会收到）'} testId='campaign-sample' />
      ))}
    </View>
  )
}

const perMember = (group: GroupConversion, of: 'purchases' | 'spendFen') => (group.members > 0 ? group[of] / group.members : null)
const times = (value: number | null) => (value === null ? '—' : `${Number(value.toFixed(2))} 次`)
const money = (fen: number | null) => (fen === null ? '—' : formatFen(Math.round(fen)))
const signed = (text: string, value: number) => (value > 0 ? `+${text}` : text)

/** Delivery counts, landing opens, and purchases within 7 days by recipients against the held-out members. */
export function ResultsBlock({ results }: { results: CampaignResults }) {
  const figures: { key: keyof CampaignResults; label: string }[] = [
    { key: 'targeted', label: '目标会员' },
    { key: 'sent', label: DELIVERY_STATUS_LABELS.sent },
    { key: 'noConsent', label: DELIVERY_STATUS_LABELS.noConsent },
    { key: 'optedOut', label: DELIVERY_STATUS_LABELS.optedOut },
    { key: 'capped', label: DELIVERY_STATUS_LABELS.capped },
    { key: 'heldOut', label: DELIVERY_STATUS_LABELS.heldOut },
    { key: 'failed', label: DELIVERY_STATUS_LABELS.failed },
    { key: 'pending', label: '待发送/重试' },
    { key: 'opened', label: '打开落地页' },
  ]
  const { recipients, holdout, lift } = results.conversion
  const rows: { label: string; recipients: string; holdout: string; lift: string; testId: string }[] = [
    { label: '会员数', recipients: groupDigits(recipients.members), holdout: groupDigits(holdout.members), lift: '', testId: 'members' },
    { label: '购买次数', recipients: groupDigits(recipients.purchases), holdout: groupDigits(holdout.purchases), lift: '', testId: 'purchases' },
    { label: '消费金额', recipients: formatFen(recipients.spendFen), holdout: formatFen(holdout.spendFen), lift: '', testId: 'spend' },
    {
      label: '人均购买',
      recipients: times(perMember(recipients, 'purchases')),
      holdout: times(perMember(holdout, 'purchases')),
      lift: lift ? signed(times(lift.purchasesPerMember), lift.purchasesPerMember) : '—',
      testId: 'purchases-per-member',
    },
    {
      label: '人均消费',
      recipients: money(perMember(recipients, 'spendFen')),
      holdout: money(perMember(holdout, 'spendFen')),
      lift: lift ? signed(money(lift.spendPerMemberFen), lift.spendPerMemberFen) : '—',
      testId: 'spend-per-member',
    },
  ]
  return (
    <View className='mk-block' data-testid='campaign-results'>
      <Text className='mk-block__title'>发送结果</Text>
      <View className='mk-figures'>
        {figures.map((figure) => (
          <View key={figure.key} className='mk-figure'>
            <Text className='mk-figure__value' data-testid={`campaign-results-${figure.key}`}>
              {groupDigits(results[figure.key] as number)}
            </Text>
            <Text className='mk-figure__label'>{figure.label}</Text>
          </View>
        ))}
      </View>
      {results.sent > 0 && <Text className='admin-note'>落地页打开率 {formatPercent(results.opened / results.sent)}（打开人数 / 已送达）</Text>}
      <Text className='mk-block__sub'>转化对比（收到消息或进入对照组后 {CONVERSION_DAYS} 天内）</Text>
      <View className='mk-table' data-testid='campaign-conversion'>
        <View className='mk-table__row mk-table__row--head'>
          <Text className='mk-table__cell mk-table__cell--label' />
          <Text className='mk-table__cell'>收到消息</Text>
          <Text className='mk-table__cell'>对照组</Text>
          <Text className='mk-table__cell'>提升</Text>
        </View>
        {rows.map((row) => (
          <View key={row.testId} className='mk-table__row'>
            <Text className='mk-table__cell mk-table__cell--label'>{row.label}</Text>
            <Text className='mk-table__cell' data-testid={`campaign-conversion-recipients-${row.testId}`}>
              {row.recipients}
            </Text>
            <Text className='mk-table__cell' data-testid={`campaign-conversion-holdout-${row.testId}`}>
              {row.holdout}
            </Text>
            <Text className={`mk-table__cell ${row.lift.startsWith('+') ? 'mk-table__cell--lift' : ''}`} data-testid={`campaign-lift-${row.testId}`}>
              {row.lift}
            </Text>
          </View>
        ))}
      </View>
      <Text className='admin-note'>{lift ? '提升 = 收到消息的会员人均 − 对照组人均，即本次营销带来的增量。' : '收到消息的会员和对照组都有会员后，显示人均提升。'}</Text>
    </View>
  )
}
