import type { InvitationDoc } from '../domain/invitation'
import type { Database } from '../runtime/cloud'
import { isDuplicateKeyError } from './errors'
import { rowsOf } from './results'
import { getOrNull, type Transaction } from './transaction'

/** The invitations page shows the latest ones; older ones stay in the collection and the audit log. */
export const RECENT_INVITATIONS = 50

export function invitationIn(transaction: Transaction, token: string): Promise<InvitationDoc | null> {
  return getOrNull<InvitationDoc>(transaction, 'invitations', token)
}

export async function updateInvitationIn(transaction: Transaction, token: string, patch: Partial<Omit<InvitationDoc, '_id'>>): Promise<void> {
  await transaction.collection('invitations').doc(token).update({ data: patch })
}

export function invitationsRepo(db: Database) {
  const collection = db.collection('invitations')
  return {
    async byToken(token: string): Promise<InvitationDoc | null> {
      const [invitation] = await rowsOf<InvitationDoc>(collection.where({ _id: token }).limit(1))
      return invitation ?? null
    },
    async byRequestKey(requestKey: string): Promise<InvitationDoc | null> {
      const [invitation] = await rowsOf<InvitationDoc>(collection.where({ requestKey }).limit(1))
      return invitation ?? null
    },
    /**
     * Inserts the invitation; when the same tap already made one (the unique `requestKey`), answers
     * that one instead, so two retries racing each other still leave one invitation.
     */
    async insertOrExisting(doc: InvitationDoc): Promise<InvitationDoc> {
      try {
        await collection.add({ data: doc })
        return doc
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error
        const existing = await this.byRequestKey(doc.requestKey)
        if (!existing) throw error
        return existing
      }
    },
    async setFile(token: string, fileId: string): Promise<void> {
      await collection.doc(token).update({ data: { fileId } })
    },
    async recent(limit = RECENT_INVITATIONS): Promise<InvitationDoc[]> {
      return rowsOf<InvitationDoc>(collection.orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit))
    },
  }
}
