import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { QrCode } from '../../components/QrCode'
import { useMemberCode } from '../../hooks/useMemberCode'
import { formatCardNo } from '@contract/format'

/** The live member code the cashier scans: refreshed before it expires, tap to enlarge. */
export function LiveCode({ cardNo }: { cardNo: string }) {
  const live = useMemberCode(true)
  const [enlarged, setEnlarged] = useState(false)
  return (
    <View className='live-code' data-testid='live-code'>
      {live.status === 'ready' && <QrCode value={live.code.code} size={360} onClick={() => setEnlarged(true)} />}
      {live.status === 'loading' && (
        <View className='live-code__placeholder'>
          <Text>会员码生成中…</Text>
        </View>
      )}
      {live.status === 'error' && (
        <View className='live-code__placeholder live-code__placeholder--error' onClick={() => void live.refresh()}>
          <Text>{live.error.message}</Text>
          <Text className='live-code__retry'>点击重试</Text>
        </View>
      )}
      <Text className='live-code__card-no' data-testid='live-code-card-no'>
        {formatCardNo(cardNo)}
      </Text>
      <Text className='live-code__hint'>结账时出示，会员码每分钟自动刷新 · 点击放大</Text>
      {enlarged && live.status === 'ready' && (
        <View className='live-code__overlay' onClick={() => setEnlarged(false)} data-testid='live-code-enlarged'>
          <View className='live-code__sheet'>
            <QrCode value={live.code.code} size={560} />
            <Text className='live-code__card-no'>{formatCardNo(cardNo)}</Text>
            <Text className='live-code__hint'>点击任意处关闭</Text>
          </View>
        </View>
      )}
    </View>
  )
}
