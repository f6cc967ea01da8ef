import type { EmulatedDatabase } from '../emulator/database'
import { demoData } from './demoData'

/** Seeds the demo shop into an empty database; a database that has members is left alone. */
export function seedIfEmpty(db: EmulatedDatabase, now: Date): boolean {
  if (db.find('members').length > 0 || db.find('staff').length > 0) return false
  for (const [collection, docs] of Object.entries(demoData(now))) db.insertMany(collection, docs)
  return true
}
