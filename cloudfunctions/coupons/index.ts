import { serve } from '../shared/runtime'
import { birthday, wallet } from './actions/wallet'
import { inspect, memberCoupons, redeem } from './actions/till'

/** The coupon wallet (members) and coupon redemption at the till (owner, admin, cashier). */
export const main = serve('coupons', { wallet, birthday, inspect, redeem, memberCoupons })
