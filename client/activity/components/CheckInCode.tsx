import { View, Text } from '@tarojs/components'
import { QrCode } from '../../components/QrCode'
import { useMemberCode } from '../../hooks/useMemberCode'

/** The live member code, the same one the till scans: staff check the member in with it. */
export function CheckInCode() {
  const live = useMemberCode(true)
  return (
    <View className='check-in-code' data-testid='check-in-code'>
      {live.status === 'ready' && <QrCode value={live.code.code} size={320} />}
      {live.status === 'loading' && <Text className='check-in-code__placeholder'>签到码生成中…</Text>}
      {live.status === 'error' && (
        <View className='check-in-code__placeholder' onClick={() => void live.refresh()}>
          <Text>{live.error.message}</Text>
          <Text className='check-in-code__retry'>点击重试</Text>
        </View>
      )}
      <Text className='check-in-code__hint'>到场后请出示此码签到</Text>
    </View>
  )
}
