import { serve } from '../shared/runtime'
import { adminList, create, list, retire, update } from './actions/catalogue'
import { confirm, myRedemptions, redeem, redeemAtTill } from './actions/redemptions'

export const main = serve('rewards', { list, adminList, create, update, retire, redeem, redeemAtTill, myRedemptions, confirm })
