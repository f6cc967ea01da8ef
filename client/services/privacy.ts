import Taro from '@tarojs/taro'
import { showPrivacyPrompt } from './privacyPrompt'

/**
 * The privacy agreement in WeChat (`__usePrivacyCheck__`): a privacy API (chooseAvatar, the
 * nickname input, getPhoneNumber, the album) waits while our own dialog asks, and goes on or fails
 * with the answer. The agree button carries `open-type="agreePrivacyAuthorization"`, and its id
 * goes back to WeChat, which checks that button was the one tapped.
 */
export const AGREE_BUTTON_ID = 'privacy-agree'

const NO_DIALOG_HINT = '请先在「我的 › 隐私与数据」中同意隐私保护指引'
let listening = false

/** Once, at launch: every privacy API's request comes to the dialog of the page on screen. */
export function listenForPrivacyPrompts(): void {
  if (listening || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  listening = true
  Taro.onNeedPrivacyAuthorization((resolve) => {
    const shown = showPrivacyPrompt((answer) => resolve(answer === 'agree' ? { buttonId: AGREE_BUTTON_ID, event: 'agree' } : { event: 'disagree' }))
    if (shown) return resolve({ event: 'exposureAuthorization' })
    // A page without the dialog cannot ask; the request fails rather than waiting for ever.
    resolve({ event: 'disagree' })
    void Taro.showToast({ title: NO_DIALOG_HINT, icon: 'none', duration: 3000 })
  })
}

/** Asks now unless the member agreed before (WeChat keeps the answer); resolves false when they decline. */
export function ensurePrivacyAuthorized(): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof Taro.requirePrivacyAuthorize !== 'function') return resolve(true)
    Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) })
  })
}

/** Whether the member still has to agree (false too when this WeChat has no privacy check). */
export function privacyPending(): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof Taro.getPrivacySetting !== 'function') return resolve(false)
    Taro.getPrivacySetting({ success: (setting) => resolve(setting.needAuthorization), fail: () => resolve(false) })
  })
}

/** The shop's privacy guide as set in the mini-program's admin console, in WeChat's own page. */
export function openPrivacyGuide(): void {
  Taro.openPrivacyContract({ fail: () => void Taro.showToast({ title: '隐私保护指引暂时无法打开，请稍后重试', icon: 'none' }) })
}

/** A page that will use privacy APIs asks as it opens; WeChat asks again on each use until agreed. */
export function askPrivacyOnOpen(): Promise<boolean> {
  return ensurePrivacyAuthorized()
}
