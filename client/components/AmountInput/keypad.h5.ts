import type { Keypad } from './keypad'

/**
 * In a browser, Taro's number and digit inputs cancel every other keystroke without a word, so
 * "-50" arrived as 50 and "1.5" in a points field as 15. A text input keeps what was typed for the
 * contract's check to speak about; inputmode still brings up a phone's numeric keypad.
 */
export function keypad(decimals: boolean): Keypad {
  return { type: 'text', nativeProps: { inputMode: decimals ? 'decimal' : 'numeric' } }
}
