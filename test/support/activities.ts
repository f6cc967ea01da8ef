import type { ActionName, FunctionName, PayloadOf, ResultOf } from '../../cloudfunctions/shared/contract/actions'
import type { ActivityDraft, StaffActivity } from '../../cloudfunctions/shared/contract/activity'
import { toShopDateTime } from '../../cloudfunctions/shared/contract/activityFields'
import type { Envelope } from '../../cloudfunctions/shared/contract/errors'
import type { LocalCloud } from '../../local/cloud'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import { dataOf } from './localCloud'
import { seedMember } from './members'

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

/** A member holding `points` in one lot, with the ledger row that gave them, so Σ ledger = balance from the start. */
export function seedMemberWithPoints(cloud: LocalCloud, openid: string, points: number, overrides: Partial<MemberDoc> = {}): MemberDoc {
  const lotEnd = new Date(cloud.now().getTime() + 365 * 24 * HOUR)
  const member = seedMember(cloud, openid, {
    pointsBalance: points,
    lifetimePoints: points,
    pointLots: points ? [{ expiresAt: lotEnd, remaining: points }] : [],
    nextExpiryAt: points ? lotEnd : null,
    ...overrides,
  })
  if (points)
    cloud.db.insertMany('ledger', [
      { _id: `seed:${openid}`, openid, kind: 'adjust', delta: points, balanceAfter: points, reason: '测试', by: 'test', rulesVersion: 1, createdAt: cloud.now(), expiresAt: lotEnd },
    ])
  return member
}

/** How many messages of `templateId` each member got, from `since` (an index into the outbox) on. */
export function messagesPerMember(cloud: LocalCloud, templateId: string, since = 0): Map<string, number> {
  const counts = new Map<string, number>()
  for (const message of cloud.outbox.sent.slice(since)) if (message.templateId === templateId) counts.set(message.touser, (counts.get(message.touser) ?? 0) + 1)
  return counts
}
