import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { TICKET_CATEGORIES, TICKET_CATEGORY_LABELS, TICKET_IMAGES_MAX, TICKET_TEXT } from '@contract/ticketFields'
import { PrivacyDialog } from '../../../components/PrivacyDialog'
import { PickedPictures } from '../../components/Pictures'
import { TextBox } from '../../components/TextBox'
import { useTicketFiling, type TicketAbout } from '../../hooks/useTicketFiling'
import { ticketPath } from '../../paths'
import '../../components/tickets.scss'

/** 提交反馈, optionally about an order (`?ref=order:…&label=…`) or an activity (`?activity=…&label=…`). */
export default function NewTicketPage() {
  const form = useTicketFiling(aboutOf(useRouter().params))

  function tapSubmit() {
    void form.submit().then((ticket) => {
      // The ticket's page says 提交成功 once it shows the ticket.
      if (ticket) void Taro.redirectTo({ url: `${ticketPath(ticket.id)}&filed=1` })
    })
  }

  return (
    <View className='tickets-page tickets-page--with-bar' data-testid='ticket-new-form'>
      {form.about && (
        <View className='ticket-card'>
          <Text className='ticket-card__title'>反馈关联</Text>
          <View className={`ticket-about ${form.errors.about ? 'ticket-about--invalid' : ''}`} data-testid='ticket-about'>
            <Text className='ticket-about__kind'>{form.about.kind === 'order' ? '订单' : '活动'}</Text>
            <Text className='ticket-about__label'>{form.about.label || form.about.id}</Text>
            <Text className='ticket-about__remove' onClick={form.removeAbout} data-testid='ticket-about-remove'>
              ×
            </Text>
          </View>
          {form.errors.about && <Text className='ticket-card__error'>{form.errors.about}</Text>}
        </View>
      )}
      <View className='ticket-card'>
        <Text className='ticket-card__title'>问题类型</Text>
        <View className='ticket-chips'>
          {TICKET_CATEGORIES.map((category) => (
            <Text
              key={category}
              className={`ticket-chip ${form.category === category ? 'ticket-chip--on' : ''}`}
              onClick={() => form.setCategory(category)}
              data-testid={`ticket-category-${category}`}
            >
              {TICKET_CATEGORY_LABELS[category]}
            </Text>
          ))}
        </View>
        {form.errors.category && <Text className='ticket-card__error'>{form.errors.category}</Text>}
      </View>
      <View className='ticket-card'>
        <Text className='ticket-card__title'>问题描述</Text>
        <TextBox value={form.text} onInput={form.setText} rule={TICKET_TEXT} placeholder='请描述您遇到的问题（至少 5 个字），例如时间、门店、经过' error={form.errors.text} testId='ticket-text' tall />
      </View>
      <View className='ticket-card'>
        <Text className='ticket-card__title'>
          图片<Text className='ticket-card__aside'>{`（选填，最多 ${TICKET_IMAGES_MAX} 张，每张不超过 2 MB）`}</Text>
        </Text>
        <PickedPictures paths={form.pictures.map((picture) => picture.path)} max={TICKET_IMAGES_MAX} errorAt={form.errors.picture} onAdd={() => void form.addPicture()} onRemove={form.removePicture} />
        {form.pictures.map((_, index) => form.errors.picture(index) && <Text key={index} className='ticket-card__error'>{`第 ${index + 1} 张：${form.errors.picture(index)}`}</Text>)}
        {form.errors.images && <Text className='ticket-card__error'>{form.errors.images}</Text>}
      </View>
      <Text className='tickets-page__note'>提交后客服会尽快与您联系，处理进度将通过服务通知告诉您</Text>
      <View className='tickets-bar'>
        <Button type='primary' block disabled={form.busy} loading={form.busy} onClick={tapSubmit} data-testid='ticket-submit'>
          {form.busy ? '提交中…' : '提交'}
        </Button>
      </View>
      {/* Choosing pictures from the album asks for the privacy agreement first. */}
      <PrivacyDialog />
    </View>
  )
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The order (a ledger entry's id) or activity the page was opened about, if any. */
function aboutOf(params: Partial<Record<string, string>>): TicketAbout | null {
  const label = params.label ? decoded(params.label) : ''
  const order = params.ref ? decoded(params.ref) : ''
  if (order.startsWith('order:')) return { kind: 'order', id: order.replace(/#cash$/, ''), label }
  if (params.activity) return { kind: 'activity', id: decoded(params.activity), label }
  return null
}
