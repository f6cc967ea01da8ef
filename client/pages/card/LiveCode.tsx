import { useEffect, useState } from 'react'
import { useDidHide } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { QrCode } from '../../components/QrCode'
import { useMemberCode } from '../../hooks/useMemberCode'
import { brightenScreen } from '../../services/brightness'
import { formatCardNo } from '@contract/format'

/** The live member code the cashier scans: refreshed before it expires, tap to enlarge. */
export function LiveCode({ cardNo }: { cardNo: string }) {
  const live = useMemberCode(true)
  const [enlarged, setEnlarged] = useState(false)
  const showing = enlarged && live.status === 'ready'
  useFullBrightness(showing)
  // Leaving the page (another tab, the background) closes the enlarged code and so gives the brightness back.
  useDidHide(() => setEnlarged(false))
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
      {showing && (
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

/** The screen at full brightness while `on`; the level before it comes back when it turns off or the code goes away. */
function useFullBrightness(on: boolean): void {
  useEffect(() => {
    if (!on) return undefined
    let done = false
    let restore: (() => void) | null = null
    void brightenScreen().then((undo) => {
      if (done) undo()
      else restore = undo
    })
    return () => {
      done = true
      restore?.()
    }
  }, [on])
}
