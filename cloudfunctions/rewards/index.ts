import { serve } from '../shared/runtime'
import { adminList, create, list, relist, retire, update } from './actions/catalogue'
import { confirm, myRedemptions, redeem, redeemAtTill } from './actions/redemptions'

export const main = serve('rewards', { list, adminList, create, update, retire, relist, redeem, redeemAtTill, myRedemptions, confirm })
