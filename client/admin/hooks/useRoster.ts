import { useState } from 'react'
import type { Roster, RosterEntry, RosterView } from '@contract/activity'
import { callCloud } from '../../services/cloud'
import { useCursorPages } from '../../hooks/useCursorPages'

/** An activity's signups in one view (已报名, 候补, 已取消, 已签到), with every view's count from the latest page. */
export function useRoster(activityId: string) {
  const [view, setView] = useState<RosterView>('confirmed')
  const [counts, setCounts] = useState<Roster['counts'] | null>(null)
  const pages = useCursorPages<RosterEntry>(`${activityId}:${view}`, async (cursor) => {
    const roster = await callCloud('activity', 'roster', { activityId, view, cursor })
    setCounts(roster.counts)
    return { items: roster.entries, nextCursor: roster.nextCursor }
  })
  return { ...pages, view, setView, counts }
}
