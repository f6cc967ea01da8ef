import Taro from '@tarojs/taro'
import { showPrivacyPrompt, type PrivacyAnswer } from './privacyPrompt'

/**
 * Local H5 build only: a browser has no privacy API, so this stands in for WeChat's, to show and
 * test the flow. The dialog opens once per browser session on the join page, and again when a tap
 * wants the avatar or phone before the tester agreed (as WeChat asks on each use until then).
 */
export const AGREE_BUTTON_ID = 'privacy-agree'

const SESSION_KEY = 'huiyuan.privacyAnswer'

export function listenForPrivacyPrompts(): void {}

function remembered(): PrivacyAnswer | null {
  const answer = window.sessionStorage.getItem(SESSION_KEY)
  return answer === 'agree' || answer === 'disagree' ? answer : null
}

function ask(): Promise<boolean> {
  return new Promise((resolve) => {
    const shown = showPrivacyPrompt((answer) => {
      window.sessionStorage.setItem(SESSION_KEY, answer)
      resolve(answer === 'agree')
    })
    if (!shown) resolve(false)
  })
}

/** Once per session as a page opens, whatever was answered. */
export function askPrivacyOnOpen(): Promise<boolean> {
  const answer = remembered()
  return answer ? Promise.resolve(answer === 'agree') : ask()
}

/** Before a privacy feature is used (a tap): asks again until agreed. */
export function ensurePrivacyAuthorized(): Promise<boolean> {
  return remembered() === 'agree' ? Promise.resolve(true) : ask()
}

export async function privacyPending(): Promise<boolean> {
  return remembered() !== 'agree'
}

/** WeChat shows the guide written in the admin console; locally a summary stands in. */
export function openPrivacyGuide(): void {
  void Taro.showModal({
    title: '隐私保护指引（本地演示）',
    content: '小程序中此处打开在微信后台填写的《隐私保护指引》全文：收集头像、昵称、手机号用于会员身份识别与服务，相册用于保存二维码和上传图片。',
    showCancel: false,
    confirmText: '知道了',
  })
}
