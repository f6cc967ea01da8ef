import { View, Text } from '@tarojs/components'
import type { RulesVersionView } from '@contract/tiers'
import { formatDateTime } from '@contract/format'
import { Panel } from '../../../components/FormField'

/** Every published version, newest first; old versions stay readable on the server. */
export function History({ versions, active }: { versions: readonly RulesVersionView[]; active: number }) {
  const newestFirst = [...versions].sort((a, b) => b.version - a.version)
  return (
    <Panel title='历史版本'>
      {newestFirst.map((version) => (
        <View key={version.version} className='rules-history__row' data-testid='rules-history-row'>
          <View className='rules-history__head'>
            <Text className='rules-history__version'>
              第 {version.version} 版{version.version === active ? '（当前）' : ''}
            </Text>
            <Text className='rules-history__date'>{version.publishedAt ? formatDateTime(version.publishedAt) : '初始规则'}</Text>
          </View>
          <Text className='rules-history__text'>{version.explanation || '系统默认规则'}</Text>
        </View>
      ))}
    </Panel>
  )
}
