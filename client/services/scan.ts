import Taro from '@tarojs/taro'

/**
 * Scan a member's live code with the camera (or an album image). Resolves with the code, or `null`
 * when the cashier cancels. The local H5 build has a stand-in (scan.h5.tsx).
 */
export async function scanMemberCode(): Promise<string | null> {
  try {
    const { result } = await Taro.scanCode({ onlyFromCamera: false })
    return result || null
  } catch (error) {
    const message = (error as { errMsg?: string })?.errMsg ?? ''
    if (!message.includes('cancel')) void Taro.showToast({ title: '扫码失败，请重试', icon: 'none' })
    return null
  }
}
