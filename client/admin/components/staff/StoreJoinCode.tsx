import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Store } from '@contract/staff'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { useStoreJoinCode } from '../../hooks/useStores'
import { QrPoster } from './QrPoster'

/** A store's join code, large: members who join by it are recorded as this store's. */
export function StoreJoinCode({ store, onBack }: { store: Store; onBack: () => void }) {
  const code = useStoreJoinCode(store.id)
  return (
    <View className='ws-screen' data-testid='store-join-code'>
      {code.status === 'loading' && <LoadingView label='正在生成二维码…' />}
      {code.status === 'error' && <ErrorView message={code.error.message} onRetry={code.reload} />}
      {code.status === 'ready' && (
        <QrPoster title={store.name} subtitle='微信扫码，加入会员' imageDataUrl={code.data.imageDataUrl} fileName={`join-code-${store.id}`} testId='join-qr'>
          {store.address && <View className='ws-poster__line'>{store.address}</View>}
          <View className='ws-poster__line'>张贴在收银台或门口，顾客扫码即可入会，入会门店记为本店</View>
        </QrPoster>
      )}
      <View className='admin-actions'>
        <Button fill='outline' block onClick={onBack} data-testid='join-qr-back'>
          返回门店列表
        </Button>
      </View>
    </View>
  )
}
