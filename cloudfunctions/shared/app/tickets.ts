import { createHmac } from 'node:crypto'
import { MANAGER_ROLES } from '../contract/access'
import type { CompensationInput, TicketFiling, TicketRef } from '../contract/ticket'
import { TICKET_IMAGE, TICKET_STATUS_LABELS, type SlaSettings, type TicketStatus } from '../contract/ticketFields'
import { activitiesRepo } from '../data/activities'
import { isKeyTaken, KeyTaken, applyDecision } from '../data/applyDecision'
import { isDuplicateKeyError } from '../data/errors'
import { ledgerRepo } from '../data/ledger'
import { memberIn, membersRepo } from '../data/members'
import { activeRules } from '../data/rules'
import { staffRepo } from '../data/staff'
import { putTicketIn, ticketIn, ticketsRepo, type TicketDoc } from '../data/tickets'
import { instanceCache } from '../data/instanceCache'
import { inTransaction } from '../data/transaction'
import { signupId } from '../domain/activity'
import { makeCouponCode } from '../domain/birthday'
import { shopDate } from '../domain/calendar'
import { isActiveMember } from '../domain/member'
import { ticketEscalationMessage, ticketUpdateMessage, type Message } from '../domain/messages'
import { decideTicketEvent, latestResolution, newTicket, ticketNumber, type Actor, type EventInput, type Transition } from '../domain/ticket'
import { decideCompensation } from '../domain/ticketCompensation'
import type { Database } from '../runtime/cloud'
import { AppError, invalidInput } from '../runtime/errors'
import { checkStoredImage } from '../runtime/images'
import { deliver } from './deliver'
import { memberCodeSecret } from '../runtime/secrets'
import { refusalError } from './commands'

/**
 * The ticket's commands: filing, and every later event as read → decide → one conditional write
 * (or one transaction, when a resolution compensates), with the member's message after commit.
 */

/** SLA settings, remembered per instance for 30 s like the rules: every filing reads them. */
const slaCache = instanceCache<SlaSettings>(30_000)

export function slaSettings(db: Database, now: Date): Promise<SlaSettings> {
  return slaCache.get(now, () => ticketsRepo(db).sla())
}

export function forgetSlaSettings(): void {
  slaCache.forget()
}

/**
 * The storage folder a member's ticket pictures go to: named by a keyed hash of their OPENID, so
 * it reveals nothing and nobody else can name it; a filing whose pictures lie elsewhere is refused.
 */
export function uploadFolderOf(openid: string): string {
  return `tickets/${createHmac('sha256', memberCodeSecret()).update(`ticket-images:${openid}`).digest('base64url').slice(0, 22)}`
}

function inFolder(fileId: string, folder: string): boolean {
  const path = fileId.replace(/^cloud:\/\/[^/]+\//, '')
  return path.startsWith(`${folder}/`) && !path.includes('..')
}

/** Files the member's complaint: pictures checked from storage, the order or activity checked as theirs, a number from the day's counter. */
export async function fileTicket(db: Database, openid: string, filing: TicketFiling, now: Date): Promise<TicketDoc> {
  const folder = uploadFolderOf(openid)
  filing.images.forEach((fileId, index) => {
    if (!inFolder(fileId, folder)) throw invalidInput([{ path: `images.${index}`, message: '图片不属于您，请重新上传' }])
  })
  const [member, ref, sla] = await Promise.all([membersRepo(db).byOpenid(openid), refOf(db, openid, filing.ref), slaSettings(db, now)])
  if (!isActiveMember(member)) throw new AppError('NOT_MEMBER')
  await Promise.all(filing.images.map((fileId, index) => checkStoredImage(fileId, `images.${index}`, TICKET_IMAGE)))
  const repo = ticketsRepo(db)
  const sequence = await repo.claimNumber(shopDate(now))
  const ticket = newTicket({
    id: ticketNumber(now, sequence),
    openid,
    memberName: member.profile.name,
    cardNo: member.cardNo,
    category: filing.category,
    text: filing.text,
    images: filing.images,
    ref,
    sla,
    now,
  })
  await repo.insert(ticket)
  return ticket
}

/** The order or activity the complaint names, as the member would recognise it; another member's is FORBIDDEN. */
async function refOf(db: Database, openid: string, ref: TicketFiling['ref']): Promise<TicketRef | null> {
  if (!ref) return null
  if (ref.kind === 'order') {
    const row = await ledgerRepo(db).byId(ref.id)
    if (!row?.order) throw invalidInput([{ path: 'ref.id', message: '找不到该订单' }])
    if (row.openid !== openid) throw new AppError('FORBIDDEN', '只能就自己的订单提交反馈')
    return { kind: 'order', id: ref.id, label: `订单 ${row.order.orderNo}` }
  }
  const repo = activitiesRepo(db)
  // The member's own signup with its activity in one read; only without one is the activity read alone, to say which refusal it is.
  const joined = await repo.signupWithActivity(signupId(ref.id, openid))
  const activity = joined ? joined.activity : await repo.byId(ref.id)
  if (!activity || activity.status === 'draft') throw invalidInput([{ path: 'ref.id', message: '找不到该活动' }])
  if (!joined) throw new AppError('FORBIDDEN', '只能就自己报名的活动提交反馈')
  return { kind: 'activity', id: ref.id, label: activity.title }
}

/** The member hears of each change of state that concerns them, and not of their own. */
export function messagesFor(transition: Transition, actor: Actor): Message[] {
  if (actor.kind === 'member' || transition.from === transition.ticket.status) return []
  const ticket = transition.ticket
  return [ticketUpdateMessage(ticket.openid, ticket, ticket.status, updateNote(transition), ticket.updatedAt)]
}

function updateNote(transition: Transition): string {
  const latest = latestResolution(transition.ticket)
  const notes: Partial<Record<TicketStatus, string>> = {
    processing: transition.event === 'reopen' ? '工单已重新打开，我们会继续跟进' : '您的反馈已受理，我们正在处理',
    pending: latest ? latest.summary : '处理结果已提交，请确认',
    closed: transition.event === 'autoClose' ? '3天未确认，工单已自动关闭' : '工单已关闭，感谢您的反馈',
  }
  return notes[transition.ticket.status] ?? `工单${TICKET_STATUS_LABELS[transition.ticket.status]}`
}

export type EventOutcome = { ticket: TicketDoc; changed: boolean }

/** Attempts at an event whose write lost to another since its read (a colleague's note, the timer's breach mark). */
const EVENT_ATTEMPTS = 3

/**
 * One event on one ticket: read, decide, write if nobody wrote it since, then the messages. A
 * write that lost is decided again on the ticket as it now is, so it fails only when what changed
 * makes it illegal (a colleague took the ticket first: CONFLICT); an event the rules refuse writes
 * nothing. `isRepeat` recognises the same command already carried out, answered as it stands.
 */
export async function actOn(db: Database, ticketId: string, actor: Actor, input: EventInput, now: Date, isRepeat: (ticket: TicketDoc) => boolean = () => false): Promise<EventOutcome> {
  const repo = ticketsRepo(db)
  for (let attempt = 1; ; attempt++) {
    const ticket = await repo.byId(ticketId)
    if (ticket && isRepeat(ticket)) return { ticket, changed: false }
    const verdict = decideTicketEvent(ticket, actor, input, now)
    if (verdict.kind === 'refused') throw refusalError(verdict)
    if (verdict.kind === 'unchanged') return { ticket: verdict.ticket, changed: false }
    if (await repo.replaceIf(verdict.ticket, ticket!.rev)) {
      await deliver([...messagesFor(verdict, actor), ...(await escalationMessages(db, verdict, input))])
      return { ticket: verdict.ticket, changed: true }
    }
    if (attempt >= EVENT_ATTEMPTS) throw new AppError('CONFLICT', '工单刚被他人更新，请刷新后重试')
  }
}

/** The owners and admins, who hear of every escalation (each within their own consent). */
export async function managersOf(db: Database): Promise<string[]> {
  return (await staffRepo(db).list()).filter((staff) => (MANAGER_ROLES as readonly string[]).includes(staff.role)).map((staff) => staff._id)
}

/** A hand escalation tells the owners and admins, with the staff member's reason. */
async function escalationMessages(db: Database, transition: Transition, input: EventInput): Promise<Message[]> {
  if (input.event !== 'escalate') return []
  const ticket = transition.ticket
  const dueAt = ticket.firstRespondedAt ? ticket.resolutionDueAt : ticket.firstResponseDueAt
  return (await managersOf(db)).map((openid) => ticketEscalationMessage(openid, ticket, { reason: input.reason }, new Date(dueAt)))
}

/** A clash of random coupon codes is vanishingly rare; one retry makes it moot. */
const CODE_ATTEMPTS = 3

/**
 * 提交处理结果. Without compensation it is one conditional write. With it, the ticket and the points
 * or coupon change in one transaction, the compensation under `ticket:<id>:<n>`: a retry after the
 * first committed finds the resolution already given (the same summary and compensation) and
 * answers it, and two at once end with one resolution and one compensation.
 */
export async function resolveTicket(
  db: Database,
  ticketId: string,
  actor: Actor & { kind: 'staff' },
  resolution: { summary: string; compensation: CompensationInput | null; requestId: string | null },
  now: Date,
): Promise<EventOutcome> {
  const { summary, compensation, requestId } = resolution
  const input: EventInput = { event: 'resolve', summary, compensation, requestId }
  const isRepeat = (ticket: TicketDoc) => isSameResolution(ticket, resolution)
  if (!compensation) return actOn(db, ticketId, actor, input, now, isRepeat)
  const rules = await activeRules(db, now)
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await inTransaction(db, async (transaction) => {
        const ticket = await ticketIn(transaction, ticketId)
        if (ticket && isRepeat(ticket)) return { kind: 'repeat' as const, ticket }
        const verdict = decideTicketEvent(ticket, actor, input, now)
        if (verdict.kind !== 'transition') return verdict
        const given = latestResolution(verdict.ticket)!.compensation!
        const member = await memberIn(transaction, verdict.ticket.openid)
        const points = decideCompensation(member, ticketId, given, compensation, actor.openid, rules, now, makeCouponCode(Math.random))
        if (points.kind === 'refused') return points
        // The resolution's number is new (the ticket was read in this transaction), so a taken key is a broken invariant: roll back.
        if ((await applyDecision(transaction, points)) === 'repeat') throw new KeyTaken(given.kind === 'points' ? 'ledger' : 'coupons', given.key)
        await putTicketIn(transaction, verdict.ticket)
        return verdict
      })
      if (outcome.kind === 'refused') throw refusalError(outcome)
      if (outcome.kind === 'repeat' || outcome.kind === 'unchanged') return { ticket: outcome.ticket, changed: false }
      await deliver(messagesFor(outcome, actor))
      return { ticket: outcome.ticket, changed: true }
    } catch (error) {
      if (isKeyTaken(error)) throw new AppError('CONFLICT', '工单刚被他人更新，请刷新后重试')
      if (isDuplicateKeyError(error) && attempt < CODE_ATTEMPTS) continue
      throw error
    }
  }
}

/**
 * A resolve sent again after it was carried out: by its attempt id, among every resolution (a
 * retry arriving after the member reopened is still the first, not a second compensation); without
 * one, the same summary and compensation on the resolution awaiting confirmation.
 */
function isSameResolution(ticket: TicketDoc, { summary, compensation, requestId }: { summary: string; compensation: CompensationInput | null; requestId: string | null }): boolean {
  if (requestId) return ticket.resolutions.some((given) => given.requestId === requestId)
  const latest = latestResolution(ticket)
  if (ticket.status !== 'pending' || !latest || latest.summary !== summary) return false
  const given = latest.compensation
  if (!compensation || !given) return !compensation && !given
  return compensation.kind === given.kind && (compensation.kind === 'points' ? compensation.points === given.points : compensation.coupon.title === given.couponTitle)
}
