import { View, Text } from '@tarojs/components'
import { INSIGHT_PERIODS, type InsightPeriod } from '@contract/statsFields'
import type { InsightRangeChoice } from '../hooks/useInsightRange'

/** The period (近 7 / 30 / 90 天) and, where the shop has more than one, the store the figures are for. */
export function RangeBar({
  range,
  stores,
  onDays,
  onStore,
}: {
  range: InsightRangeChoice
  stores: Array<{ id: string; name: string }>
  onDays: (days: InsightPeriod) => void
  onStore: (store: string | null) => void
}) {
  const storeChoices = [{ id: null, name: '全部门店' }, ...stores]
  return (
    <View className='insight-range'>
      <View className='insight-chips' data-testid='period'>
        {INSIGHT_PERIODS.map((days) => (
          <Text key={days} className={`insight-chip ${range.days === days ? 'insight-chip--on' : ''}`} onClick={() => range.days !== days && onDays(days)} data-testid={`period-${days}`}>
            近 {days} 天
          </Text>
        ))}
      </View>
      {stores.length > 1 && (
        <View className='insight-chips insight-chips--stores' data-testid='stores'>
          {storeChoices.map((store) => (
            <Text
              key={store.id ?? 'all'}
              className={`insight-chip insight-chip--small ${range.store === store.id ? 'insight-chip--on' : ''}`}
              onClick={() => range.store !== store.id && onStore(store.id)}
              data-testid={`store-${store.id ?? 'all'}`}
            >
              {store.name}
            </Text>
          ))}
        </View>
      )}
    </View>
  )
}
