import { serve } from '../shared/runtime'
import { daily } from './actions/daily'
import { expirePoints } from './actions/expirePoints'
import { reconcile } from './actions/reconcile'
import { evaluateTiers } from './actions/evaluateTiers'
import { applyRules } from './actions/applyRules'
import { birthdays } from './actions/birthdays'

/** Scheduled and on-demand server jobs. No member or staff can call them: every action is server-only. */
export const main = serve('jobs', { daily, expirePoints, reconcile, evaluateTiers, birthdays, applyRules })
