import type { TicketRef } from '../cloudfunctions/shared/contract/ticket'
import { DEFAULT_SLA, type SlaSettings, type TicketCategory } from '../cloudfunctions/shared/contract/ticketFields'
import { makeCardNo } from '../cloudfunctions/shared/domain/cardNumber'
import { newSignup, type ActivityDoc, type SignupDoc } from '../cloudfunctions/shared/domain/activity'
import type { MemberDoc } from '../cloudfunctions/shared/domain/member'
import { decideSweep, decideTicketEvent, newTicket, type Actor, type EventInput, type TicketDoc } from '../cloudfunctions/shared/domain/ticket'

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

/** One event in a fixture ticket's life: who did what, when. */
export interface TicketStep {
  at: Date
  by: Actor
  input: EventInput
}

/**
 * A ticket as `file` would write it (the default SLA, no pictures), then taken through `steps` by
 * the state machine itself, so every derived field the indexes read is right: for tests and
 * benches that need many. A step the rules refuse is a broken fixture and throws.
 */
export function ticketFixture(
  id: string,
  openid: string,
  filedAt: Date,
  options: { category?: TicketCategory; text?: string; memberName?: string; ref?: TicketRef | null; sla?: SlaSettings; steps?: TicketStep[] } = {},
): TicketDoc {
  let ticket = newTicket({
    id,
    openid,
    memberName: options.memberName ?? '测试会员',
    cardNo: makeCardNo(Math.random),
    category: options.category ?? 'service',
    text: options.text ?? '测试工单：门店服务问题',
    images: [],
    ref: options.ref ?? null,
    sla: options.sla ?? DEFAULT_SLA,
    now: filedAt,
  })
  for (const { at, by, input } of options.steps ?? []) {
    const verdict = decideTicketEvent(ticket, by, input, at)
    if (verdict.kind === 'refused') throw new Error(`ticketFixture ${id}: ${input.event} refused (${verdict.code} ${verdict.message ?? ''})`)
    ticket = verdict.ticket
  }
  return ticket
}

/** The ticket timer's cron (`0 *\/15 * * * * *`): Beijing is whole hours from UTC, so its runs fall on UTC quarter hours too. */
const TICKET_TIMER_EVERY_MS = 15 * 60_000

/**
 * The ticket as the 15-minute timer would have left it by `until`: each run from its `watchAt` on
 * decided by `decideSweep` (breaches marked, the first escalating, 待确认 closed after three days).
 */
export function sweptUntil(start: TicketDoc, until: Date): TicketDoc {
  let ticket = start
  while (ticket.watchAt) {
    const runsAt = new Date(Math.ceil(new Date(ticket.watchAt).getTime() / TICKET_TIMER_EVERY_MS) * TICKET_TIMER_EVERY_MS)
    if (runsAt.getTime() > until.getTime()) break
    const verdict = decideSweep(ticket, runsAt)
    if (verdict.kind === 'nothing') break
    ticket = verdict.kind === 'breach' ? verdict.ticket : verdict.transition.ticket
  }
  return ticket
}
