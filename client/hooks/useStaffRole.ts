import type { WhoAmI } from '@contract/staff'
import { callCloud } from '../services/cloud'
import { useCloudQuery } from './useCloudQuery'

/** The caller's staff role, if any; decides whether the 我的 page offers the staff entrance. */
export function useStaffRole() {
  return useCloudQuery<WhoAmI>(() => callCloud('staff', 'whoami', {}))
}
