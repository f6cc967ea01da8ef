import { useCallback, useEffect, useRef, useState } from 'react'
import type { ShopCategories } from '@contract/points'
import { callCloud } from '../../services/cloud'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { asCloudError, useSubmit } from '../../hooks/useSubmit'

/** The shop's categories as the till's lines offer them: asked for only once a line is added. */
export type CategoryChoices = { status: 'idle' } | { status: 'loading' } | { status: 'error'; message: string; retry: () => void } | { status: 'ready'; names: string[]; retry: () => void }

/**
 * The till's category chips. Nothing is asked until `wanted` (the cashier added a line), so a
 * checkout without lines costs no call; the answer is kept for the rest of the page's life, and
 * `retry` asks again (after a failure, or when the server says the list changed).
 */
export function useShopCategories(wanted: boolean): CategoryChoices {
  const [state, setState] = useState<{ status: 'idle' | 'loading' } | { status: 'error'; message: string } | { status: 'ready'; names: string[] }>({ status: 'idle' })
  const generation = useRef(0)
  const load = useCallback(async () => {
    const mine = ++generation.current
    setState({ status: 'loading' })
    try {
      const { categories } = await callCloud('points', 'categories', {})
      if (mine === generation.current) setState({ status: 'ready', names: categories })
    } catch (failure) {
      if (mine === generation.current) setState({ status: 'error', message: asCloudError(failure).message })
    }
  }, [])
  const retry = useCallback(() => void load(), [load])
  useEffect(() => {
    if (wanted && state.status === 'idle') void load()
  }, [wanted, state.status, load])
  if (state.status === 'error' || state.status === 'ready') return { ...state, retry }
  return state
}

/** 商品分类 for the owner and admins: the list as it stands, and saving a new one whole. */
export function useCategoriesEditor() {
  const current = useCloudQuery<ShopCategories>(() => callCloud('points', 'categories', {}))
  const save = useSubmit()
  async function saveList(categories: string[]): Promise<boolean> {
    const saved = await save.run(() => callCloud('points', 'setCategories', { categories }))
    if (saved) current.setData(saved)
    return saved !== undefined
  }
  return { current, save: saveList, saving: save.busy, fieldErrors: save.fieldErrors, clearFieldErrors: save.clearFieldErrors }
}
