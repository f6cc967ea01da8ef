import Taro from '@tarojs/taro'

/**
 * How staff forms show problems. The checks themselves come from the contract (@contract/fields),
 * the same ones the server's schemas are built from; the server checks again and has the last word.
 */

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
