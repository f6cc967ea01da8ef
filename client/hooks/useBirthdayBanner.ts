import type { BirthdayBanner } from '@contract/coupons'
import { callCloud } from '../services/cloud'
import { useCloudQuery } from './useCloudQuery'

/** The birthday perk on the card while it is valid; a failure just shows no banner. */
export function useBirthdayBanner() {
  return useCloudQuery<BirthdayBanner | null>(() => callCloud('coupons', 'birthday', {}))
}
