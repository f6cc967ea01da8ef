import Taro from '@tarojs/taro'
import type { CallEvent } from '@contract/actions'

/** In the mini-program: WeChat cloud's callFunction; identity is attached by WeChat itself. */
export async function transport(fn: string, data: CallEvent): Promise<unknown> {
  const response = await Taro.cloud.callFunction({ name: fn, data: { ...data } })
  return response.result
}
