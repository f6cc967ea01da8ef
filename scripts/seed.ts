import type { EmulatedDatabase } from '../emulator/database'
import type { Outbox } from '../emulator/openapi/outbox'
import { demoData } from './demoData'

/** Seeds the demo shop into an empty database; a database that has members is left alone. */
export function seedIfEmpty(db: EmulatedDatabase, now: Date): boolean {
  if (db.find('members').length > 0 || db.find('staff').length > 0) return false
  for (const [collection, docs] of Object.entries(demoData(now))) db.insertMany(collection, docs)
  return true
}

/**
 * WeChat keeps each person's one-time consents across our restarts; the emulator's outbox lives in
 * memory. On start it is given back what the database counted (members' and staff's
 * `messaging.consent`), so the demo's subscribed members can receive what the product would send.
 */
export function restoreConsentQuotas(db: EmulatedDatabase, outbox: Outbox): number {
  let granted = 0
  for (const collection of ['members', 'staff']) {
    for (const doc of db.find(collection) as Array<{ _id: string; messaging?: { consent?: Record<string, number> } }>) {
      for (const [templateId, count] of Object.entries(doc.messaging?.consent ?? {})) {
        const missing = count - outbox.quota(doc._id, templateId)
        if (missing > 0) outbox.grant(doc._id, Array(missing).fill(templateId))
        granted += Math.max(0, missing)
      }
    }
  }
  return granted
}
