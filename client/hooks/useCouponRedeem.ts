import type { RedeemCouponResult } from '@contract/coupons'
import { callCloud } from '../services/cloud'

/** The till's side of coupons: check one before applying it, then apply it once. */
export function useCouponRedeem() {
  return {
    inspect: (code: string): Promise<RedeemCouponResult> => callCloud('coupons', 'inspect', { code }),
    redeem: (code: string, orderNo?: string): Promise<RedeemCouponResult> => callCloud('coupons', 'redeem', orderNo ? { code, orderNo } : { code }),
  }
}
