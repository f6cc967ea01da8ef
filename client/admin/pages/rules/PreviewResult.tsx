import { View, Text } from '@tarojs/components'
import type { TierId } from '@contract/enums'
import type { RulesPreview } from '@contract/tiers'
import { formatDate, groupDigits } from '@contract/format'

/** When a later downgrade happens: one date, or the window the affected members' holds end in. */
function holdWindow(earliest: string, latest: string): string {
  const from = formatDate(earliest)
  const to = formatDate(latest)
  return from === to ? `将在 ${from} 到期后调整` : `将在 ${from} 至 ${to} 期间到期后调整`
}

/** What publishing the draft would do, tier by tier, in the draft's tier names. */
export function PreviewResult({ preview, names }: { preview: RulesPreview; names: Record<TierId, string> }) {
  const move = (from: TierId, to: TierId, count: number) => `${names[from]} → ${names[to]} ${groupDigits(count)} 人`
  const lines = [
    ...preview.upgrades.map((up) => ({ key: `up:${up.from}:${up.to}`, kind: 'up', text: `${move(up.from, up.to, up.count)}，发布后立即升级` })),
    ...preview.downgradesDue.map((down) => ({ key: `due:${down.from}:${down.to}`, kind: 'down', text: `${move(down.from, down.to, down.count)}，已到期，将在次日评估时调整` })),
    ...preview.downgradesLater.map((down) => ({ key: `later:${down.from}:${down.to}`, kind: 'down', text: `${move(down.from, down.to, down.count)}，${holdWindow(down.earliest, down.latest)}` })),
  ]
  return (
    <View className='rules-preview' data-testid='rules-preview'>
      <Text className='rules-preview__title'>预览：按草稿评估 {groupDigits(preview.membersEvaluated)} 位会员</Text>
      {lines.length === 0 && <Text className='rules-preview__line'>没有会员的等级会因此变化</Text>}
      {lines.map((line) => (
        <Text key={line.key} className={`rules-preview__line rules-preview__line--${line.kind}`} data-testid='rules-preview-move'>
          {line.kind === 'up' ? '↑ ' : '↓ '}
          {line.text}
        </Text>
      ))}
      <Text className='rules-preview__line' data-testid='rules-preview-unchanged'>
        等级不变 {groupDigits(preview.unchanged)} 人
      </Text>
    </View>
  )
}
