import type { Database } from '../runtime/cloud'
import { rowsOf } from './results'

/** Where a once-a-day walk is (`settings/<name>`): its Beijing day, its cursor, whether it finished. */
export interface DailyWalk {
  day: string
  cursor: string | null
  done: boolean
}

export function walksRepo(db: Database) {
  const settings = db.collection('settings')
  return {
    async of(name: 'couponReminders'): Promise<DailyWalk | null> {
      const [doc] = await rowsOf<DailyWalk & { _id: string }>(settings.where({ _id: name }).limit(1))
      return doc ? { day: doc.day, cursor: doc.cursor, done: doc.done } : null
    },
    async save(name: 'couponReminders', walk: DailyWalk): Promise<void> {
      await settings.doc(name).set({ data: walk })
    },
  }
}
