import type { MemberTicket, MemberTicketActions, QueueItem, ResolutionView, StaffTicket, StaffTicketActions, TicketImage, TicketMemberSummary, TicketSummary, TimelineEntry } from '../contract/ticket'
import { REOPEN_WINDOW_MS } from '../contract/ticketFields'
import type { LedgerRow } from '../domain/ledger'
import type { MemberDoc } from '../domain/member'
import type { Rules } from '../domain/rules'
import { decideTicketEvent, latestResolution, overdueNow, type Actor, type EventInput, type HistoryDoc, type TicketDoc } from '../domain/ticket'
import { definitionOf, qualifyingFigure } from '../domain/tiers'
import { imageUrlsOf } from '../runtime/images'

/**
 * What members and staff see of a ticket. The member's view is built from an allow-list of
 * fields: internal notes, revisit records, escalations and every staff OPENID stay out of it by
 * construction, not by deletion.
 */

const iso = (at: Date | string) => new Date(at).toISOString()
const isoOrNull = (at: Date | string | null) => (at ? iso(at) : null)

/** Events a member sees in their timeline: the ticket's own steps, not the staff's internal work. */
const MEMBER_EVENTS = new Set<HistoryDoc['event']>(['file', 'assign', 'resolve', 'confirm', 'rate', 'reopen', 'withdraw', 'close', 'autoClose'])

export async function imagesOf(tickets: readonly TicketDoc[]): Promise<Map<string, TicketImage[]>> {
  const fileIds = tickets.flatMap((ticket) => ticket.images)
  const urls = await imageUrlsOf(fileIds)
  const byFile = new Map(fileIds.map((fileId, index) => [fileId, urls[index]]))
  return new Map(tickets.map((ticket) => [ticket._id, ticket.images.map((fileId) => ({ fileId, url: byFile.get(fileId) ?? null }))]))
}

function excerpt(text: string): string {
  const characters = [...text]
  return characters.length <= 40 ? text : `${characters.slice(0, 39).join('')}…`
}

export function toSummary(ticket: TicketDoc): TicketSummary {
  return {
    id: ticket._id,
    category: ticket.category,
    status: ticket.status,
    excerpt: excerpt(ticket.text),
    createdAt: iso(ticket.createdAt),
    updatedAt: iso(ticket.updatedAt),
    awaitingMember: ticket.awaitingMember,
  }
}

function resolutionsOf(ticket: TicketDoc): ResolutionView[] {
  return ticket.resolutions.map((resolution) => ({
    n: resolution.n,
    at: iso(resolution.at),
    summary: resolution.summary,
    compensation: resolution.compensation ? { kind: resolution.compensation.kind, points: resolution.compensation.points, couponTitle: resolution.compensation.couponTitle } : null,
    rating: resolution.rating ? { score: resolution.rating.score, comment: resolution.rating.comment, at: iso(resolution.rating.at) } : null,
    outcome: resolution.outcome,
  }))
}

function timelineEntry(entry: HistoryDoc): TimelineEntry {
  const by = entry.role === 'member' ? 'member' : entry.role === 'system' ? 'system' : 'staff'
  // A staff step's reason can name colleagues (指派给…); the member reads the step, not the staff's words.
  const reason = entry.event === 'assign' ? null : entry.reason
  return { at: iso(entry.at), event: entry.event, from: entry.from, to: entry.to, by, reason }
}

/** Whether the actor may do the event now: the same decision the action would make, so a button never promises what the server refuses. */
function allowed(ticket: TicketDoc, actor: Actor, input: EventInput, now: Date): boolean {
  return decideTicketEvent(ticket, actor, input, now).kind !== 'refused'
}

export function memberActions(ticket: TicketDoc, now: Date): MemberTicketActions {
  const me: Actor = { kind: 'member', openid: ticket.openid }
  return {
    reply: allowed(ticket, me, { event: 'memberReply', text: '…' }, now),
    withdraw: allowed(ticket, me, { event: 'withdraw' }, now),
    confirm: allowed(ticket, me, { event: 'confirm' }, now),
    reopen: allowed(ticket, me, { event: 'reopen', reason: '……' }, now),
    rate: allowed(ticket, me, { event: 'rate', score: 5, comment: '' }, now),
  }
}

function reopenUntil(ticket: TicketDoc, can: MemberTicketActions): string | null {
  if (!can.reopen) return null
  const since = ticket.status === 'pending' ? latestResolution(ticket)?.at : ticket.closedAt
  return since ? iso(new Date(new Date(since).getTime() + REOPEN_WINDOW_MS)) : null
}

/** The member's own ticket, from an allow-list of fields. */
export function toMemberTicket(ticket: TicketDoc, images: TicketImage[], now: Date): MemberTicket {
  const can = memberActions(ticket, now)
  return {
    id: ticket._id,
    category: ticket.category,
    status: ticket.status,
    text: ticket.text,
    images,
    ref: ticket.ref,
    createdAt: iso(ticket.createdAt),
    promised: { firstResponseDueAt: iso(ticket.firstResponseDueAt), firstRespondedAt: isoOrNull(ticket.firstRespondedAt), resolutionDueAt: iso(ticket.resolutionDueAt) },
    thread: ticket.thread.map((entry) => ({ at: iso(entry.at), from: entry.from, name: entry.from === 'member' ? '我' : entry.name, text: entry.text })),
    timeline: ticket.history.filter((entry) => MEMBER_EVENTS.has(entry.event)).map(timelineEntry),
    resolutions: resolutionsOf(ticket),
    can,
    reopenUntil: reopenUntil(ticket, can),
  }
}

export function staffActions(ticket: TicketDoc, actor: Actor & { kind: 'staff' }, now: Date): StaffTicketActions {
  const self = { openid: actor.openid, name: actor.name }
  const manager = actor.role === 'owner' || actor.role === 'admin'
  return {
    assign: ticket.assignee !== actor.openid && allowed(ticket, actor, { event: 'assign', to: self }, now),
    assignOthers: manager && allowed(ticket, actor, { event: 'assign', to: { openid: '\u0000other', name: '' }, reassign: true }, now),
    reply: allowed(ticket, actor, { event: 'reply', text: '…' }, now),
    note: allowed(ticket, actor, { event: 'note', text: '…' }, now),
    resolve: allowed(ticket, actor, { event: 'resolve', summary: '……', compensation: null }, now),
    escalate: allowed(ticket, actor, { event: 'escalate', reason: '……' }, now),
    close: allowed(ticket, actor, { event: 'close', reason: '……' }, now),
    reopen: allowed(ticket, actor, { event: 'reopen', reason: '……' }, now),
    logContact: allowed(ticket, actor, { event: 'contact', channel: 'phone', outcome: 'reached', note: '…' }, now),
    closeRevisit: allowed(ticket, actor, { event: 'closeRevisit', reason: '……' }, now),
  }
}

/** What the staff member working the ticket sees about the member: tier, a year's spend, recent orders, other open tickets. */
export function memberSummaryOf(member: MemberDoc | null, orders: readonly LedgerRow[], otherOpenTickets: number, rules: Rules, now: Date): TicketMemberSummary | null {
  if (!member) return null
  return {
    name: member.profile.name,
    cardNo: member.cardNo,
    tier: member.tier,
    tierName: definitionOf(member.tier, rules.tiers).name,
    spend12mFen: qualifyingFigure(member.activity, 'spend', now),
    lastOrders: orders.filter((row) => row.order).map((row) => ({ orderNo: row.order!.orderNo, amountFen: row.order!.amountFen, at: iso(row.createdAt) })),
    otherOpenTickets,
  }
}

export function toStaffTicket(ticket: TicketDoc, images: TicketImage[], actor: Actor & { kind: 'staff' }, member: TicketMemberSummary | null, now: Date): StaffTicket {
  const shared = toMemberTicket(ticket, images, now)
  const { can: _memberCan, timeline: _memberTimeline, ...rest } = shared
  return {
    ...rest,
    // The member's own words show as theirs, not as 我.
    thread: ticket.thread.map((entry) => ({ at: iso(entry.at), from: entry.from, name: entry.name, text: entry.text })),
    memberOpenidHint: `${ticket.openid.slice(0, 4)}…`,
    member,
    assignee: ticket.assignee ? { openid: ticket.assignee, name: ticket.assigneeName ?? '' } : null,
    notes: ticket.notes.map((note) => ({ at: iso(note.at), name: note.name, text: note.text })),
    timeline: ticket.history.map((entry) => ({ ...timelineEntry(entry), reason: entry.reason, name: entry.name, role: entry.role === 'member' || entry.role === 'system' ? null : entry.role })),
    breached: { firstResponse: ticket.breachedFirstResponse, resolution: ticket.breachedResolution },
    escalated: ticket.escalated,
    revisit: ticket.revisit
      ? {
          status: ticket.revisit.status,
          reason: ticket.revisit.reason,
          openedAt: iso(ticket.revisit.openedAt),
          contacts: ticket.revisit.contacts.map((contact) => ({ at: iso(contact.at), name: contact.name, channel: contact.channel, outcome: contact.outcome, note: contact.note })),
          closedAt: isoOrNull(ticket.revisit.closedAt),
          closedReason: ticket.revisit.closedReason,
        }
      : null,
    can: staffActions(ticket, actor, now),
  }
}

export function toQueueItem(ticket: TicketDoc, now: Date): QueueItem {
  return {
    id: ticket._id,
    category: ticket.category,
    status: ticket.status,
    excerpt: excerpt(ticket.text),
    memberName: ticket.memberName,
    assigneeName: ticket.assigneeName,
    dueAt: ticket.lane === 'done' ? null : iso(ticket.dueAt),
    dueKind: ticket.lane === 'done' ? null : ticket.lane === 'pending' ? 'autoClose' : ticket.firstRespondedAt ? 'resolution' : 'firstResponse',
    // Missed but not yet marked by the timer counts too: the queue shows it the minute it is late.
    breached: ticket.breached || overdueNow(ticket, now),
    escalated: ticket.escalated,
    revisitOpen: ticket.revisitOpen,
    createdAt: iso(ticket.createdAt),
  }
}
