import {
  assignPayload,
  countsPayload,
  logContactPayload,
  notePayload,
  queuePayload,
  reasonPayload,
  replyPayload,
  resolvePayload,
  ticketRefPayload,
  type QueueCounts,
  type QueuePage,
  type StaffTicket,
} from '../../shared/contract/ticket'
import { SERVICE_ROLES } from '../../shared/contract/access'
import { QUEUE_VIEWS } from '../../shared/contract/ticketFields'
import { cursorOf } from '../../shared/app/commands'
import { actOn, resolveTicket } from '../../shared/app/tickets'
import { imagesOf, memberSummaryOf, toQueueItem, toStaffTicket } from '../../shared/app/ticketViews'
import { ledgerRepo } from '../../shared/data/ledger'
import { membersRepo } from '../../shared/data/members'
import { encodeCursor } from '../../shared/data/paging'
import { activeRules } from '../../shared/data/rules'
import { staffRepo } from '../../shared/data/staff'
import { ticketsRepo, type TicketDoc } from '../../shared/data/tickets'
import type { Actor, EventInput } from '../../shared/domain/ticket'
import { AppError, defineAction, staffNameOf, type ActionContext, type Database } from '../../shared/runtime'

type StaffActor = Actor & { kind: 'staff' }

async function staffActor(ctx: ActionContext): Promise<StaffActor> {
  return { kind: 'staff', openid: ctx.openid, role: ctx.role!, name: (await staffNameOf(ctx.db, ctx.openid)) ?? '客服' }
}

/** A ticket as the staff member sees it after acting; the member summary comes with `staffDetail` only (the page keeps it). */
async function staffView(ticket: TicketDoc, actor: StaffActor, now: Date): Promise<StaffTicket> {
  return toStaffTicket(ticket, (await imagesOf([ticket])).get(ticket._id) ?? [], actor, null, now)
}

async function act(ticketId: string, input: EventInput, ctx: ActionContext): Promise<StaffTicket> {
  const actor = await staffActor(ctx)
  const { ticket } = await actOn(ctx.db, ticketId, actor, input, ctx.now)
  ctx.audit.member = ticket.openid
  return staffView(ticket, actor, ctx.now)
}

/** 工单队列: by promised time, filtered, a page at a time. */
export const queue = defineAction({
  schema: queuePayload,
  audit: false,
  async handler({ view, category, assignee, breached, cursor }, { db, openid, now }): Promise<QueuePage> {
    const repo = ticketsRepo(db)
    const rows = await repo.queue({ view, category, breached, ...(assignee === 'all' ? {} : { assignee: assignee === 'mine' ? openid : null }) }, cursorOf(cursor))
    const page = rows.slice(0, repo.PAGE)
    const last = page[page.length - 1]
    return { items: page.map((ticket) => toQueueItem(ticket, now)), nextCursor: rows.length > repo.PAGE && last ? encodeCursor(last.dueAt, last._id) : null }
  },
})

/** Each view's count, for the queue's tabs. */
export const counts = defineAction({
  schema: countsPayload,
  audit: false,
  async handler(_payload, { db }): Promise<QueueCounts> {
    const repo = ticketsRepo(db)
    const totals = await Promise.all(QUEUE_VIEWS.map((view) => repo.count({ view })))
    return Object.fromEntries(QUEUE_VIEWS.map((view, index) => [view, totals[index]])) as QueueCounts
  },
})

export const staffDetail = defineAction({
  schema: ticketRefPayload,
  audit: false,
  async handler({ ticketId }, ctx): Promise<StaffTicket> {
    const { db, now } = ctx
    const ticket = await ticketsRepo(db).byId(ticketId)
    if (!ticket) throw new AppError('NOT_FOUND', '找不到该工单')
    const [actor, images, member, orders, open, rules] = await Promise.all([
      staffActor(ctx),
      imagesOf([ticket]),
      membersRepo(db).byOpenid(ticket.openid),
      ledgerRepo(db).page(ticket.openid, { kinds: ['earn'], limit: 10 }),
      ticketsRepo(db).openCountOf(ticket.openid),
      activeRules(db, now),
    ])
    const thisOneOpen = ticket.lane === 'active' || ticket.lane === 'pending' ? 1 : 0
    const summary = memberSummaryOf(member, orders.filter((row) => row.order).slice(0, 5), Math.max(0, open - thisOneOpen), rules, now)
    return toStaffTicket(ticket, images.get(ticket._id) ?? [], actor, summary, now)
  },
})

/**
 * 受理 (`to` absent: to self, refused when someone else holds it) or 指派 (`to` given: owner and
 * admin, to another staff member or to themselves, moving a held ticket).
 */
export const assign = defineAction({
  schema: assignPayload,
  async handler({ ticketId, to }, ctx): Promise<StaffTicket> {
    const actor = await staffActor(ctx)
    const target = to && to !== ctx.openid ? await assignee(ctx.db, to) : { openid: actor.openid, name: actor.name }
    const { ticket } = await actOn(ctx.db, ticketId, actor, { event: 'assign', to: target, reassign: to !== undefined }, ctx.now)
    ctx.audit.member = ticket.openid
    return staffView(ticket, actor, ctx.now)
  },
})

/** Another staff member who may work tickets. */
async function assignee(db: Database, openid: string): Promise<{ openid: string; name: string }> {
  const staff = await staffRepo(db).byOpenid(openid)
  if (!staff || !(SERVICE_ROLES as readonly string[]).includes(staff.role))
    throw new AppError('INVALID_INPUT', '处理人须为客服、管理员或店主', [{ path: 'to', message: '处理人须为客服、管理员或店主' }])
  return { openid: staff._id, name: staff.name }
}

/**
 * What staff write to or about a member (replies, internal notes, a resolution's summary, a
 * revisit's contact note) lives on the ticket, which erasure blanks; the audit entry keeps only
 * which ticket it was, so the log never holds a copy.
 */
const ticketOnly = ({ ticketId }: { ticketId: string }) => ({ ticketId })

export const staffReply = defineAction({
  schema: replyPayload,
  auditPayload: ticketOnly,
  handler: ({ ticketId, text }, ctx) => act(ticketId, { event: 'reply', text }, ctx),
})

/** 内部备注: seen by staff only. */
export const note = defineAction({
  schema: notePayload,
  auditPayload: ticketOnly,
  handler: ({ ticketId, text }, ctx) => act(ticketId, { event: 'note', text }, ctx),
})

export const resolve = defineAction({
  schema: resolvePayload,
  auditPayload: ({ ticketId, compensation, requestId }) => ({ ticketId, compensation, requestId }),
  async handler({ ticketId, summary, compensation, requestId }, ctx): Promise<StaffTicket> {
    const actor = await staffActor(ctx)
    const { ticket } = await resolveTicket(ctx.db, ticketId, actor, { summary, compensation, requestId }, ctx.now)
    ctx.audit.member = ticket.openid
    return staffView(ticket, actor, ctx.now)
  },
})

export const escalate = defineAction({
  schema: reasonPayload,
  handler: ({ ticketId, reason }, ctx) => act(ticketId, { event: 'escalate', reason }, ctx),
})

export const close = defineAction({
  schema: reasonPayload,
  handler: ({ ticketId, reason }, ctx) => act(ticketId, { event: 'close', reason }, ctx),
})

export const staffReopen = defineAction({
  schema: reasonPayload,
  handler: ({ ticketId, reason }, ctx) => act(ticketId, { event: 'reopen', reason }, ctx),
})

/** 回访记录: one contact with the member about an open revisit. */
export const logContact = defineAction({
  schema: logContactPayload,
  auditPayload: ({ ticketId, channel, outcome }) => ({ ticketId, channel, outcome }),
  handler: ({ ticketId, channel, outcome, note: text }, ctx) => act(ticketId, { event: 'contact', channel, outcome, note: text }, ctx),
})

/** Ends a revisit without the member's good rating: owners and admins, with a reason. */
export const closeRevisit = defineAction({
  schema: reasonPayload,
  handler: ({ ticketId, reason }, ctx) => act(ticketId, { event: 'closeRevisit', reason }, ctx),
})
