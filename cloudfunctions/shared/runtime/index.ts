import type { z } from 'zod'
import { ACCESS } from '../contract/access'
import type { ActionName, FunctionName, PayloadOf, ResultOf } from '../contract/actions'
import type { Role } from '../contract/roles'
import { auditRepo } from '../data/audit'
import { staffRepo } from '../data/staff'
import { now } from './clock'
import { currentCaller, database, type Database } from './cloud'
import { createRouter, type ActionDef, type Runtime } from './router'

export { AppError, invalidInput } from './errors'
export { defineAction, type ActionContext, type ActionDef } from './router'
export type { Caller, Database } from './cloud'

/**
 * Staff roles and names, remembered per instance for a few seconds: a till scanning member after
 * member would otherwise pay a staff read on every action, and an action that records who did it
 * by name reads the entry its authorisation just filled. A role change reaches every instance
 * within ROLE_TTL_MS.
 */
const ROLE_TTL_MS = 10_000
const staffCache = new Map<string, { role: Role | null; name: string | null; readAt: number }>()

async function cachedStaff(db: Database, openid: string): Promise<{ role: Role | null; name: string | null }> {
  const hit = staffCache.get(openid)
  const nowMs = Date.now()
  if (hit && nowMs - hit.readAt < ROLE_TTL_MS) return hit
  const staff = await staffRepo(db).byOpenid(openid)
  const entry = { role: staff?.role ?? null, name: staff?.name ?? null, readAt: nowMs }
  staffCache.set(openid, entry)
  return entry
}

async function cachedRoleOf(db: Database, openid: string): Promise<Role | null> {
  return (await cachedStaff(db, openid)).role
}

/** The staff member's name as the staff list has it (null for someone not on it), from the same cache as their role. */
export async function staffNameOf(db: Database, openid: string): Promise<string | null> {
  return (await cachedStaff(db, openid)).name
}

/** The runtime every deployed function uses: the SDK's identity, the shared clock, staff and audit collections. */
export const cloudRuntime: Runtime = {
  caller: currentCaller,
  now,
  db: database,
  roleOf: cachedRoleOf,
  audit: (db, entry) => auditRepo(db).append(entry),
  logError: (error, where) => console.error(`[${where}]`, error),
}

/**
 * A function's action table as the contract has it: exactly the contract's actions, each with a
 * schema whose input is the contract's payload and a handler whose result is the contract's result.
 */
export type ActionsOf<F extends FunctionName> = { [A in ActionName<F>]: ActionDef<z.ZodType<unknown, PayloadOf<F, A>>, ResultOf<F, A>> }

/** A cloud function's entry point: `export const main = serve('member', actions)`; access comes from the contract. */
export function serve<F extends FunctionName>(fn: F, actions: ActionsOf<F>) {
  return createRouter(fn, actions, ACCESS[fn], cloudRuntime)
}
