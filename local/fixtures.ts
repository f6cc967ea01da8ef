import { makeCardNo } from '../cloudfunctions/shared/domain/cardNumber'
import { newSignup, type ActivityDoc, type SignupDoc } from '../cloudfunctions/shared/domain/activity'
import type { MemberDoc } from '../cloudfunctions/shared/domain/member'

/**
 * A member document as `member.join` would write it, for tests and benches that need many members
 * without going through the join flow.
 */
export function memberFixture(openid: string, now: Date, overrides: Partial<MemberDoc> = {}): MemberDoc {
  return {
    _id: openid,
    cardNo: makeCardNo(Math.random),
    profile: { name: '测试会员', gender: 'unknown', birthday: '1990-01-01', birthdayMD: '01-01', avatarFileId: null, phone: null },
    tier: 'regular',
    tierSince: now,
    pointsBalance: 0,
    lifetimePoints: 0,
    pointLots: [],
    nextExpiryAt: null,
    source: { store: 'store-001', referrer: null, scene: null },
    tags: [],
    joinedAt: now,
    lastActiveAt: now,
    ...overrides,
  }
}

const HOUR_MS = 3600_000

/**
 * A published activity as `create` and `publish` would leave it, starting at `start` for 2 hours,
 * signup open from 30 days before until an hour before: for tests and benches that need many.
 */
export function activityFixture(id: string, start: Date, overrides: Partial<ActivityDoc> = {}): ActivityDoc {
  const at = (hours: number) => new Date(start.getTime() + hours * HOUR_MS)
  const created = at(-24 * 31)
  return {
    _id: id,
    title: '测试活动',
    type: 'class',
    coverFileId: null,
    description: '',
    place: '门店',
    startAt: start,
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
    status: 'published',
    confirmed: 0,
    queue: [],
    publishedAt: created,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    settledAt: null,
    createdAt: created,
    createdBy: 'owner',
    updatedAt: created,
    ...overrides,
  }
}

/** A confirmed, free signup made at `at`, as `signup` would write it. */
export function signupFixture(activityId: string, openid: string, at: Date, overrides: Partial<SignupDoc> = {}): SignupDoc {
  return { ...newSignup(activityId, openid, { status: 'confirmed', round: 1, at, pointsPaid: 0 }), ...overrides }
}
