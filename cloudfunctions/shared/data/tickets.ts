import type { QueueQuery } from '../contract/ticket'
import { DEFAULT_SLA, type SlaSettings } from '../contract/ticketFields'
import type { TicketDoc } from '../domain/ticket'
import type { Database } from '../runtime/cloud'
import { isDuplicateKeyError } from './errors'
import { pastTies, type Cursor } from './paging'
import { countOf, rowsOf } from './results'
import { getOrNull, type Transaction } from './transaction'
import { wholeValues } from './wholeValues'

export type { TicketDoc } from '../domain/ticket'

const PAGE = 20
const SLA_DOC = 'ticket-sla'
/** Contenders for one day's ticket counter retry this often before the filing is reported busy. */
const NUMBER_ATTEMPTS = 60

export function ticketIn(transaction: Transaction, id: string): Promise<TicketDoc | null> {
  return getOrNull<TicketDoc>(transaction, 'tickets', id)
}

/** A ticket written whole inside a transaction that read it (the resolve that compensates). */
export async function putTicketIn(transaction: Transaction, ticket: TicketDoc): Promise<void> {
  const { _id, ...fields } = ticket
  await transaction.collection('tickets').doc(_id).set({ data: fields })
}

export interface QueueFilter {
  view: QueueQuery['view']
  category?: QueueQuery['category']
  /** An OPENID, null for unassigned, absent for everyone's. */
  assignee?: string | null
  breached?: boolean
}

export function ticketsRepo(db: Database) {
  const _ = db.command
  const tickets = db.collection('tickets')
  const counters = db.collection('counters')
  const settings = db.collection('settings')

  /** The queue's filter: one equality first (the working lane, a status, or an open revisit), then what the index holds after `dueAt`. */
  function queueWhere(filter: QueueFilter): Record<string, unknown> {
    const where: Record<string, unknown> = filter.view === 'revisit' ? { revisitOpen: true } : filter.view === 'active' ? { lane: 'active' } : { status: filter.view }
    if (filter.category) where.category = filter.category
    if (filter.assignee !== undefined) where.assignee = filter.assignee
    if (filter.breached !== undefined) where.breached = filter.breached
    return where
  }

  return {
    PAGE,
    async byId(id: string): Promise<TicketDoc | null> {
      const [doc] = await rowsOf<TicketDoc>(tickets.where({ _id: id }).limit(1))
      return doc ?? null
    },
    async insert(doc: TicketDoc): Promise<void> {
      await tickets.add({ data: doc })
    },
    /**
     * Writes the decided ticket only if nobody wrote it since it was read (`rev` unchanged): the
     * condition is what makes two staff taking one ticket at once end with one of them.
     */
    async replaceIf(ticket: TicketDoc, readRev: number): Promise<boolean> {
      const { _id, ...fields } = ticket
      const { stats } = (await tickets.where({ _id, rev: readRev }).update({ data: wholeValues(_, fields) })) as { stats: { updated: number } }
      return stats.updated === 1
    },
    /** The member's tickets, newest first, from the cursor. */
    async mine(openid: string, after: Cursor | null): Promise<TicketDoc[]> {
      const filter = { openid }
      const where = after ? { ...filter, createdAt: _.lte(after.at) } : filter
      const atCursor = (row: TicketDoc) => after !== null && new Date(row.createdAt).getTime() === after.at.getTime() && row._id >= after.id
      return pastTies((fetched) => rowsOf<TicketDoc>(tickets.where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(fetched)), atCursor, PAGE + 1, after ? 5 : 0)
    },
    /** One page of the staff queue, by promised time, from the cursor. */
    async queue(filter: QueueFilter, after: Cursor | null): Promise<TicketDoc[]> {
      const base = queueWhere(filter)
      const where = after ? { ...base, dueAt: _.gte(after.at) } : base
      const atCursor = (row: TicketDoc) => after !== null && new Date(row.dueAt).getTime() === after.at.getTime() && row._id <= after.id
      return pastTies((fetched) => rowsOf<TicketDoc>(tickets.where(where).orderBy('dueAt', 'asc').orderBy('_id', 'asc').limit(fetched)), atCursor, PAGE + 1, after ? 5 : 0)
    },
    /** The member opened the ticket: a staff reply or resolution is no longer unseen (no `rev` bump: it decides nothing). */
    async markSeen(id: string, openid: string): Promise<void> {
      await tickets.where({ _id: id, openid, awaitingMember: true }).update({ data: { awaitingMember: false } })
    },
    async count(filter: QueueFilter): Promise<number> {
      return countOf(tickets.where(queueWhere(filter)))
    },
    /** The member's tickets still open or awaiting their word. */
    async openCountOf(openid: string): Promise<number> {
      return countOf(tickets.where({ openid, lane: _.in(['active', 'pending']) }))
    },
    /** What the timer must look at now, earliest first: the index answers it whole. */
    async watchDue(now: Date, limit: number): Promise<TicketDoc[]> {
      return rowsOf<TicketDoc>(
        tickets
          .where({ watchAt: _.lte(now) })
          .orderBy('watchAt', 'asc')
          .limit(limit),
      )
    },
    /** Tickets filed in [from, to), oldest first, at most `limit`: the statistics walk, a page of 1,000 at a time. */
    async filedBetween(from: Date, to: Date, limit: number): Promise<TicketDoc[]> {
      const rows: TicketDoc[] = []
      let after: Cursor | null = null
      while (rows.length < limit) {
        const wanted = Math.min(1000, limit - rows.length)
        const seen: Cursor | null = after
        const where = { createdAt: _.gte(seen ? seen.at : from).and(_.lt(to)) }
        const atCursor = (row: TicketDoc) => seen !== null && new Date(row.createdAt).getTime() === seen.at.getTime() && row._id <= seen.id
        const page: TicketDoc[] = await pastTies((fetched) => rowsOf<TicketDoc>(tickets.where(where).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(fetched)), atCursor, wanted, seen ? 5 : 0)
        rows.push(...page)
        const last: TicketDoc | undefined = page[page.length - 1]
        if (!last || page.length < wanted) break
        after = { at: new Date(last.createdAt), id: last._id }
      }
      return rows
    },
    async revisitsOpen(): Promise<number> {
      return countOf(tickets.where({ revisitOpen: true }))
    },
    /**
     * The next number of a Beijing day: the day's counter moved by a conditional update, so two
     * filings can never take one number, and a lost race simply reads again.
     */
    async claimNumber(day: string): Promise<number> {
      const key = `ticket:${day}`
      for (let attempt = 1; ; attempt++) {
        const [counter] = await rowsOf<{ _id: string; n: number }>(counters.where({ _id: key }).limit(1))
        if (!counter) {
          try {
            await counters.add({ data: { _id: key, n: 1 } })
            return 1
          } catch (error) {
            if (!isDuplicateKeyError(error)) throw error
          }
        } else {
          const { stats } = (await counters.where({ _id: key, n: counter.n }).update({ data: { n: counter.n + 1 } })) as { stats: { updated: number } }
          if (stats.updated === 1) return counter.n + 1
        }
        if (attempt >= NUMBER_ATTEMPTS) throw new Error('ticket counter contended')
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * 2 ** Math.min(attempt, 5)))
      }
    },
    async sla(): Promise<SlaSettings> {
      const [doc] = await rowsOf<{ _id: string } & SlaSettings>(settings.where({ _id: SLA_DOC }).limit(1))
      return doc ? { categories: { ...DEFAULT_SLA.categories, ...doc.categories }, businessHours: doc.businessHours ?? null } : DEFAULT_SLA
    },
    async setSla(sla: SlaSettings, by: string, at: Date): Promise<void> {
      await settings.doc(SLA_DOC).set({ data: { ...sla, updatedBy: by, updatedAt: at } })
    },
  }
}
