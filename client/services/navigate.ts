import Taro from '@tarojs/taro'
import { offerRetry } from './pageRetry'

/** Opens a page; WeChat fails the navigation when a subpackage cannot be downloaded, and then we offer 重试. */
export async function openPage(url: string): Promise<void> {
  try {
    await Taro.navigateTo({ url })
  } catch {
    await offerRetry(() => openPage(url))
  }
}
