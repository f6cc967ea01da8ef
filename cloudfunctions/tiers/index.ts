import { serve } from '../shared/runtime'
import { preview, publish, rules } from './actions/rules'
import { dismissNotice, status } from './actions/status'

export const main = serve('tiers', { status, dismissNotice, rules, preview, publish })
