import type { Database } from '../runtime/cloud'
import type { AuditEntry } from '../runtime/router'

export function auditRepo(db: Database) {
  return {
    async append(entry: AuditEntry): Promise<void> {
      await db.collection('audit').add({ data: { ...entry, payload: entry.payload ?? null } })
    },
  }
}
