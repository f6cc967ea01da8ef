import { View, Text } from '@tarojs/components'
import type { RenderedMessage } from '@contract/marketing'

/**
 * A subscription message as WeChat's 服务通知 shows it: the mini-program, the template's title, each
 * field under its label, and 进入小程序查看 at the foot. A field still empty shows its label only.
 */
export function MessageCard({ message, caption, testId = 'message-card' }: { message: RenderedMessage; caption?: string; testId?: string }) {
  return (
    <View className='mk-wx' data-testid={testId}>
      {caption && <Text className='mk-wx__caption'>{caption}</Text>}
      <View className='mk-wx__card'>
        <View className='mk-wx__app'>
          <View className='mk-wx__logo'>会</View>
          <Text className='mk-wx__app-name'>会员通</Text>
        </View>
        <Text className='mk-wx__title' data-testid={`${testId}-title`}>
          {message.templateTitle}
        </Text>
        <View className='mk-wx__fields'>
          {message.fields.map((field) => (
            <View key={field.key} className='mk-wx__field' data-testid={`${testId}-field`}>
              <Text className='mk-wx__label'>{field.label}</Text>
              <Text className={`mk-wx__value ${field.value ? '' : 'mk-wx__value--empty'}`}>{field.value || '（未填写）'}</Text>
            </View>
          ))}
        </View>
        <View className='mk-wx__foot'>
          <Text>进入小程序查看</Text>
          <Text className='mk-wx__arrow'>›</Text>
        </View>
      </View>
    </View>
  )
}
