import { useState } from 'react'
import { LEDGER_FILTERS, LEDGER_FILTER_KEYS, type LedgerFilter } from '@contract/enums'
import type { LedgerEntry } from '@contract/points'
import { callCloud } from '../services/cloud'
import type { TabOption } from '../components/FilterTabs'
import { useCursorPages } from './useCursorPages'

export type HistoryFilter = 'all' | LedgerFilter

/** 全部 / 获得 / 使用 / 过期 / 调整, from the contract's filters. */
export const HISTORY_TABS: TabOption<HistoryFilter>[] = [{ key: 'all', label: '全部' }, ...LEDGER_FILTER_KEYS.map((key) => ({ key, label: LEDGER_FILTERS[key].label }))]

/** The caller's own ledger, newest first, 20 a page, filtered by kind. */
export function useMyPointsHistory() {
  const [filter, setFilter] = useState<HistoryFilter>('all')
  const pages = useCursorPages<LedgerEntry>(`me:${filter}`, async (cursor) => {
    const page = await callCloud('points', 'history', { filter: filter === 'all' ? undefined : filter, cursor })
    return { items: page.entries, nextCursor: page.nextCursor }
  })
  return { ...pages, filter, setFilter }
}

/** Staff: any member's ledger by card number (`null` until a member is chosen). */
export function useMemberPointsHistory(cardNo: string | null) {
  const [filter, setFilter] = useState<HistoryFilter>('all')
  const pages = useCursorPages<LedgerEntry>(cardNo && `${cardNo}:${filter}`, async (cursor) => {
    const page = await callCloud('points', 'memberHistory', { cardNo: cardNo as string, filter: filter === 'all' ? undefined : filter, cursor })
    return { items: page.entries, nextCursor: page.nextCursor }
  })
  return { ...pages, filter, setFilter }
}
