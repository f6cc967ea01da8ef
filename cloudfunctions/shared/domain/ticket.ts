import type { Role } from '../contract/roles'
import type { CompensationInput, TicketEvent, TicketRef } from '../contract/ticket'
import {
  AUTO_CLOSE_AFTER_MS,
  REOPEN_WINDOW_MS,
  REVISIT_BELOW_OR_AT,
  REVISIT_SATISFIED_FROM,
  TICKET_STATUSES,
  TICKET_STATUS_LABELS,
  type ContactChannel,
  type ContactOutcome,
  type BusinessHours,
  type SlaSettings,
  type SlaTimes,
  type TicketCategory,
  type TicketStatus,
} from '../contract/ticketFields'
import { shopDate } from './calendar'
import { refuse, type Refusal } from './decision'
import { ledgerKeys } from './ledger'
import { dueAfter, promisedTimes, slaTimesOf } from './sla'

/**
 * A complaint ticket and its state machine. Every change is a pure decision from the stored ticket,
 * the actor and `now` to the whole next ticket; the app writes it with a conditional update on
 * `rev`, so two staff acting at once cannot both win, and an illegal move writes nothing.
 */

export type Lane = 'active' | 'pending' | 'done'
export const LANE_OF: Record<TicketStatus, Lane> = { new: 'active', processing: 'active', pending: 'pending', closed: 'done', withdrawn: 'done' }

export interface ThreadDoc {
  at: Date
  from: 'member' | 'staff'
  /** The writer's OPENID: kept for the staff, never shown to the member. */
  by: string
  name: string
  text: string
}

export interface NoteDoc {
  at: Date
  by: string
  name: string
  text: string
}

export interface HistoryDoc {
  at: Date
  event: TicketEvent
  from: TicketStatus | null
  to: TicketStatus
  /** OPENID, or 'system' for the timer. */
  actor: string
  role: Role | 'member' | 'system'
  name: string
  reason: string | null
}

export interface CompensationDoc {
  kind: 'points' | 'coupon'
  points: number
  couponTitle: string | null
  /** The ledger row's or the coupon's `_id`: `ticket:<id>:<n>`. */
  key: string
}

export interface ResolutionDoc {
  n: number
  /** The staff's attempt id: a resolve sent again (even after a reopen) is known by it and answered, not given twice. */
  requestId?: string | null
  at: Date
  by: string
  name: string
  summary: string
  compensation: CompensationDoc | null
  rating: { score: number; comment: string; at: Date } | null
  outcome: 'confirmed' | 'autoClosed' | 'reopened' | 'closed' | null
}

export interface ContactDoc {
  at: Date
  by: string
  name: string
  channel: ContactChannel
  outcome: ContactOutcome
  note: string
}

export interface RevisitDoc {
  status: 'open' | 'closed'
  reason: 'lowRating' | 'reopened'
  openedAt: Date
  contacts: ContactDoc[]
  closedAt: Date | null
  closedBy: string | null
  closedReason: string | null
}

export interface TicketDoc {
  /** The ticket number, `T20261201-0007`. */
  _id: string
  openid: string
  /** Snapshots for the queue, taken at filing. */
  memberName: string
  cardNo: string
  category: TicketCategory
  text: string
  images: string[]
  ref: TicketRef | null
  status: TicketStatus
  assignee: string | null
  assigneeName: string | null
  /** Bumped by every write: the condition that makes concurrent changes one-wins. */
  rev: number
  createdAt: Date
  updatedAt: Date
  /** The SLA it was filed under: a reopen restarts the resolution clock on the same terms. */
  sla: SlaTimes & { businessHours: BusinessHours | null }
  firstResponseDueAt: Date
  firstRespondedAt: Date | null
  resolutionDueAt: Date
  resolvedAt: Date | null
  closedAt: Date | null
  /** The promised time now being missed, per clock; the resolution one restarts on a reopen. */
  breachedFirstResponse: boolean
  breachedResolution: boolean
  escalated: boolean
  escalatedAt: Date | null
  thread: ThreadDoc[]
  notes: NoteDoc[]
  history: HistoryDoc[]
  resolutions: ResolutionDoc[]
  revisit: RevisitDoc | null
  /** A staff reply or resolution the member has not answered. */
  awaitingMember: boolean
  // Derived by `derive` on every write, for the indexes:
  lane: Lane
  /** The queue's order: the next promised time while open, the auto-close while pending, the close after. */
  dueAt: Date
  /** When the timer must next look at the ticket (a promised time, the auto-close), or null. */
  watchAt: Date | null
  /** Any promised time ever missed: the queue's 超时 filter and the breach rate. */
  breached: boolean
  revisitOpen: boolean
}

/** Who acts: a member (named on their tickets by the name they filed under), a staff member, or the timer. */
export type Actor = { kind: 'member'; openid: string } | { kind: 'staff'; openid: string; role: Role; name: string } | { kind: 'system' }

/** Who an actor is to the state machine: owner and admin manage, service staff work tickets. */
export type ActorClass = 'member' | 'service' | 'manager' | 'system'

export function classOf(actor: Actor): ActorClass | null {
  if (actor.kind !== 'staff') return actor.kind
  if (actor.role === 'owner' || actor.role === 'admin') return 'manager'
  return actor.role === 'service' ? 'service' : null
}

export type StateEvent = Exclude<TicketEvent, 'file'>
type Moves = Partial<Record<TicketStatus, TicketStatus>>

const SAME_FOR_ALL: Moves = Object.fromEntries(TICKET_STATUSES.map((status) => [status, status]))
const WORK: Moves = { new: 'processing', processing: 'processing' }
const OPEN_SAME: Moves = { new: 'new', processing: 'processing' }
const REOPEN: Moves = { pending: 'processing', closed: 'processing' }

/**
 * The whole state machine: for each event and kind of actor, the states it may leave and the one
 * it reaches. An actor missing from an event may never do it (FORBIDDEN); a state missing from the
 * actor's moves is a CONFLICT. Guards that look further than the state (the reopen window, a
 * rating once per resolution) are in the decisions below.
 */
export const TRANSITIONS: Record<StateEvent, Partial<Record<ActorClass, Moves>>> = {
  assign: { service: WORK, manager: WORK },
  reply: { service: { ...WORK, pending: 'pending' }, manager: { ...WORK, pending: 'pending' } },
  memberReply: { member: { new: 'new', processing: 'processing', pending: 'pending' } },
  note: { service: SAME_FOR_ALL, manager: SAME_FOR_ALL },
  resolve: { service: { processing: 'pending' }, manager: { processing: 'pending' } },
  confirm: { member: { pending: 'closed' } },
  rate: { member: { pending: 'closed', closed: 'closed' } },
  reopen: { member: REOPEN, service: REOPEN, manager: REOPEN },
  withdraw: { member: { new: 'withdrawn', processing: 'withdrawn' } },
  escalate: { service: OPEN_SAME, manager: OPEN_SAME, system: OPEN_SAME },
  close: { service: { pending: 'closed' }, manager: { new: 'closed', processing: 'closed', pending: 'closed' } },
  autoClose: { system: { pending: 'closed' } },
  contact: { service: SAME_FOR_ALL, manager: SAME_FOR_ALL },
  closeRevisit: { manager: SAME_FOR_ALL },
}

/** The state an event leads to from `status` for this kind of actor, or why not. */
export function nextStatus(event: StateEvent, actor: ActorClass | null, status: TicketStatus): TicketStatus | Refusal {
  const moves = actor ? TRANSITIONS[event][actor] : undefined
  if (!moves) return refuse('FORBIDDEN')
  return moves[status] ?? refuse('CONFLICT', `工单${TICKET_STATUS_LABELS[status]}，不能${EVENT_WORDS[event]}`)
}

const EVENT_WORDS: Record<StateEvent, string> = {
  assign: '受理',
  reply: '回复',
  memberReply: '补充说明',
  note: '备注',
  resolve: '提交处理结果',
  confirm: '确认解决',
  rate: '评价',
  reopen: '重新打开',
  withdraw: '撤回',
  escalate: '升级',
  close: '关闭',
  autoClose: '自动关闭',
  contact: '记录回访',
  closeRevisit: '结束回访',
}

/** What an event carries beyond who and when. */
export type EventInput =
  /** 受理 takes a ticket nobody else holds; an owner's or admin's 指派 (`reassign`) may move one that is held. */
  | { event: 'assign'; to: { openid: string; name: string }; reassign?: boolean }
  | { event: 'reply' | 'memberReply' | 'note'; text: string }
  | { event: 'resolve'; summary: string; compensation: CompensationInput | null; requestId?: string | null }
  | { event: 'confirm' | 'withdraw' | 'autoClose' }
  | { event: 'rate'; score: number; comment: string }
  | { event: 'reopen' | 'escalate' | 'close' | 'closeRevisit'; reason: string }
  | { event: 'contact'; channel: ContactChannel; outcome: ContactOutcome; note: string }

export type Transition = { kind: 'transition'; ticket: TicketDoc; event: StateEvent; from: TicketStatus }
/** Nothing to change: the same staff member taking a ticket they already hold. */
export type Unchanged = { kind: 'unchanged'; ticket: TicketDoc }

/** `T20261201-0007`: the Beijing day of the filing and that day's sequence. */
export function ticketNumber(now: Date, sequence: number): string {
  return `T${shopDate(now).replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`
}

/**
 * Decides one event on the stored ticket: the whole next ticket (derived fields included), or a
 * refusal. A member acts only on their own tickets (another's reads as NOT_FOUND, as if absent).
 */
export function decideTicketEvent(ticket: TicketDoc | null, actor: Actor, input: EventInput, now: Date): Transition | Unchanged | Refusal {
  if (!ticket || (actor.kind === 'member' && ticket.openid !== actor.openid)) return refuse('NOT_FOUND', '找不到该工单')
  const who = classOf(actor)
  const to = nextStatus(input.event, who, ticket.status)
  if (typeof to !== 'string') return to
  const guard = guardProblem(ticket, actor, who!, input, now)
  if (guard) return guard
  if (input.event === 'assign' && ticket.assignee === input.to.openid) return { kind: 'unchanged', ticket }
  const next = applyEvent(ticket, actor, input, to, now)
  return { kind: 'transition', ticket: derive({ ...next, rev: ticket.rev + 1, updatedAt: now }), event: input.event, from: ticket.status }
}

function guardProblem(ticket: TicketDoc, actor: Actor, who: ActorClass, input: EventInput, now: Date): Refusal | null {
  const latest = latestResolution(ticket)
  switch (input.event) {
    case 'assign':
      if (who === 'service' && actor.kind === 'staff' && input.to.openid !== actor.openid) return refuse('FORBIDDEN', '只有店主或管理员可以指派给他人')
      // Two people pressing 受理 at once, or one after the other unseen, must not end with the
      // second silently taking it from the first, whatever their role: only a deliberate 指派 moves it.
      if (ticket.assignee && ticket.assignee !== input.to.openid && !(who === 'manager' && input.reassign)) return refuse('CONFLICT', `该工单已由${ticket.assigneeName ?? '其他同事'}受理`)
      return null
    case 'rate':
      if (!latest) return refuse('CONFLICT', '该工单还没有处理结果，无法评价')
      if (latest.rating) return refuse('CONFLICT', '您已评价过本次处理')
      return null
    case 'reopen':
      if (who === 'member') {
        const since = ticket.status === 'pending' ? latest?.at : ticket.closedAt
        if (!since || now.getTime() - new Date(since).getTime() > REOPEN_WINDOW_MS) return refuse('CONFLICT', '已超过 7 天，无法重新打开，请提交新的反馈')
      }
      return null
    case 'escalate':
      return ticket.escalated ? refuse('CONFLICT', '该工单已升级') : null
    case 'autoClose':
      return latest && now.getTime() - new Date(latest.at).getTime() >= AUTO_CLOSE_AFTER_MS ? null : refuse('CONFLICT', '未到自动关闭时间')
    case 'contact':
    case 'closeRevisit':
      return ticket.revisitOpen ? null : refuse('CONFLICT', '该工单没有进行中的回访')
    default:
      return null
  }
}

function applyEvent(ticket: TicketDoc, actor: Actor, input: EventInput, to: TicketStatus, now: Date): TicketDoc {
  const by = actor.kind === 'system' ? 'system' : actor.openid
  const name = actor.kind === 'system' ? '系统' : actor.kind === 'member' ? ticket.memberName : actor.name
  const reason = 'reason' in input ? input.reason : null
  const record = (event: StateEvent, extra: Partial<HistoryDoc> = {}): HistoryDoc[] => [
    ...ticket.history,
    { at: now, event, from: ticket.status, to, actor: by, role: actor.kind === 'staff' ? actor.role : actor.kind, name, reason, ...extra },
  ]
  const base: TicketDoc = { ...ticket, status: to, history: record(input.event) }
  switch (input.event) {
    case 'assign':
      return { ...base, assignee: input.to.openid, assigneeName: input.to.name, history: record('assign', { reason: input.to.openid === by ? null : `指派给${input.to.name}` }) }
    case 'reply': {
      const thread = [...ticket.thread, { at: now, from: 'staff' as const, by, name, text: input.text }]
      const taken = ticket.assignee ? {} : { assignee: by, assigneeName: name }
      // A reply to a ticket nobody had taken takes it: the member's timeline shows 受理 before the reply.
      const taking = record('assign').at(-1)!
      const history = ticket.status === 'new' ? [...ticket.history, taking, { ...taking, event: 'reply' as const, from: to }] : base.history
      return { ...base, ...taken, history, thread, firstRespondedAt: ticket.firstRespondedAt ?? now, awaitingMember: true }
    }
    case 'memberReply':
      return { ...base, thread: [...ticket.thread, { at: now, from: 'member', by, name, text: input.text }], awaitingMember: false }
    case 'note':
      return { ...base, notes: [...ticket.notes, { at: now, by, name, text: input.text }] }
    case 'resolve': {
      const n = ticket.resolutions.length + 1
      const compensation = compensationOf(input.compensation, ledgerKeys.ticket(ticket._id, n))
      const resolution: ResolutionDoc = { n, at: now, by, name, summary: input.summary, compensation, rating: null, outcome: null, requestId: input.requestId ?? null }
      return { ...base, resolutions: [...ticket.resolutions, resolution], resolvedAt: now, firstRespondedAt: ticket.firstRespondedAt ?? now, awaitingMember: true }
    }
    case 'confirm':
      return { ...base, closedAt: now, resolutions: withLatest(ticket, { outcome: 'confirmed' }), awaitingMember: false }
    case 'rate': {
      const rating = { score: input.score, comment: input.comment, at: now }
      const outcome = ticket.status === 'pending' ? { outcome: 'confirmed' as const } : {}
      return {
        ...base,
        closedAt: ticket.closedAt ?? now,
        resolutions: withLatest(ticket, { rating, ...outcome }),
        revisit: revisitAfterRating(ticket.revisit, input.score, now),
        awaitingMember: false,
      }
    }
    case 'reopen': {
      const revisit = actor.kind === 'member' && !ticket.revisitOpen ? openRevisit('reopened', now) : ticket.revisit
      const hadResolution = ticket.resolutions.length > 0 && latestResolution(ticket)!.outcome !== 'reopened'
      return {
        ...base,
        closedAt: null,
        resolutions: hadResolution ? withLatest(ticket, { outcome: 'reopened' }) : ticket.resolutions,
        resolutionDueAt: dueAfter(now, ticket.sla.resolutionMinutes, ticket.sla.businessHours),
        breachedResolution: false,
        escalated: false,
        escalatedAt: null,
        revisit,
        awaitingMember: false,
      }
    }
    case 'withdraw':
      return { ...base, closedAt: now, awaitingMember: false }
    case 'escalate':
      return { ...base, escalated: true, escalatedAt: now }
    case 'close':
      return {
        ...base,
        closedAt: now,
        // Closing with a reason the member reads answers them: left unanswered, a reopen would find its first-response clock long run out.
        firstRespondedAt: ticket.firstRespondedAt ?? now,
        resolutions: ticket.status === 'pending' ? withLatest(ticket, { outcome: 'closed' }) : ticket.resolutions,
        awaitingMember: false,
      }
    case 'autoClose':
      return { ...base, closedAt: now, resolutions: withLatest(ticket, { outcome: 'autoClosed' }), awaitingMember: false }
    case 'contact': {
      const contact: ContactDoc = { at: now, by, name, channel: input.channel, outcome: input.outcome, note: input.note }
      return { ...base, revisit: { ...ticket.revisit!, contacts: [...ticket.revisit!.contacts, contact] } }
    }
    case 'closeRevisit':
      return { ...base, revisit: { ...ticket.revisit!, status: 'closed', closedAt: now, closedBy: by, closedReason: input.reason } }
  }
}

function compensationOf(input: CompensationInput | null, key: string): CompensationDoc | null {
  if (!input) return null
  return input.kind === 'points' ? { kind: 'points', points: input.points, couponTitle: null, key } : { kind: 'coupon', points: 0, couponTitle: input.coupon.title, key }
}

function openRevisit(reason: RevisitDoc['reason'], now: Date): RevisitDoc {
  return { status: 'open', reason, openedAt: now, contacts: [], closedAt: null, closedBy: null, closedReason: null }
}

/** A low rating opens a revisit (if none is open); a good one ends the open one. */
function revisitAfterRating(revisit: RevisitDoc | null, score: number, now: Date): RevisitDoc | null {
  const open = revisit?.status === 'open'
  if (score <= REVISIT_BELOW_OR_AT && !open) return openRevisit('lowRating', now)
  if (score >= REVISIT_SATISFIED_FROM && open) return { ...revisit!, status: 'closed', closedAt: now, closedBy: 'member', closedReason: '会员评价满意' }
  return revisit
}

export function latestResolution(ticket: Pick<TicketDoc, 'resolutions'>): ResolutionDoc | null {
  return ticket.resolutions[ticket.resolutions.length - 1] ?? null
}

function withLatest(ticket: TicketDoc, patch: Partial<ResolutionDoc>): ResolutionDoc[] {
  const resolutions = [...ticket.resolutions]
  const last = resolutions.length - 1
  if (last >= 0) resolutions[last] = { ...resolutions[last], ...patch }
  return resolutions
}

/** Whether the step that stops a clock came after its promised time. */
function late(at: Date | null, dueAt: Date): boolean {
  return at !== null && new Date(at).getTime() > new Date(dueAt).getTime()
}

/** The fields the indexes read, from the rest: written with every change so they never disagree. */
export function derive(ticket: TicketDoc): TicketDoc {
  const lane = LANE_OF[ticket.status]
  const latest = latestResolution(ticket)
  // An answer or a resolution given after its promised time, before the timer's next look, missed
  // it as surely as one the timer marks: otherwise a reply 10 minutes late never counts as a breach.
  // (A reopen restarts the resolution clock after the resolution it undoes, so that one is not late.)
  const breachedFirstResponse = ticket.breachedFirstResponse || late(ticket.firstRespondedAt, ticket.firstResponseDueAt)
  const breachedResolution = ticket.breachedResolution || late(ticket.resolvedAt, ticket.resolutionDueAt)
  const autoCloseAt = lane === 'pending' && latest ? new Date(new Date(latest.at).getTime() + AUTO_CLOSE_AFTER_MS) : null
  const waitingFirst = lane === 'active' && !ticket.firstRespondedAt
  const clocks = lane === 'active' ? [waitingFirst && !breachedFirstResponse ? ticket.firstResponseDueAt : null, breachedResolution ? null : ticket.resolutionDueAt] : []
  const open = clocks.filter((at): at is Date => at !== null).map((at) => new Date(at))
  const watchAt = lane === 'pending' ? autoCloseAt : open.length ? new Date(Math.min(...open.map((at) => at.getTime()))) : null
  const dueAt = lane === 'active' ? new Date(waitingFirst ? ticket.firstResponseDueAt : ticket.resolutionDueAt) : lane === 'pending' ? autoCloseAt! : new Date(ticket.closedAt ?? ticket.updatedAt)
  return {
    ...ticket,
    breachedFirstResponse,
    breachedResolution,
    lane,
    dueAt,
    watchAt,
    breached: breachedFirstResponse || breachedResolution || ticket.breached === true,
    revisitOpen: ticket.revisit?.status === 'open',
  }
}

/** A new ticket as filed: 待受理, with both promised times from the SLA of its category. */
export function newTicket(input: {
  id: string
  openid: string
  memberName: string
  cardNo: string
  category: TicketCategory
  text: string
  images: string[]
  ref: TicketRef | null
  sla: SlaSettings
  now: Date
}): TicketDoc {
  const { id, openid, memberName, cardNo, category, text, images, ref, sla, now } = input
  const times = slaTimesOf(sla, category)
  const promised = promisedTimes(now, times, sla.businessHours)
  return derive({
    _id: id,
    openid,
    memberName,
    cardNo,
    category,
    text,
    images,
    ref,
    status: 'new',
    assignee: null,
    assigneeName: null,
    rev: 1,
    createdAt: now,
    updatedAt: now,
    sla: { ...times, businessHours: sla.businessHours },
    ...promised,
    firstRespondedAt: null,
    resolvedAt: null,
    closedAt: null,
    breachedFirstResponse: false,
    breachedResolution: false,
    escalated: false,
    escalatedAt: null,
    thread: [],
    notes: [],
    history: [{ at: now, event: 'file', from: null, to: 'new', actor: openid, role: 'member', name: memberName, reason: null }],
    resolutions: [],
    revisit: null,
    awaitingMember: false,
    lane: 'active',
    dueAt: promised.firstResponseDueAt,
    watchAt: promised.firstResponseDueAt,
    breached: false,
    revisitOpen: false,
  })
}

/** What the timer finds due on a ticket at `now`: promised times newly missed, or the auto-close. */
export type SweepVerdict = { kind: 'breach'; ticket: TicketDoc; clocks: Array<'firstResponse' | 'resolution'>; escalate: boolean } | { kind: 'autoClose'; transition: Transition } | { kind: 'nothing' }

/**
 * The timer's decision for one ticket: each promised time missed is marked once (a marked clock
 * leaves `watchAt`), the first breach escalates the ticket once, and a resolution left 待确认 for
 * three days is closed without a rating.
 */
export function decideSweep(ticket: TicketDoc, now: Date): SweepVerdict {
  if (ticket.lane === 'pending') {
    const closed = decideTicketEvent(ticket, { kind: 'system' }, { event: 'autoClose' }, now)
    return closed.kind === 'transition' ? { kind: 'autoClose', transition: closed } : { kind: 'nothing' }
  }
  if (ticket.lane !== 'active') return { kind: 'nothing' }
  const at = now.getTime()
  const clocks: Array<'firstResponse' | 'resolution'> = []
  if (!ticket.firstRespondedAt && !ticket.breachedFirstResponse && new Date(ticket.firstResponseDueAt).getTime() <= at) clocks.push('firstResponse')
  if (!ticket.breachedResolution && new Date(ticket.resolutionDueAt).getTime() <= at) clocks.push('resolution')
  if (clocks.length === 0) return { kind: 'nothing' }
  const escalate = !ticket.escalated
  const marked: TicketDoc = {
    ...ticket,
    breachedFirstResponse: ticket.breachedFirstResponse || clocks.includes('firstResponse'),
    breachedResolution: ticket.breachedResolution || clocks.includes('resolution'),
    breached: true,
    escalated: true,
    escalatedAt: escalate ? now : ticket.escalatedAt,
    history: escalate
      ? [
          ...ticket.history,
          { at: now, event: 'escalate', from: ticket.status, to: ticket.status, actor: 'system', role: 'system', name: '系统', reason: clocks.includes('firstResponse') ? '超时未响应' : '超时未解决' },
        ]
      : ticket.history,
    rev: ticket.rev + 1,
    updatedAt: now,
  }
  return { kind: 'breach', ticket: derive(marked), clocks, escalate }
}

/** Whether a promised time was missed by `now` even before the timer marked it (the queue shows it at once). */
export function overdueNow(ticket: Pick<TicketDoc, 'lane' | 'dueAt'>, now: Date): boolean {
  return ticket.lane === 'active' && new Date(ticket.dueAt).getTime() <= now.getTime()
}
