import { useState } from 'react'
import type { QueueCounts, QueueItem } from '@contract/ticket'
import type { AssigneeFilter, QueueView, TicketCategory } from '@contract/ticketFields'
import { callCloud } from '../../services/cloud'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { useCursorPages } from '../../hooks/useCursorPages'

export interface QueueFilter {
  view: QueueView
  category: TicketCategory | null
  assignee: AssigneeFilter
  breachedOnly: boolean
}

const FIRST: QueueFilter = { view: 'active', category: null, assignee: 'all', breachedOnly: false }

/**
 * 工单队列: one view (待处理, each status, 回访) filtered by category, assignee and 超时, a page at a
 * time in the order of the promised times; and every view's count for the tabs, asked once per
 * visit and again on a refresh, not for every page.
 */
export function useTicketQueue() {
  const [filter, setFilter] = useState<QueueFilter>(FIRST)
  const counts = useCloudQuery<QueueCounts>(() => callCloud('ticket', 'counts', {}))
  const key = `${filter.view}:${filter.category ?? '*'}:${filter.assignee}:${filter.breachedOnly}`
  const pages = useCursorPages<QueueItem>(key, (cursor) =>
    callCloud('ticket', 'queue', {
      view: filter.view,
      assignee: filter.assignee,
      ...(filter.category ? { category: filter.category } : {}),
      ...(filter.breachedOnly ? { breached: true } : {}),
      cursor,
    }),
  )

  return {
    ...pages,
    filter,
    change: (patch: Partial<QueueFilter>) => setFilter((previous) => ({ ...previous, ...patch })),
    counts: counts.data ?? null,
    refresh: () => Promise.all([pages.refresh(), counts.reload()]),
  }
}
