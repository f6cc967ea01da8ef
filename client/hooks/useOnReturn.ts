import { useRef } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'

/**
 * Runs `refresh` when the person comes back to the page (from another page, another tab, or the
 * background), not on the show that comes with opening it: the queries have just loaded then, and
 * a second fetch would double every call of a visit.
 */
export function useOnReturn(refresh: () => unknown): void {
  const hidden = useRef(false)
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (!hidden.current) return
    hidden.current = false
    void refresh()
  })
}
