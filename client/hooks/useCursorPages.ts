import { useCallback, useEffect, useRef, useState } from 'react'
import type { CloudError } from '../services/cloud'
import { asCloudError, toastError } from './useSubmit'

export interface CursorPage<T> {
  items: readonly T[]
  nextCursor: string | null
}

interface PagesState<T> {
  status: 'idle' | 'loading' | 'ready' | 'error'
  items: readonly T[]
  nextCursor: string | null
  error: CloudError | null
  loadingMore: boolean
}

const IDLE = { status: 'idle', items: [], nextCursor: null, error: null, loadingMore: false } as const

/**
 * A list the server hands out a cursor at a time (the ledger, consumption records). `key` names
 * what is listed (member, filter): a new key starts again from the first page, `null` lists nothing.
 * `refresh()` (pull-to-refresh) keeps what is on screen until the first page arrives.
 */
export function useCursorPages<T>(key: string | null, fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>) {
  const [state, setState] = useState<PagesState<T>>(IDLE)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const stateRef = useRef(state)
  stateRef.current = state
  const generation = useRef(0)
  const loadingMore = useRef(false)

  const loadFirst = useCallback(async (keepShown: boolean) => {
    const mine = ++generation.current
    loadingMore.current = false
    if (!keepShown) setState({ ...IDLE, status: 'loading' })
    try {
      const page = await fetchRef.current(undefined)
      if (mine === generation.current) setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor, error: null, loadingMore: false })
    } catch (error) {
      if (mine !== generation.current) return
      if (keepShown && stateRef.current.status === 'ready') toastError(error)
      else setState({ ...IDLE, status: 'error', error: asCloudError(error) })
    }
  }, [])

  const loadMore = useCallback(async () => {
    const { status, nextCursor } = stateRef.current
    if (status !== 'ready' || !nextCursor || loadingMore.current) return
    const mine = generation.current
    loadingMore.current = true
    setState((previous) => ({ ...previous, loadingMore: true }))
    try {
      const page = await fetchRef.current(nextCursor)
      if (mine === generation.current) setState((previous) => ({ ...previous, items: [...previous.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false }))
    } catch (error) {
      if (mine === generation.current) setState((previous) => ({ ...previous, loadingMore: false }))
      toastError(error)
    } finally {
      if (mine === generation.current) loadingMore.current = false
    }
  }, [])

  useEffect(() => {
    if (key === null) {
      generation.current++
      setState(IDLE)
    } else void loadFirst(false)
  }, [key, loadFirst])

  return {
    ...state,
    hasMore: state.nextCursor !== null,
    loadMore,
    refresh: () => (key === null ? Promise.resolve() : loadFirst(true)),
    retry: () => (key === null ? Promise.resolve() : loadFirst(false)),
  }
}
