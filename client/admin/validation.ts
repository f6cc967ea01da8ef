import Taro from '@tarojs/taro'

/** Client-side checks mirroring the contract (the server checks again and has the last word). */

/** Receipt numbers: letters, digits, `-` and `_`, up to 32 characters. */
export function orderNoError(text: string, label = '单号'): string | null {
  const trimmed = text.trim()
  if (!trimmed) return `请填写${label}`
  return /^[A-Za-z0-9_-]{1,32}$/.test(trimmed) ? null : `${label}只能包含字母、数字、- 和 _，最长 32 位`
}

/** A whole, positive number of points, or the reason it is not one. */
export function parsePoints(text: string): { points: number; error: null } | { points: null; error: string } {
  const trimmed = text.trim()
  if (!trimmed) return { points: null, error: '请输入积分' }
  if (!/^\d+$/.test(trimmed)) return { points: null, error: '积分必须是正整数' }
  const points = Number(trimmed)
  return points > 0 ? { points, error: null } : { points: null, error: '积分必须大于 0' }
}

/** Redemption codes: 8 characters without look-alikes (no 0/O, 1/I/L). */
export function redemptionCodeError(code: string): string | null {
  if (!code) return '请输入兑换码'
  return /^[2-9A-HJKMNP-Z]{8}$/.test(code) ? null : '兑换码应为 8 位字母数字'
}

/** Shown under a field only once something has been typed, so an empty form is not all red. */
export function shownError(text: string, error: string | null): string | null {
  return text.trim() ? error : null
}

export async function confirmDialog(title: string, content: string, confirmText = '确认'): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText, confirmColor: '#c8963e' })
  return confirm
}

/** A problem the cashier can fix before anything is sent. */
export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2500 })
}
