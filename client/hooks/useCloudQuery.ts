import { useCallback, useEffect, useRef, useState } from 'react'
import { CloudError } from '../services/cloud'

export type QueryState<T> = { status: 'loading'; data: undefined; error: undefined } | { status: 'ready'; data: T; error: undefined } | { status: 'error'; data: undefined; error: CloudError }

/**
 * Loads once on mount; `reload()` refetches (pull-to-refresh, page show) while keeping what is on
 * screen, so a refresh never flashes back to the skeleton.
 */
export function useCloudQuery<T>(load: () => Promise<T>) {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading', data: undefined, error: undefined })
  const loadRef = useRef(load)
  loadRef.current = load
  const generation = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++generation.current
    try {
      const data = await loadRef.current()
      if (mine === generation.current) setState({ status: 'ready', data, error: undefined })
    } catch (error) {
      const cloudError = error instanceof CloudError ? error : new CloudError({ code: 'INTERNAL', message: '加载失败，请重试' })
      if (mine === generation.current) setState({ status: 'error', data: undefined, error: cloudError })
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [reload])

  return { ...state, reload, setData: (data: T) => setState({ status: 'ready', data, error: undefined }) }
}
