import { serve } from '../shared/runtime'
import { accrue } from './actions/accrue'
import { adjust } from './actions/adjust'
import { categories, setCategories } from './actions/categories'
import { checkout, quote, refundableOrder } from './actions/checkout'
import { payWithPoints } from './actions/payWithPoints'
import { history, memberHistory, orders, summary } from './actions/reads'
import { refund } from './actions/refund'

export const main = serve('points', { accrue, refund, payWithPoints, adjust, summary, history, memberHistory, orders, quote, checkout, refundableOrder, categories, setCategories })
