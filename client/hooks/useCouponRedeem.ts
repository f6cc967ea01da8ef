import type { RedeemCouponResult } from '@contract/coupons'
import type { ConfirmResult } from '@contract/rewards'
import { callCloud } from '../services/cloud'

/**
 * The till's 核销 of a code the member shows: a coupon (check it, then apply it once) or a reward
 * they redeemed on their phone (hand it over once). Neither needs the member's live code.
 */
export function useCouponRedeem() {
  return {
    inspect: (code: string): Promise<RedeemCouponResult> => callCloud('coupons', 'inspect', { code }),
    redeem: (code: string, orderNo?: string): Promise<RedeemCouponResult> => callCloud('coupons', 'redeem', orderNo ? { code, orderNo } : { code }),
    confirmReward: (code: string): Promise<ConfirmResult> => callCloud('rewards', 'confirm', { code }),
  }
}
