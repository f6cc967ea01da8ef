import type { Role } from '../contract/roles'
import { auditRepo } from '../data/audit'
import { staffRepo } from '../data/staff'
import { now } from './clock'
import { currentCaller, database } from './cloud'
import { createRouter, type Runtime } from './router'

export { AppError, invalidInput } from './errors'
export { defineAction, type ActionContext, type ActionDef } from './router'
export type { Caller, Database } from './cloud'

/** The runtime every deployed function uses: the SDK's identity, the shared clock, staff and audit collections. */
export const cloudRuntime: Runtime = {
  caller: currentCaller,
  now,
  db: database,
  roleOf: (db, openid): Promise<Role | null> => staffRepo(db).roleOf(openid),
  audit: (db, entry) => auditRepo(db).append(entry),
  logError: (error, where) => console.error(`[${where}]`, error),
}

/** A cloud function's entry point: `export const main = serve('member', actions)`. */
export function serve(fn: string, actions: Parameters<typeof createRouter>[1]) {
  return createRouter(fn, actions, cloudRuntime)
}
