import { View, Text } from '@tarojs/components'
import { TICKET_CATEGORIES, TICKET_CATEGORY_LABELS, WEEKDAY_LABELS, type SlaSettings } from '@contract/ticketFields'
import { formatMinutes } from './words'
import './ticket.scss'

/** `周一至周五`, `周一、周三、周六`: the shop's days as a person says them. */
function daysWords(weekdays: readonly number[]): string {
  const days = [...weekdays].sort((a, b) => a - b)
  if (days.length === 7) return '每天'
  const consecutive = days.length > 2 && days.every((day, index) => index === 0 || day === days[index - 1] + 1)
  return consecutive ? `${WEEKDAY_LABELS[days[0]]}至${WEEKDAY_LABELS[days[days.length - 1]]}` : days.map((day) => WEEKDAY_LABELS[day]).join('、')
}

/** The times the desk is held to, for those who read them (客服, 管理员): one table and how the clock runs. */
export function SlaSummary({ settings }: { settings: SlaSettings }) {
  const hours = settings.businessHours
  return (
    <View data-testid='sla-summary'>
      <View className='ticket-card'>
        <Text className='ticket-card__title'>各类问题的时限</Text>
        <View className='ticket-table'>
          <View className='ticket-table__row ticket-table__row--head'>
            <Text className='ticket-table__name'>类型</Text>
            <Text className='ticket-table__cell'>首次响应</Text>
            <Text className='ticket-table__cell'>解决</Text>
          </View>
          {TICKET_CATEGORIES.map((category) => (
            <View key={category} className='ticket-table__row' data-testid={`sla-row-${category}`}>
              <Text className='ticket-table__name'>{TICKET_CATEGORY_LABELS[category]}</Text>
              <Text className='ticket-table__cell'>{formatMinutes(settings.categories[category].firstResponseMinutes)}内</Text>
              <Text className='ticket-table__cell'>{formatMinutes(settings.categories[category].resolutionMinutes)}内</Text>
            </View>
          ))}
        </View>
      </View>
      <View className='ticket-card'>
        <Text className='ticket-card__title'>计时方式</Text>
        <Text className='ticket-text' data-testid='sla-clock-mode'>
          {hours ? `仅营业时间计时：${daysWords(hours.weekdays)} ${hours.opens}–${hours.closes}` : '全天计时：按自然时间计算'}
        </Text>
        {hours && <Text className='ticket-muted'>营业时间外不计时，例如打烊后提交的工单，从下一个营业时段开始计时。</Text>}
      </View>
      <Text className='admin-hint'>服务时限由店主设置，如需调整请联系店主</Text>
    </View>
  )
}
