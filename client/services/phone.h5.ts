import { ensurePrivacyAuthorized } from './privacy'

/**
 * Local H5 build only: no phone button in a browser. The tester types a number and the emulator's
 * phonenumber.getPhoneNumber stand-in accepts the code `phone:<digits>`. As in WeChat, the privacy
 * agreement comes first, and declining it gives no number.
 */
export async function phoneCodeOnTap(): Promise<string | null> {
  if (!(await ensurePrivacyAuthorized())) return null
  const typed = window.prompt('本地测试：输入要绑定的手机号', '13800138000')
  const digits = typed?.replace(/\D/g, '') ?? ''
  return digits ? `phone:${digits}` : null
}
