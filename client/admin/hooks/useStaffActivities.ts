import type { StaffActivity } from '@contract/activity'
import { callCloud } from '../../services/cloud'
import { useCursorPages } from '../../hooks/useCursorPages'

/** Every activity staff plan (drafts, published, cancelled, ended), newest first, a page at a time. */
export function useStaffActivities(enabled = true) {
  return useCursorPages<StaffActivity>(enabled ? 'all' : null, (cursor) => callCloud('activity', 'adminList', { cursor }))
}
