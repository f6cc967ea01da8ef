import type { ActivitySummary } from '@contract/activity'
import { roleMayCall } from '@contract/access'
import type { Role } from '@contract/roles'
import { callCloud } from '../../services/cloud'
import { useCloudQuery } from '../../hooks/useCloudQuery'

/**
 * The activities one can check members in at now or soon: published and not ended. Organisers
 * read them from the staff list; a cashier, who may not, from the list members see (open to anyone).
 */
export function useCheckInChoices(role: Role, enabled: boolean) {
  return useCloudQuery<ActivitySummary[]>(async () => {
    if (!enabled) return []
    if (roleMayCall(role, 'activity', 'adminList')) {
      const page = await callCloud('activity', 'adminList', {})
      return page.items.filter((activity) => activity.status === 'published' && activity.phase !== 'ended')
    }
    const [ongoing, upcoming] = await Promise.all([callCloud('activity', 'list', { tab: 'ongoing' }), callCloud('activity', 'list', { tab: 'upcoming' })])
    return [...ongoing.items, ...upcoming.items].filter((activity) => activity.status === 'published')
  })
}
