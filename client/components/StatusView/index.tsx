import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import './index.scss'

/** Loading, empty and error states look the same on every page. */
export function LoadingView({ label = '加载中…' }: { label?: string }) {
  return (
    <View className='status-view' data-testid='loading'>
      <View className='status-view__spinner' />
      <Text className='status-view__text'>{label}</Text>
    </View>
  )
}

/**
 * A grey placeholder the shape of what is coming, for a section of a page that loads on its own:
 * the layout holds still, and nothing reads as a real figure (a `—` next to a number reads as one).
 */
export function Skeleton({ className = '' }: { className?: string }) {
  return <View className={`skeleton ${className}`} data-testid='skeleton' />
}

export function ErrorView({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className='status-view' data-testid='error'>
      <Text className='status-view__title'>出错了</Text>
      <Text className='status-view__text'>{message}</Text>
      <Button type='primary' size='small' onClick={onRetry}>
        重试
      </Button>
    </View>
  )
}

export function EmptyView({ title, description }: { title: string; description?: string }) {
  return (
    <View className='status-view' data-testid='empty'>
      <Text className='status-view__title'>{title}</Text>
      {description && <Text className='status-view__text'>{description}</Text>}
    </View>
  )
}
