import Taro from '@tarojs/taro'

/**
 * A page that could not be opened (its subpackage did not download: offline, a weak signal) is
 * said so, with 重试, instead of a tap that silently does nothing.
 */
export async function offerRetry(retry: () => Promise<void>): Promise<void> {
  const { confirm } = await Taro.showModal({ title: '页面加载失败', content: '网络不给力，请检查网络后重试', confirmText: '重试', cancelText: '取消', confirmColor: '#c8963e' })
  if (confirm) await retry()
}
