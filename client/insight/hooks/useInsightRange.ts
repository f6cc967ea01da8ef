import { useEffect, useRef, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import type { PayloadOf, ResultOf } from '@contract/actions'
import type { InsightRange } from '@contract/stats'
import { INSIGHT_PERIODS, type InsightPeriod } from '@contract/statsFields'
import { callCloud, type CloudError } from '../../services/cloud'
import { asCloudError, toastError } from '../../hooks/useSubmit'

export type KeyedQuery<T> = { status: 'loading'; data: undefined; error: undefined } | { status: 'ready'; data: T; error: undefined } | { status: 'error'; data: undefined; error: CloudError }

/**
 * A query that starts again (skeletons) whenever `key` changes (another period, another store);
 * `reload()` (pull-to-refresh) keeps the figures on screen until the new ones arrive, and a
 * failed refresh says so in a toast over them rather than replacing them.
 */
export function useKeyedQuery<T>(key: string, load: () => Promise<T>) {
  const [state, setState] = useState<KeyedQuery<T>>({ status: 'loading', data: undefined, error: undefined })
  const loadRef = useRef(load)
  loadRef.current = load
  const stateRef = useRef(state)
  stateRef.current = state
  const generation = useRef(0)

  async function fetch(keepShown: boolean) {
    const mine = ++generation.current
    if (!keepShown) setState({ status: 'loading', data: undefined, error: undefined })
    try {
      const data = await loadRef.current()
      if (mine === generation.current) setState({ status: 'ready', data, error: undefined })
    } catch (error) {
      if (mine !== generation.current) return
      if (keepShown && stateRef.current.status === 'ready') toastError(error)
      else setState({ status: 'error', data: undefined, error: asCloudError(error) })
    }
  }

  useEffect(() => {
    void fetch(false)
    // fetch reads the latest load through its ref: the key alone says when to ask again.
  }, [key])

  return { ...state, reload: () => fetch(true), retry: () => fetch(false) }
}

export interface InsightRangeChoice {
  days: InsightPeriod
  store: string | null
}

type RangeAction = 'overview' | 'members' | 'consumption'

function periodOf(text: string | undefined): InsightPeriod {
  const days = Number(text)
  return (INSIGHT_PERIODS as readonly number[]).includes(days) ? (days as InsightPeriod) : 30
}

/** `?days=90&store=store-002`: the range handed on to the next 数据 page. */
export function rangeQuery(range: InsightRangeChoice): string {
  return `?days=${range.days}${range.store ? `&store=${encodeURIComponent(range.store)}` : ''}`
}

/**
 * One of the 数据 pages over a period (7, 30 or 90 days ending yesterday) and the whole shop or
 * one store; opened from another of them, it starts on the same range.
 */
export function useInsightRange<A extends RangeAction>(action: A) {
  const params = useRouter().params
  const [range, setRange] = useState<InsightRangeChoice>(() => ({ days: periodOf(params.days), store: params.store ? decodeURIComponent(params.store) : null }))
  const query = useKeyedQuery(`${range.days}|${range.store ?? ''}`, () => {
    const payload: PayloadOf<'stats', RangeAction> = { days: range.days, ...(range.store ? { store: range.store } : {}) }
    return callCloud<'stats', RangeAction>('stats', action, payload) as Promise<ResultOf<'stats', A> & InsightRange>
  })
  // The store chips stay while another range loads.
  const stores = useRef<Array<{ id: string; name: string }>>([])
  if (query.status === 'ready') stores.current = query.data.stores
  return {
    query,
    range,
    stores: stores.current,
    setDays: (days: InsightPeriod) => setRange((current) => ({ ...current, days })),
    setStore: (store: string | null) => setRange((current) => ({ ...current, store })),
  }
}
