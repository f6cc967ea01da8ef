import Taro from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import type { StaffTicket } from '@contract/ticket'
import './ticket.scss'

/** What the member wrote, their pictures (tap to enlarge), and the order or activity it is about. */
export function Complaint({ ticket }: { ticket: StaffTicket }) {
  const urls = ticket.images.map((image) => image.url).filter((url): url is string => url !== null)
  return (
    <View className='ticket-card' data-testid='ticket-complaint'>
      <Text className='ticket-card__title'>会员反馈</Text>
      <Text className='ticket-text'>{ticket.text}</Text>
      {ticket.images.length > 0 && (
        <View className='ticket-images'>
          {ticket.images.map((image) =>
            image.url ? (
              <Image
                key={image.fileId}
                className='ticket-images__image'
                src={image.url}
                mode='aspectFill'
                onClick={() => void Taro.previewImage({ urls, current: image.url! }).catch(() => undefined)}
                data-testid='ticket-image'
              />
            ) : (
              <View key={image.fileId} className='ticket-images__missing'>
                图片已失效
              </View>
            ),
          )}
        </View>
      )}
      {ticket.ref && (
        <Text className='ticket-ref' data-testid='ticket-ref'>
          {ticket.ref.kind === 'order' ? '关联订单' : '关联活动'}：{ticket.ref.label}
        </Text>
      )}
    </View>
  )
}
