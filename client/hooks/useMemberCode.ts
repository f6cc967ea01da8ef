import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import type { MemberCode } from '@contract/member'
import { CloudError, callCloud } from '../services/cloud'

export type MemberCodeState = { status: 'loading' } | { status: 'ready'; code: MemberCode } | { status: 'error'; error: CloudError }

const RETRY_SECONDS = 10

/**
 * The live member code while the page is on screen: fetched on show, fetched again before it
 * expires, and no timer left running once the page is hidden.
 */
export function useMemberCode(enabled: boolean) {
  const [state, setState] = useState<MemberCodeState>({ status: 'loading' })
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const visible = useRef(true)

  const stop = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }, [])

  const refresh = useCallback(async () => {
    stop()
    if (!enabled || !visible.current) return
    try {
      const code = await callCloud('member', 'code', {})
      if (!visible.current) return
      setState({ status: 'ready', code })
      timer.current = setTimeout(() => void refresh(), code.refreshInSeconds * 1000)
    } catch (error) {
      if (!visible.current) return
      setState({ status: 'error', error: error instanceof CloudError ? error : new CloudError({ code: 'INTERNAL', message: '会员码加载失败' }) })
      timer.current = setTimeout(() => void refresh(), RETRY_SECONDS * 1000)
    }
  }, [enabled, stop])

  useEffect(() => {
    visible.current = true
    void refresh()
    return () => {
      visible.current = false
      stop()
    }
  }, [refresh, stop])
  // The first show is the mount above; later shows (back from another page or app) fetch afresh.
  useDidShow(() => {
    if (visible.current) return
    visible.current = true
    void refresh()
  })
  useDidHide(() => {
    visible.current = false
    stop()
  })

  return { ...state, refresh }
}
