import { View, Text, Picker } from '@tarojs/components'
import './staff.scss'

interface DateRangeProps {
  from: string | null
  to: string | null
  /** The last day a picker offers: today on the shop's calendar. */
  today: string
  onChange: (range: { from: string | null; to: string | null }) => void
  /** Whether the range may be left open (the audit filter) or both ends are needed (an export). */
  clearable?: boolean
  testId: string
}

/** Two calendar dates (`YYYY-MM-DD`, Beijing days, as the contract's calendarDate takes them). */
export function DateRange({ from, to, today, onChange, clearable = false, testId }: DateRangeProps) {
  return (
    <View className='ws-range' data-testid={testId}>
      <Picker mode='date' value={from ?? to ?? today} end={to ?? today} onChange={(event) => onChange({ from: String(event.detail.value), to })}>
        <View className={`ws-pick ${from ? '' : 'ws-pick--empty'}`} data-testid={`${testId}-from`}>
          {from ?? '开始日期'}
        </View>
      </Picker>
      <Text className='ws-range__to'>至</Text>
      <Picker mode='date' value={to ?? today} start={from ?? undefined} end={today} onChange={(event) => onChange({ from, to: String(event.detail.value) })}>
        <View className={`ws-pick ${to ? '' : 'ws-pick--empty'}`} data-testid={`${testId}-to`}>
          {to ?? '结束日期'}
        </View>
      </Picker>
      {clearable && (from || to) && (
        <Text className='ws-clear' onClick={() => onChange({ from: null, to: null })} data-testid={`${testId}-clear`}>
          清除
        </Text>
      )}
    </View>
  )
}
