import { DEFAULT_SLA, TICKET_STATUSES, type TicketStatus } from '../../../cloudfunctions/shared/contract/ticketFields'
import { decideSweep, decideTicketEvent, derive, newTicket, type Actor, type EventInput, type StateEvent, type TicketDoc } from '../../../cloudfunctions/shared/domain/ticket'

/**
 * The ticket's state machine written out by hand: for every state, event and kind of actor, the
 * state it reaches, CONFLICT or FORBIDDEN. It is not read from TRANSITIONS: a change there that
 * this table does not repeat is a change in what members and staff may do, and should fail here.
 * Each row is decided on a real ticket, built by filing and successive decisions, that meets every
 * guard looking beyond the state (the reopen window, one rating per resolution, an open revisit),
 * so the table shows the states alone; the guards have their own tests below.
 */

const HOUR = 3600_000
const DAY = 24 * HOUR
const beijing = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`)
const later = (at: Date, ms: number) => new Date(at.getTime() + ms)

const FILED = beijing('2026-12-01 10:00')
const MEMBER: Actor = { kind: 'member', openid: 'member-a' }
const OTHER_MEMBER: Actor = { kind: 'member', openid: 'member-b' }
const SERVICE: Actor = { kind: 'staff', openid: 'svc-zhou', role: 'service', name: '小周' }
const OTHER_SERVICE: Actor = { kind: 'staff', openid: 'svc-li', role: 'service', name: '小李' }
const MANAGER: Actor = { kind: 'staff', openid: 'admin-wang', role: 'admin', name: '王店长' }
const OWNER: Actor = { kind: 'staff', openid: 'owner-chen', role: 'owner', name: '陈老板' }
const SYSTEM: Actor = { kind: 'system' }

const ACTORS = { member: MEMBER, service: SERVICE, manager: MANAGER, system: SYSTEM } as const
type ActorClassName = keyof typeof ACTORS

function filed(at = FILED): TicketDoc {
  return newTicket({
    id: 'T20261201-0001',
    openid: 'member-a',
    memberName: '林晓雨',
    cardNo: '1234567897',
    category: 'service',
    text: '店员态度不好，等了很久',
    images: [],
    ref: null,
    sla: DEFAULT_SLA,
    now: at,
  })
}

/** The ticket after `input`, which the story needs to succeed. */
function step(ticket: TicketDoc, actor: Actor, input: EventInput, at: Date): TicketDoc {
  const verdict = decideTicketEvent(ticket, actor, input, at)
  if (verdict.kind === 'refused') throw new Error(`story step ${input.event} refused: ${verdict.code} ${verdict.message ?? ''}`)
  return verdict.ticket
}

const self = (actor: Actor) => ({ openid: actor.kind === 'system' ? 'system' : actor.openid, name: actor.kind === 'staff' ? actor.name : '某人' })

/** The input each event carries in the table: an assign is to the actor themself, as a 指派 (which may move a held ticket). */
function inputOf(event: StateEvent, actor: Actor): EventInput {
  switch (event) {
    case 'assign':
      return { event, to: self(actor), reassign: true }
    case 'reply':
    case 'memberReply':
    case 'note':
      return { event, text: '补充一下情况' }
    case 'resolve':
      return { event, summary: '已向店员核实并致歉', compensation: null }
    case 'confirm':
    case 'withdraw':
    case 'autoClose':
      return { event }
    case 'rate':
      return { event, score: 3, comment: '' }
    case 'reopen':
    case 'escalate':
    case 'close':
    case 'closeRevisit':
      return { event, reason: '会员仍不满意' }
    case 'contact':
      return { event, channel: 'phone', outcome: 'reached', note: '电话沟通' }
  }
}

/**
 * A ticket in each state, as the shop would get it there, each step an hour after the last:
 * - 待受理: just filed (nobody holds it, nothing resolved);
 * - 处理中: taken by 小周, resolved, reopened by the member (so a revisit is open);
 * - 待确认: that, resolved a second time (the second resolution not yet rated);
 * - 已关闭: that, confirmed by the member (unrated, within the reopen window);
 * - 已撤回: reopened as above, then withdrawn by the member.
 * Every row is decided 3 days and a minute after the last step: past the auto-close, inside the
 * 7-day reopen window.
 */
function ticketsByState(): Record<TicketStatus, { ticket: TicketDoc; at: Date }> {
  let at = FILED
  const next = () => (at = later(at, HOUR))
  const fresh = filed()
  const taken = step(fresh, SERVICE, { event: 'assign', to: self(SERVICE) }, next())
  const resolved = step(taken, SERVICE, { event: 'resolve', summary: '已致歉', compensation: null }, next())
  const reopened = step(resolved, MEMBER, { event: 'reopen', reason: '问题没有解决' }, next())
  const reopenedAt = at
  const resolvedAgain = step(reopened, SERVICE, { event: 'resolve', summary: '已换新并致歉', compensation: null }, next())
  const resolvedAgainAt = at
  const confirmed = step(resolvedAgain, MEMBER, { event: 'confirm' }, next())
  const confirmedAt = at
  const withdrawn = step(reopened, MEMBER, { event: 'withdraw' }, later(reopenedAt, HOUR))
  const after = (from: Date) => later(from, 3 * DAY + 60_000)
  return {
    new: { ticket: fresh, at: after(FILED) },
    processing: { ticket: reopened, at: after(reopenedAt) },
    pending: { ticket: resolvedAgain, at: after(resolvedAgainAt) },
    closed: { ticket: confirmed, at: after(confirmedAt) },
    withdrawn: { ticket: withdrawn, at: after(later(reopenedAt, HOUR)) },
  }
}

const F = 'FORBIDDEN'
const C = 'CONFLICT'
type Outcome = TicketStatus | typeof F | typeof C
/** Outcomes in the order of TICKET_STATUSES: new, processing, pending, closed, withdrawn. */
type Row = [Outcome, Outcome, Outcome, Outcome, Outcome]
const NEVER: Row = [F, F, F, F, F]
const SAME: Row = ['new', 'processing', 'pending', 'closed', 'withdrawn']

const TABLE: Record<StateEvent, Record<ActorClassName, Row>> = {
  // To oneself: holding it already changes nothing (处理中 stays 处理中); an admin takes it over.
  assign: {
    member: NEVER,
    service: ['processing', 'processing', C, C, C],
    manager: ['processing', 'processing', C, C, C],
    system: NEVER,
  },
  // A staff reply takes a new ticket on; after the resolution it is still 待确认.
  reply: {
    member: NEVER,
    service: ['processing', 'processing', 'pending', C, C],
    manager: ['processing', 'processing', 'pending', C, C],
    system: NEVER,
  },
  memberReply: {
    member: ['new', 'processing', 'pending', C, C],
    service: NEVER,
    manager: NEVER,
    system: NEVER,
  },
  note: { member: NEVER, service: SAME, manager: SAME, system: NEVER },
  resolve: {
    member: NEVER,
    service: [C, 'pending', C, C, C],
    manager: [C, 'pending', C, C, C],
    system: NEVER,
  },
  confirm: { member: [C, C, 'closed', C, C], service: NEVER, manager: NEVER, system: NEVER },
  // Rating a resolution awaiting confirmation confirms it.
  rate: { member: [C, C, 'closed', 'closed', C], service: NEVER, manager: NEVER, system: NEVER },
  reopen: {
    member: [C, C, 'processing', 'processing', C],
    service: [C, C, 'processing', 'processing', C],
    manager: [C, C, 'processing', 'processing', C],
    system: NEVER,
  },
  withdraw: { member: ['withdrawn', 'withdrawn', C, C, C], service: NEVER, manager: NEVER, system: NEVER },
  escalate: {
    member: NEVER,
    service: ['new', 'processing', C, C, C],
    manager: ['new', 'processing', C, C, C],
    system: ['new', 'processing', C, C, C],
  },
  // Service staff close only what was resolved; owners and admins may close an open ticket too.
  close: {
    member: NEVER,
    service: [C, C, 'closed', C, C],
    manager: ['closed', 'closed', 'closed', C, C],
    system: NEVER,
  },
  autoClose: { member: NEVER, service: NEVER, manager: NEVER, system: [C, C, 'closed', C, C] },
  // A revisit is work beside the ticket's state; a ticket still 待受理 can have none open.
  contact: {
    member: NEVER,
    service: [C, 'processing', 'pending', 'closed', 'withdrawn'],
    manager: [C, 'processing', 'pending', 'closed', 'withdrawn'],
    system: NEVER,
  },
  closeRevisit: {
    member: NEVER,
    service: NEVER,
    manager: [C, 'processing', 'pending', 'closed', 'withdrawn'],
    system: NEVER,
  },
}

const STATES = ticketsByState()
const CASES = (Object.keys(TABLE) as StateEvent[]).flatMap((event) =>
  (Object.keys(ACTORS) as ActorClassName[]).flatMap((actorClass) => TICKET_STATUSES.map((status, index) => ({ event, actorClass, status, expected: TABLE[event][actorClass][index] }))),
)

describe('the state machine as a table', () => {
  it('builds a real ticket in every state, each meeting the guards beyond its state', () => {
    expect(Object.fromEntries(TICKET_STATUSES.map((status) => [status, STATES[status].ticket.status]))).toEqual(Object.fromEntries(TICKET_STATUSES.map((status) => [status, status])))
    expect(STATES.new.ticket.assignee).toBeNull()
    for (const status of ['processing', 'pending', 'closed', 'withdrawn'] as const) expect(STATES[status].ticket.revisitOpen).toBe(true)
    expect(STATES.pending.ticket.resolutions.map((resolution) => resolution.rating)).toEqual([null, null])
  })

  it('covers every event, actor class and state', () => {
    expect(CASES).toHaveLength(14 * 4 * 5)
  })

  it.each(CASES)('$status + $event by $actorClass → $expected', ({ event, actorClass, status, expected }) => {
    const { ticket, at } = STATES[status]
    const before = structuredClone(ticket)
    const verdict = decideTicketEvent(ticket, ACTORS[actorClass], inputOf(event, ACTORS[actorClass]), at)
    if (expected === F || expected === C) {
      expect(verdict).toMatchObject({ kind: 'refused', code: expected })
      // A refusal is a word, not a write: the stored ticket and everything derived from it stay as they were.
      expect(ticket).toEqual(before)
      return
    }
    if (verdict.kind === 'refused') throw new Error(`refused ${verdict.code}: ${verdict.message ?? ''}`)
    expect(verdict.ticket.status).toBe(expected)
    expect(ticket).toEqual(before)
    if (verdict.kind === 'unchanged') {
      // Only the holder taking what they already hold.
      expect({ event, actorClass, status }).toEqual({ event: 'assign', actorClass: 'service', status: 'processing' })
      return
    }
    const actor = ACTORS[actorClass]
    expect(verdict).toMatchObject({ kind: 'transition', event, from: status })
    expect(verdict.ticket.rev).toBe(ticket.rev + 1)
    expect(verdict.ticket.updatedAt).toEqual(at)
    // A reply to a ticket nobody had taken takes it first: 受理, then the reply.
    const takenByReply = event === 'reply' && status === 'new'
    const steps = takenByReply
      ? [
          { event: 'assign', from: status, to: expected },
          { event, from: expected, to: expected },
        ]
      : [{ event, from: status, to: expected }]
    expect(verdict.ticket.history).toHaveLength(ticket.history.length + steps.length)
    expect(verdict.ticket.history.slice(-steps.length)).toEqual(
      steps.map((step) => expect.objectContaining({ at, ...step, actor: actor.kind === 'system' ? 'system' : actor.openid, role: actor.kind === 'staff' ? actor.role : actor.kind })),
    )
    // Every write carries its derived fields worked out from the rest.
    expect(derive(verdict.ticket)).toEqual(verdict.ticket)
  })

  it('refuses cashiers and marketing staff everything, in every state', () => {
    for (const role of ['cashier', 'marketing'] as const) {
      const actor: Actor = { kind: 'staff', openid: `${role}-1`, role, name: role }
      for (const { ticket, at } of Object.values(STATES))
        for (const event of Object.keys(TABLE) as StateEvent[]) expect(decideTicketEvent(ticket, actor, inputOf(event, actor), at)).toMatchObject({ kind: 'refused', code: 'FORBIDDEN' })
    }
  })
})

describe('the guards beyond the state', () => {
  const taken = () => step(filed(), SERVICE, { event: 'assign', to: self(SERVICE) }, later(FILED, HOUR))
  const resolvedAt = later(FILED, 2 * HOUR)
  const resolved = () => step(taken(), SERVICE, { event: 'resolve', summary: '已致歉', compensation: null }, resolvedAt)
  const reopen: EventInput = { event: 'reopen', reason: '问题没有解决' }

  it('a member reopens within 7 days of the resolution or of the close, and not a millisecond later; staff at any time', () => {
    const pending = resolved()
    const lastMoment = later(resolvedAt, 7 * DAY)
    expect(decideTicketEvent(pending, MEMBER, reopen, lastMoment)).toMatchObject({ kind: 'transition', ticket: { status: 'processing' } })
    expect(decideTicketEvent(pending, MEMBER, reopen, later(lastMoment, 1))).toMatchObject({ kind: 'refused', code: 'CONFLICT', message: expect.stringContaining('7 天') })

    // Closed: the window runs from the close, not from the resolution.
    const closedAt = later(resolvedAt, 2 * DAY)
    const closed = step(pending, MEMBER, { event: 'confirm' }, closedAt)
    expect(decideTicketEvent(closed, MEMBER, reopen, later(resolvedAt, 8 * DAY))).toMatchObject({ kind: 'transition' })
    expect(decideTicketEvent(closed, MEMBER, reopen, later(closedAt, 7 * DAY + 1))).toMatchObject({ kind: 'refused', code: 'CONFLICT' })

    // Staff reopen a month later: the window is the member's.
    expect(decideTicketEvent(closed, SERVICE, reopen, later(closedAt, 30 * DAY))).toMatchObject({ kind: 'transition', ticket: { status: 'processing' } })
    expect(decideTicketEvent(closed, MANAGER, reopen, later(closedAt, 30 * DAY))).toMatchObject({ kind: 'transition', ticket: { status: 'processing' } })
  })

  it('a member’s reopen restarts the resolution clock and opens a revisit; a staff reopen opens none', () => {
    const pending = resolved()
    const at = later(resolvedAt, DAY)
    const byMember = step(pending, MEMBER, reopen, at)
    expect(byMember.resolutionDueAt).toEqual(later(at, 24 * 60 * 60_000))
    expect(byMember.revisit).toMatchObject({ status: 'open', reason: 'reopened', openedAt: at })
    expect(byMember.resolutions.at(-1)!.outcome).toBe('reopened')
    expect(step(pending, SERVICE, reopen, at).revisit).toBeNull()
  })

  it('rates once per resolution: a second rating is refused until the next resolution', () => {
    const rated = step(resolved(), MEMBER, { event: 'rate', score: 2, comment: '一般' }, later(resolvedAt, HOUR))
    expect(rated).toMatchObject({ status: 'closed', revisitOpen: true })
    expect(rated.resolutions[0]).toMatchObject({ outcome: 'confirmed', rating: { score: 2 } })
    const before = structuredClone(rated)
    expect(decideTicketEvent(rated, MEMBER, { event: 'rate', score: 5, comment: '' }, later(resolvedAt, 2 * HOUR))).toMatchObject({ kind: 'refused', code: 'CONFLICT' })
    expect(rated).toEqual(before)

    const reopened = step(rated, MEMBER, reopen, later(resolvedAt, 3 * HOUR))
    const again = step(reopened, SERVICE, { event: 'resolve', summary: '已退款', compensation: null }, later(resolvedAt, 4 * HOUR))
    const rerated = step(again, MEMBER, { event: 'rate', score: 5, comment: '满意' }, later(resolvedAt, 5 * HOUR))
    expect(rerated.resolutions.map((resolution) => resolution.rating?.score)).toEqual([2, 5])
    // A good rating ends the open revisit.
    expect(rerated).toMatchObject({ revisitOpen: false, revisit: { status: 'closed', closedBy: 'member' } })
  })

  it('a ticket closed before anyone answered counts the close as the answer, so a reopen does not find that clock long run out', () => {
    const closedAt = later(FILED, HOUR)
    const closed = step(filed(), MANAGER, { event: 'close', reason: '已电话联系会员处理' }, closedAt)
    expect(closed.firstRespondedAt).toEqual(closedAt)
    const reopenedAt = later(closedAt, 3 * DAY)
    const reopened = step(closed, MEMBER, reopen, reopenedAt)
    expect(reopened).toMatchObject({ status: 'processing', breached: false, watchAt: later(reopenedAt, 24 * HOUR) })
    expect(decideSweep(reopened, later(reopenedAt, 60_000))).toEqual({ kind: 'nothing' })
  })

  it('a ticket with no resolution cannot be rated, even once closed', () => {
    const closed = step(filed(), MANAGER, { event: 'close', reason: '重复提交' }, later(FILED, HOUR))
    expect(decideTicketEvent(closed, MEMBER, { event: 'rate', score: 5, comment: '' }, later(FILED, 2 * HOUR))).toMatchObject({ kind: 'refused', code: 'CONFLICT' })
  })

  it('service staff take tickets for themselves only, and not one a colleague holds; owners and admins assign anyone', () => {
    const fresh = filed()
    const at = later(FILED, HOUR)
    expect(decideTicketEvent(fresh, SERVICE, { event: 'assign', to: self(OTHER_SERVICE) }, at)).toMatchObject({ kind: 'refused', code: 'FORBIDDEN' })
    expect(decideTicketEvent(fresh, SERVICE, { event: 'assign', to: self(OTHER_SERVICE), reassign: true }, at)).toMatchObject({ kind: 'refused', code: 'FORBIDDEN' })
    const held = step(fresh, SERVICE, { event: 'assign', to: self(SERVICE) }, at)
    expect(held).toMatchObject({ assignee: 'svc-zhou', assigneeName: '小周', status: 'processing' })
    expect(decideTicketEvent(held, SERVICE, { event: 'assign', to: self(SERVICE) }, at)).toMatchObject({ kind: 'unchanged' })
    for (const manager of [MANAGER, OWNER]) {
      const moved = decideTicketEvent(held, manager, { event: 'assign', to: self(OTHER_SERVICE), reassign: true }, at)
      expect(moved).toMatchObject({ kind: 'transition', ticket: { assignee: 'svc-li', assigneeName: '小李' } })
      expect(moved.kind === 'transition' && moved.ticket.history.at(-1)).toMatchObject({ actor: manager.kind === 'staff' && manager.openid, reason: '指派给小李' })
      expect(decideTicketEvent(held, manager, { event: 'assign', to: self(manager), reassign: true }, at)).toMatchObject({
        kind: 'transition',
        ticket: { assignee: manager.kind === 'staff' && manager.openid },
      })
    }
  })

  it('受理 of a ticket someone else holds is a CONFLICT for everyone, so two pressing it at once end with the first', () => {
    const held = step(filed(), SERVICE, { event: 'assign', to: self(SERVICE) }, later(FILED, HOUR))
    for (const actor of [OTHER_SERVICE, MANAGER, OWNER])
      expect(decideTicketEvent(held, actor, { event: 'assign', to: self(actor) }, later(FILED, 2 * HOUR))).toMatchObject({ kind: 'refused', code: 'CONFLICT', message: '该工单已由小周受理' })
    // A service member's 指派 flag moves nothing either.
    expect(decideTicketEvent(held, OTHER_SERVICE, { event: 'assign', to: self(OTHER_SERVICE), reassign: true }, later(FILED, 2 * HOUR))).toMatchObject({ kind: 'refused', code: 'CONFLICT' })
  })

  it('a member acting on another member’s ticket finds no ticket, whatever the event; so does anyone on none', () => {
    for (const { ticket, at } of Object.values(STATES)) {
      const before = structuredClone(ticket)
      for (const event of ['memberReply', 'withdraw', 'confirm', 'reopen', 'rate', 'assign', 'close'] as const)
        expect(decideTicketEvent(ticket, OTHER_MEMBER, inputOf(event, OTHER_MEMBER), at)).toMatchObject({ kind: 'refused', code: 'NOT_FOUND' })
      expect(ticket).toEqual(before)
    }
    expect(decideTicketEvent(null, SERVICE, inputOf('note', SERVICE), FILED)).toMatchObject({ kind: 'refused', code: 'NOT_FOUND' })
  })

  it('closes automatically only 3 days after the resolution', () => {
    const pending = resolved()
    expect(decideTicketEvent(pending, SYSTEM, { event: 'autoClose' }, later(resolvedAt, 3 * DAY - 1))).toMatchObject({ kind: 'refused', code: 'CONFLICT' })
    const closed = step(pending, SYSTEM, { event: 'autoClose' }, later(resolvedAt, 3 * DAY))
    expect(closed).toMatchObject({ status: 'closed', awaitingMember: false })
    expect(closed.resolutions[0]).toMatchObject({ outcome: 'autoClosed', rating: null })
  })

  it('escalates once; revisit work needs an open revisit; only owners and admins end one', () => {
    const escalated = step(taken(), SERVICE, { event: 'escalate', reason: '会员情绪激动' }, later(FILED, 2 * HOUR))
    expect(decideTicketEvent(escalated, MANAGER, { event: 'escalate', reason: '再次升级' }, later(FILED, 3 * HOUR))).toMatchObject({ kind: 'refused', code: 'CONFLICT' })
    const noRevisit = resolved()
    expect(decideTicketEvent(noRevisit, SERVICE, inputOf('contact', SERVICE), later(resolvedAt, HOUR))).toMatchObject({ kind: 'refused', code: 'CONFLICT' })
    expect(decideTicketEvent(noRevisit, MANAGER, inputOf('closeRevisit', MANAGER), later(resolvedAt, HOUR))).toMatchObject({ kind: 'refused', code: 'CONFLICT' })
    const { ticket, at } = STATES.closed
    expect(decideTicketEvent(ticket, SERVICE, inputOf('closeRevisit', SERVICE), at)).toMatchObject({ kind: 'refused', code: 'FORBIDDEN' })
    const ended = step(ticket, OWNER, { event: 'closeRevisit', reason: '已电话沟通，会员接受' }, at)
    expect(ended).toMatchObject({ revisitOpen: false, revisit: { status: 'closed', closedBy: 'owner-chen', closedReason: '已电话沟通，会员接受' } })
  })

  it('records each step with who, when and why', () => {
    const at = later(FILED, HOUR)
    const closed = step(filed(), MANAGER, { event: 'close', reason: '会员电话撤销' }, at)
    expect(closed.history).toEqual([
      { at: FILED, event: 'file', from: null, to: 'new', actor: 'member-a', role: 'member', name: '林晓雨', reason: null },
      { at, event: 'close', from: 'new', to: 'closed', actor: 'admin-wang', role: 'admin', name: '王店长', reason: '会员电话撤销' },
    ])
  })
})
