import { serve } from '../shared/runtime'
import { cancelSignup, detail, list, mine, rate, signup } from './actions/member'
import { adminDetail, adminList, cancel, create, publish, unpublish, update } from './actions/staff'
import { checkIn, roster } from './actions/attendance'
import { compare, evaluate } from './actions/evaluation'
import { hourly } from './actions/hourly'

/** Member activities: plan, publish, sign up with seats and a waitlist, check in by scan, remind, evaluate. */
export const main = serve('activity', {
  list,
  detail,
  signup,
  cancelSignup,
  mine,
  rate,
  adminList,
  adminDetail,
  create,
  update,
  publish,
  unpublish,
  cancel,
  roster,
  checkIn,
  evaluate,
  compare,
  hourly,
})
