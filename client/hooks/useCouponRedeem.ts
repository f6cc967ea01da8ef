import type { RedeemCouponResult } from '@contract/coupons'
import { callCloud } from '../services/cloud'

/** 10 characters without look-alikes (no 0/O, 1/I/L), as the contract's coupon code. */
export const COUPON_CODE = /^[2-9A-HJKMNP-Z]{10}$/

/** What the cashier typed or scanned, as the server reads it. */
export function normalizeCouponCode(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase()
}

/** The till's side of coupons: check one before applying it, then apply it once. */
export function useCouponRedeem() {
  return {
    inspect: (code: string): Promise<RedeemCouponResult> => callCloud('coupons', 'inspect', { code }),
    redeem: (code: string, orderNo?: string): Promise<RedeemCouponResult> => callCloud('coupons', 'redeem', orderNo ? { code, orderNo } : { code }),
  }
}
