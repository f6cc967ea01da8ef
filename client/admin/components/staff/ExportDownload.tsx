import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { EXPORT_LINK_TTL_MS } from '@contract/workspaceFields'

const HOUR_MS = 60 * 60 * 1000

/**
 * A finished export in the mini-program. openDocument opens xlsx and pdf but not CSV, so the
 * temporary link is copied for a browser (on the computer, or the phone's), where Excel opens it.
 */
export function ExportDownload({ url, fileName }: { url: string; fileName: string }) {
  async function copy() {
    try {
      await Taro.setClipboardData({ data: url })
      await Taro.showModal({
        title: '下载链接已复制',
        content: `请在浏览器中打开链接下载「${fileName}」，链接 ${EXPORT_LINK_TTL_MS / HOUR_MS} 小时内有效`,
        showCancel: false,
        confirmText: '知道了',
        confirmColor: '#c8963e',
      })
    } catch {
      void Taro.showToast({ title: '复制失败，请重试', icon: 'none' })
    }
  }
  return (
    <View className='ws-download'>
      <Button type='primary' size='small' onClick={copy} data-testid='export-download'>
        复制下载链接
      </Button>
      <Text className='ws-download__hint'>CSV 文件请在浏览器中打开下载</Text>
    </View>
  )
}
