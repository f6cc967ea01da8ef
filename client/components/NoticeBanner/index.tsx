import { View, Text } from '@tarojs/components'
import './index.scss'

/** A rules change the member has not seen yet: what changed and what it means for them, until 知道了. */
export function NoticeBanner({ explanation, meaning, onDismiss }: { explanation: string; meaning: string; onDismiss: () => void }) {
  return (
    <View className='notice-banner' data-testid='notice-banner'>
      <Text className='notice-banner__text'>
        会员规则已更新：{explanation}
        {meaning ? ` · ${meaning}` : ''}
      </Text>
      <View className='notice-banner__action' onClick={onDismiss} data-testid='notice-dismiss'>
        知道了
      </View>
    </View>
  )
}
