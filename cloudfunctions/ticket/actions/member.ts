import {
  fileTicketPayload,
  myTicketsPayload,
  rateTicketPayload,
  reasonPayload,
  replyPayload,
  ticketRefPayload,
  uploadFolderPayload,
  type MemberTicket,
  type TicketPage,
  type UploadFolder,
} from '../../shared/contract/ticket'
import { cursorOf } from '../../shared/app/commands'
import { actOn, fileTicket, uploadFolderOf } from '../../shared/app/tickets'
import { imagesOf, toMemberTicket, toSummary } from '../../shared/app/ticketViews'
import { encodeCursor } from '../../shared/data/paging'
import { ticketsRepo, type TicketDoc } from '../../shared/data/tickets'
import type { Actor, EventInput } from '../../shared/domain/ticket'
import { AppError, defineAction, type ActionContext } from '../../shared/runtime'

/** A member's ticket as they see it, with its pictures' links. */
async function memberView(ticket: TicketDoc, now: Date): Promise<MemberTicket> {
  return toMemberTicket(ticket, (await imagesOf([ticket])).get(ticket._id) ?? [], now)
}

const memberActor = (ctx: ActionContext): Actor => ({ kind: 'member', openid: ctx.openid })

async function act(ticketId: string, input: EventInput, ctx: ActionContext): Promise<MemberTicket> {
  const { ticket } = await actOn(ctx.db, ticketId, memberActor(ctx), input, ctx.now)
  return memberView(ticket, ctx.now)
}

/** Where the member's pictures go before filing (see uploadFolderOf). */
export const uploadFolder = defineAction({
  schema: uploadFolderPayload,
  async handler(_payload, { openid }): Promise<UploadFolder> {
    return { folder: uploadFolderOf(openid) }
  },
})

export const file = defineAction({
  schema: fileTicketPayload,
  async handler(filing, { db, openid, now }): Promise<MemberTicket> {
    return memberView(await fileTicket(db, openid, filing, now), now)
  },
})

/** 我的反馈: newest first, a page at a time. */
export const mine = defineAction({
  schema: myTicketsPayload,
  async handler({ cursor }, { db, openid }): Promise<TicketPage> {
    const repo = ticketsRepo(db)
    const rows = await repo.mine(openid, cursorOf(cursor))
    const page = rows.slice(0, repo.PAGE)
    const last = page[page.length - 1]
    return { items: page.map(toSummary), nextCursor: rows.length > repo.PAGE && last ? encodeCursor(last.createdAt, last._id) : null }
  },
})

export const detail = defineAction({
  schema: ticketRefPayload,
  async handler({ ticketId }, { db, openid, now }): Promise<MemberTicket> {
    const ticket = await ticketsRepo(db).byId(ticketId)
    // Another member's ticket reads as no ticket at all.
    if (!ticket || ticket.openid !== openid) throw new AppError('NOT_FOUND', '找不到该工单')
    if (ticket.awaitingMember) await ticketsRepo(db).markSeen(ticket._id, openid)
    return memberView(ticket, now)
  },
})

/** 补充说明: the member adds to the thread. */
export const reply = defineAction({
  schema: replyPayload,
  handler: ({ ticketId, text }, ctx) => act(ticketId, { event: 'memberReply', text }, ctx),
})

export const withdraw = defineAction({
  schema: ticketRefPayload,
  handler: ({ ticketId }, ctx) => act(ticketId, { event: 'withdraw' }, ctx),
})

export const confirm = defineAction({
  schema: ticketRefPayload,
  handler: ({ ticketId }, ctx) => act(ticketId, { event: 'confirm' }, ctx),
})

/** Within 7 days of the resolution or the close, with the member's reason; it starts a revisit. */
export const reopen = defineAction({
  schema: reasonPayload,
  handler: ({ ticketId, reason }, ctx) => act(ticketId, { event: 'reopen', reason }, ctx),
})

/** 1–5 and a comment, once per resolution; rating a resolution still awaiting confirmation confirms it. */
export const rate = defineAction({
  schema: rateTicketPayload,
  handler: ({ ticketId, score, comment }, ctx) => act(ticketId, { event: 'rate', score, comment }, ctx),
})
