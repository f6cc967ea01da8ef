import { auditPayload, type AuditPage } from '../../shared/contract/staff'
import { auditPage } from '../../shared/app/auditViews'
import { defineAction } from '../../shared/runtime'

/** The audit log, newest first, filtered and paged, each entry one Chinese sentence. Reading it is not itself logged. */
export const audit = defineAction({
  schema: auditPayload,
  audit: false,
  handler: (query, { db }): Promise<AuditPage> => auditPage(db, query),
})
