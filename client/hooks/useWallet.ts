import { useState } from 'react'
import type { CouponStatus, Wallet } from '@contract/coupons'
import { callCloud } from '../services/cloud'
import { useCloudQuery } from './useCloudQuery'

/**
 * The member's wallet: every coupon in one call (a member holds a handful), shown a status at a
 * time, so switching tabs is instant and the counts always agree with the lists.
 */
export function useWallet() {
  const [tab, setTab] = useState<CouponStatus>('available')
  const query = useCloudQuery<Wallet>(() => callCloud('coupons', 'wallet', {}))
  const coupons = query.data?.coupons.filter((coupon) => coupon.status === tab) ?? []
  return { ...query, tab, setTab, coupons, counts: query.data?.counts ?? null }
}
