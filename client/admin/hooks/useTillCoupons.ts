import { useEffect, useState } from 'react'
import type { Coupon } from '@contract/coupons'
import { asCloudError } from '../../hooks/useSubmit'
import { callCloud } from '../../services/cloud'

type TillCoupons = { status: 'loading'; coupons: null; error: null } | { status: 'ready'; coupons: Coupon[]; error: null } | { status: 'error'; coupons: null; error: string }

/**
 * The coupons the member in front of the cashier can use now, read with their scanned code. Read
 * again when `after` changes (the balance after a checkout or redemption: a coupon may have gone),
 * keeping the list on screen meanwhile.
 */
export function useTillCoupons(memberCode: string, after: unknown): TillCoupons {
  const [state, setState] = useState<TillCoupons>({ status: 'loading', coupons: null, error: null })
  useEffect(() => {
    let current = true
    callCloud('coupons', 'memberCoupons', { memberCode }).then(
      (coupons) => current && setState({ status: 'ready', coupons, error: null }),
      (error) => current && setState({ status: 'error', coupons: null, error: asCloudError(error).message }),
    )
    return () => {
      current = false
    }
  }, [memberCode, after])
  return state
}
