import type { SweepReport } from '../contract/ticket'
import { ticketsRepo } from '../data/tickets'
import { ticketEscalationMessage } from '../domain/messages'
import { decideSweep, type TicketDoc } from '../domain/ticket'
import type { Database } from '../runtime/cloud'
import { deliver } from './deliver'
import { Budget, workThrough } from './jobChunks'
import { managersOf, messagesFor } from './tickets'

const PAGE = 100
const WORKERS = 8

/**
 * The ticket timer (every 15 minutes): each promised time missed is marked and the ticket escalated
 * to the owners and admins once; a resolution left 待确认 for three days is closed without a
 * rating. Every change is a conditional write on the ticket's `rev`, so overlapping runs each take
 * a ticket at most once between them, and a handled ticket leaves the `watchAt` query, so a run
 * cut off resumes where it stopped.
 */
export async function sweepTickets(db: Database, now: Date, budget: Budget): Promise<SweepReport> {
  const repo = ticketsRepo(db)
  const report: SweepReport = { examined: 0, breaches: 0, escalations: 0, autoClosed: 0, left: false, elapsedMs: 0 }
  // Read once per run, by whichever worker escalates first; the others wait on the same read.
  let managers: Promise<string[]> | null = null
  const managersNow = () => (managers ??= managersOf(db))
  // A handled ticket leaves the query; one lost to a concurrent write (or found with nothing due) is
  // left to the next run rather than fetched again and again in this one.
  const skipped = new Set<string>()
  while (budget.canTakeMore()) {
    const fetched = await repo.watchDue(now, PAGE + skipped.size)
    report.examined += fetched.length
    const page = fetched.filter((ticket) => !skipped.has(ticket._id))
    if (page.length === 0) break
    await workThrough(page, WORKERS, budget, async (ticket) => {
      if (!(await settle(ticket))) skipped.add(ticket._id)
    })
  }
  report.left = !budget.canTakeMore() && (await repo.watchDue(now, skipped.size + 1)).some((ticket) => !skipped.has(ticket._id))
  report.elapsedMs = budget.elapsedMs()
  return report

  /** Whether this run changed the ticket. */
  async function settle(ticket: TicketDoc): Promise<boolean> {
    const verdict = decideSweep(ticket, now)
    if (verdict.kind === 'nothing') return false
    if (verdict.kind === 'autoClose') {
      if (!(await repo.replaceIf(verdict.transition.ticket, ticket.rev))) return false
      report.autoClosed++
      await deliver(messagesFor(verdict.transition, { kind: 'system' }))
      return true
    }
    if (!(await repo.replaceIf(verdict.ticket, ticket.rev))) return false
    report.breaches += verdict.clocks.length
    if (!verdict.escalate) return true
    report.escalations++
    const missed = verdict.clocks[0]
    const dueAt = missed === 'firstResponse' ? ticket.firstResponseDueAt : ticket.resolutionDueAt
    await deliver((await managersNow()).map((openid) => ticketEscalationMessage(openid, ticket, missed, new Date(dueAt))))
    return true
  }
}
