import Taro from '@tarojs/taro'

/**
 * Full brightness while the enlarged member code is shown (a dim phone scans badly at the till),
 * and the member's own level back afterwards. Answers the restore, which is safe to call twice.
 */
export async function brightenScreen(): Promise<() => void> {
  let previous: number
  try {
    previous = (await Taro.getScreenBrightness()).value
    await Taro.setScreenBrightness({ value: 1 })
  } catch {
    return () => undefined
  }
  let restored = false
  return () => {
    if (restored) return
    restored = true
    void Taro.setScreenBrightness({ value: previous }).catch(() => undefined)
  }
}
