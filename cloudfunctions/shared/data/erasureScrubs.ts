import { blankedTicket } from '../domain/erasure'
import type { SignupDoc } from '../domain/activity'
import type { Database } from '../runtime/cloud'
import { rowsOf } from './results'
import { ticketsRepo, type TicketDoc } from './tickets'

/** A ticket a colleague keeps writing to while it is blanked: tried again this often, then left for the next erasure run. */
const TICKET_ATTEMPTS = 3

/**
 * The copies of a member's personal data outside their member document: their tickets' texts
 * and pictures, their activity ratings' comments, and the contents of the messages sent to them.
 * A document already blank is not written again, so a second run changes nothing.
 */
export function erasureScrubs(db: Database) {
  const _ = db.command
  return {
    /** Blanks the copies; `removeFiles` deletes a ticket's pictures before the ticket stops naming them, so none is left behind unnamed. */
    async blankCopiesOf(openid: string, erasedName: string, removeFiles: (fileIDs: string[]) => Promise<void>): Promise<void> {
      await Promise.all([blankTickets(db, openid, erasedName, removeFiles), blankRatingComments(db, openid)])
      await db
        .collection('deliveries')
        .where({ openid })
        .update({ data: { data: _.set({}) } })
    },
  }
}

async function blankTickets(db: Database, openid: string, erasedName: string, removeFiles: (fileIDs: string[]) => Promise<void>): Promise<void> {
  const tickets = ticketsRepo(db)
  for (const ticket of await ticketsOf(db, openid)) {
    let current: TicketDoc | null = ticket
    for (let attempt = 0; current && attempt < TICKET_ATTEMPTS; attempt++) {
      const blanked = blankedTicket(current, erasedName)
      if (JSON.stringify(blanked) === JSON.stringify(current)) break
      if (current.images?.length) await removeFiles(current.images)
      // Conditional on `rev` and bumping it, like every ticket write: a colleague's write decided on the texts cannot land after this one.
      if (await tickets.replaceIf({ ...blanked, rev: current.rev + 1 }, current.rev)) break
      current = await tickets.byId(ticket._id)
    }
  }
}

function ticketsOf(db: Database, openid: string): Promise<TicketDoc[]> {
  return rowsOf<TicketDoc>(db.collection('tickets').where({ openid }).orderBy('createdAt', 'desc').limit(1000))
}

/** An activity rating's comment is the member's own words; the score stays for the activity's average. */
async function blankRatingComments(db: Database, openid: string): Promise<void> {
  const signups = await rowsOf<SignupDoc>(db.collection('signups').where({ openid }).orderBy('signedUpAt', 'desc').limit(1000))
  for (const signup of signups.filter((one) => one.rating?.comment)) {
    await db
      .collection('signups')
      .doc(signup._id)
      .update({ data: { 'rating.comment': '' } })
  }
}
