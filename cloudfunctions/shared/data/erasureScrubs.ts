import type { Database } from '../runtime/cloud'
import { rowsOf } from './results'
import type { TicketDoc } from '../domain/ticket'

/** What an erased member's tickets keep: their number, category, status and times, for the statistics. */
const BLANKED_TEXT = '（会员已注销，内容已删除）'

/**
 * The copies of a member's personal data outside their member document: the name and texts on
 * their tickets, and the contents of the messages sent to them. Each write is a plain overwrite, so
 * running it again changes nothing.
 */
export function erasureScrubs(db: Database) {
  const _ = db.command
  return {
    async blankCopiesOf(openid: string, erasedName: string): Promise<void> {
      const tickets = await rowsOf<TicketDoc>(db.collection('tickets').where({ openid }).orderBy('createdAt', 'desc').limit(1000))
      for (const ticket of tickets) {
        const thread = (ticket.thread ?? []).map((entry) => (entry.from === 'member' ? { ...entry, name: erasedName, text: BLANKED_TEXT } : entry))
        // The member's own steps keep their event and time; their name and the reasons they wrote go.
        const history = (ticket.history ?? []).map((entry) => (entry.role === 'member' ? { ...entry, name: erasedName, reason: entry.reason ? BLANKED_TEXT : null } : entry))
        const resolutions = (ticket.resolutions ?? []).map((entry) => (entry.rating?.comment ? { ...entry, rating: { ...entry.rating, comment: '' } } : entry))
        await db
          .collection('tickets')
          .doc(ticket._id)
          .update({ data: { memberName: erasedName, text: BLANKED_TEXT, images: [], thread: _.set(thread), history: _.set(history), resolutions: _.set(resolutions) } })
      }
      await db
        .collection('deliveries')
        .where({ openid })
        .update({ data: { data: _.set({}) } })
    },
  }
}
