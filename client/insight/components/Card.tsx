import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Skeleton } from '../../components/StatusView'
import { dayLabel } from '../format'

/** One block of figures: a title, what it counts, and the chart or table. */
export function Card({ title, hint, children, testId }: { title: string; hint?: string | null; children: ReactNode; testId?: string }) {
  return (
    <View className='insight-card' data-testid={testId}>
      <Text className='insight-card__title'>{title}</Text>
      {hint && <Text className='insight-card__hint'>{hint}</Text>}
      {children}
    </View>
  )
}

/** Cards the shape of the ones coming, while the first figures load. */
export function CardSkeletons({ count = 2 }: { count?: number }) {
  return (
    <View data-testid='insight-loading'>
      {Array.from({ length: count }, (_, index) => (
        <View key={index} className='insight-card'>
          <Skeleton className='insight-skeleton__title' />
          <Skeleton className='insight-skeleton__chart' />
        </View>
      ))}
    </View>
  )
}

/** Where the figures come from: the days they cover and the last day the nightly count finished. */
export function RangeNote({ from, to, latestDay, extra }: { from: string; to: string; latestDay: string | null; extra?: string | null }) {
  const updated = latestDay ? `数据更新至 ${dayLabel(latestDay)}` : '统计尚未生成：每天凌晨自动汇总前一天的数据'
  return (
    <Text className='insight-note' data-testid='range-note'>
      {dayLabel(from)} – {dayLabel(to)} · {updated}
      {extra ? ` · ${extra}` : ''}
    </Text>
  )
}
