import { View, Text } from '@tarojs/components'
import type { LedgerKind } from '@contract/enums'
import { formatDate, formatDateTime, formatSignedPoints } from '@contract/format'
import type { LedgerEntry } from '@contract/points'
import './index.scss'

const KIND_LABELS: Record<LedgerKind, string> = { earn: '获得', redeem: '使用', expire: '过期', adjust: '调整', reverse: '退款冲回' }

/** The order an entry belongs to (its earn row `order:…`, or that order's points-for-cash row `order:…#cash`), if any. */
export function orderIdOf(entry: LedgerEntry): string | null {
  return entry.id.startsWith('order:') ? entry.id.replace(/#cash$/, '') : null
}

/**
 * The points ledger as members and staff read it: why, when, how much, and when earned points lapse.
 * With `onQuery` (the member's own history), an order's entries offer 有问题？ to file a complaint about it.
 */
export function LedgerList({ entries, onQuery }: { entries: readonly LedgerEntry[]; onQuery?: (entry: LedgerEntry, orderId: string) => void }) {
  return (
    <View className='ledger-list' data-testid='ledger-list'>
      {entries.map((entry) => (
        <View key={entry.id} className='ledger-list__row' data-testid='ledger-entry'>
          <View className='ledger-list__main'>
            <View className='ledger-list__title'>
              <Text className={`ledger-list__kind ledger-list__kind--${entry.kind}`}>{KIND_LABELS[entry.kind]}</Text>
              <Text className='ledger-list__reason'>{entry.reason}</Text>
            </View>
            <Text className='ledger-list__meta'>
              {formatDateTime(entry.createdAt)}
              {entry.kind === 'earn' && entry.expiresAt ? ` · ${formatDate(entry.expiresAt)}到期` : ''}
            </Text>
          </View>
          <View className='ledger-list__side'>
            <Text className={`ledger-list__delta ${entry.delta > 0 ? 'ledger-list__delta--plus' : ''}`} data-testid='ledger-delta'>
              {formatSignedPoints(entry.delta)}
            </Text>
            {onQuery && orderIdOf(entry) && (
              <Text className='ledger-list__query' onClick={() => onQuery(entry, orderIdOf(entry) as string)} data-testid='ledger-query'>
                有问题？
              </Text>
            )}
          </View>
        </View>
      ))}
    </View>
  )
}

/** Under a paged list: loading the next page, or the end of it. */
export function ListFooter({ loadingMore, hasMore }: { loadingMore: boolean; hasMore: boolean }) {
  return <Text className='list-footer'>{loadingMore ? '加载中…' : hasMore ? '上拉加载更多' : '没有更多了'}</Text>
}
