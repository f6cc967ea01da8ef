import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { MyDataFile } from '@contract/archive'

/**
 * The member's data file in the mini-program: downloaded to the phone and handed to WeChat's file
 * share (to a chat, or 文件传输助手 to reach a computer), or its temporary link copied for a browser.
 */
export function DataFileActions({ file }: { file: MyDataFile }) {
  async function share() {
    try {
      const { tempFilePath, statusCode } = await Taro.downloadFile({ url: file.url })
      if (statusCode !== 200) throw new Error(`download ${statusCode}`)
      await Taro.shareFileMessage({ filePath: tempFilePath, fileName: file.fileName })
    } catch (error) {
      if (/cancel/.test((error as { errMsg?: string }).errMsg ?? '')) return
      void Taro.showToast({ title: '文件下载失败，可复制链接在浏览器中下载', icon: 'none', duration: 3000 })
    }
  }

  async function copy() {
    try {
      await Taro.setClipboardData({ data: file.url })
      void Taro.showToast({ title: '下载链接已复制', icon: 'success' })
    } catch {
      void Taro.showToast({ title: '复制失败，请重试', icon: 'none' })
    }
  }

  return (
    <View className='account-file__actions'>
      <Button type='primary' size='small' onClick={share} data-testid='my-data-share'>
        保存并发送文件
      </Button>
      <Button fill='outline' size='small' onClick={copy} data-testid='my-data-copy'>
        复制下载链接
      </Button>
    </View>
  )
}
