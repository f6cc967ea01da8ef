import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import './archive.scss'

/** Under a paged list: 加载更多 (scrolling to the bottom does the same), or the end of it. */
export function PagedMore({ hasMore, loadingMore, onMore, testId }: { hasMore: boolean; loadingMore: boolean; onMore: () => void; testId: string }) {
  return (
    <View className='archive-more'>
      {hasMore ? (
        <Button size='small' fill='outline' loading={loadingMore} disabled={loadingMore} onClick={onMore} data-testid={testId}>
          加载更多
        </Button>
      ) : (
        <Text className='archive-muted'>没有更多了</Text>
      )}
    </View>
  )
}
