import type { Database } from '../runtime/cloud'
import { addIfAbsent } from './errors'
import { rowsOf } from './results'

export interface MemberNoteDoc {
  /** `note:<requestId>`: a retried tap adds the note once. */
  _id: string
  openid: string
  text: string
  by: string
  byName: string
  at: Date
}

/** Staff notes on a member: the archive lists them, newest first; erasure removes them. */
export function memberNotesRepo(db: Database) {
  const notes = db.collection('member_notes')
  return {
    /** The note, or the one a retried request already added. */
    async add(doc: MemberNoteDoc): Promise<MemberNoteDoc> {
      if (await addIfAbsent(notes, doc)) return doc
      const [existing] = await rowsOf<MemberNoteDoc>(notes.where({ _id: doc._id }).limit(1))
      return existing
    },
    async of(openid: string, limit = 50): Promise<MemberNoteDoc[]> {
      return rowsOf<MemberNoteDoc>(notes.where({ openid }).orderBy('at', 'desc').limit(limit))
    },
    async removeOf(openid: string): Promise<void> {
      await notes.where({ openid }).remove()
    },
  }
}
