import type { ActivityEvaluation, ActivityTypeComparison } from '@contract/activity'
import { callCloud } from '../../services/cloud'
import { useCloudQuery } from '../../hooks/useCloudQuery'

/** One activity's figures, and every activity type's side by side, loaded on their own. */
export function useActivityEvaluation(activityId: string) {
  const evaluation = useCloudQuery<ActivityEvaluation>(() => callCloud('activity', 'evaluate', { activityId }))
  const comparison = useCloudQuery<ActivityTypeComparison[]>(() => callCloud('activity', 'compare', {}))
  return { evaluation, comparison, reload: () => Promise.all([evaluation.reload(), comparison.reload()]) }
}
