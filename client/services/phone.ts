import Taro from '@tarojs/taro'

/**
 * The phone number and the privacy agreement in the mini-program. `<Button openType='getPhoneNumber'>`
 * gives a one-time code (its event), which only the server can exchange for the number.
 */

/** In WeChat the phone button's own event brings the code, so a plain tap asks for nothing. */
export async function phoneCodeOnTap(): Promise<string | null> {
  return null
}

/**
 * Avatar, nickname and phone are privacy APIs: WeChat shows its privacy agreement popup here if
 * the member has not agreed yet. Resolves false when they decline.
 */
export function ensurePrivacyAuthorized(): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof Taro.requirePrivacyAuthorize !== 'function') return resolve(true)
    Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) })
  })
}
