import { View } from '@tarojs/components'

export default function Placeholder() {
  return <View>建设中</View>
}
