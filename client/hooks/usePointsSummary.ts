import type { PointsSummary } from '@contract/points'
import { callCloud } from '../services/cloud'
import { useCloudQuery } from './useCloudQuery'

/** The member's balance, the next lot to expire, and the till's rates. */
export function usePointsSummary() {
  return useCloudQuery<PointsSummary>(() => callCloud('points', 'summary', {}))
}
