import { useState } from 'react'
import type { ActivitySummary, ActivityTab } from '@contract/activity'
import type { TabOption } from '../../components/FilterTabs'
import { useCursorPages } from '../../hooks/useCursorPages'
import { callCloud } from '../../services/cloud'

export const ACTIVITY_TAB_OPTIONS: TabOption<ActivityTab>[] = [
  { key: 'upcoming', label: '即将开始' },
  { key: 'ongoing', label: '进行中' },
  { key: 'ended', label: '已结束' },
]

/** The shop's published activities on one tab, a page at a time. */
export function useActivityList() {
  const [tab, setTab] = useState<ActivityTab>('upcoming')
  const pages = useCursorPages<ActivitySummary>(tab, (cursor) => callCloud('activity', 'list', { tab, cursor }))
  return { ...pages, tab, setTab }
}
