import type { ActionName, FunctionName, PayloadOf, ResultOf } from '../../cloudfunctions/shared/contract/actions'
import type { ActivityDraft, StaffActivity } from '../../cloudfunctions/shared/contract/activity'
import { toShopDateTime } from '../../cloudfunctions/shared/contract/activityFields'
import type { Envelope } from '../../cloudfunctions/shared/contract/errors'
import { dataOf } from './localCloud'

type Caller = (openid: string | null) => {
  call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, payload?: PayloadOf<F, A> | Record<string, unknown>): Promise<Envelope<ResultOf<F, A>>>
}

const HOUR = 3600_000

/** An activity's fields around `start`: signup open from 30 days before until an hour before, cancellable until 2 hours before. */
export function activityDraft(start: Date, overrides: Partial<ActivityDraft> = {}): ActivityDraft {
  const at = (offsetHours: number) => toShopDateTime(new Date(start.getTime() + offsetHours * HOUR))
  return {
    title: '新品品鉴会',
    type: 'launch',
    coverFileId: null,
    description: '秋冬新品抢先品尝',
    place: '静安店二楼',
    startAt: at(0),
    endAt: at(2),
    signupOpensAt: at(-24 * 30),
    signupClosesAt: at(-1),
    cancelCutoffAt: at(-2),
    capacity: 30,
    waitlist: true,
    minTier: 'regular',
    priorityHours: 0,
    attendancePoints: 0,
    pointsCost: 0,
    ...overrides,
  }
}

/** Created and published by `owner`. */
export async function publishedActivity(as: Caller, owner: string, draft: ActivityDraft): Promise<StaffActivity> {
  const created = dataOf(await as(owner).call('activity', 'create', draft))
  return dataOf(await as(owner).call('activity', 'publish', { activityId: created.id }))
}
