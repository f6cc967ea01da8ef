/** The props of Taro's `<Input>` that choose its keypad. */
export interface Keypad {
  type: 'digit' | 'number' | 'text'
  nativeProps?: Record<string, unknown>
}

/** The mini-program's own keypads have no minus and, for whole numbers, no point: what they cannot type cannot be typed. */
export function keypad(decimals: boolean): Keypad {
  return { type: decimals ? 'digit' : 'number' }
}
