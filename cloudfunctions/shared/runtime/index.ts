import type { z } from 'zod'
import { ACCESS } from '../contract/access'
import type { ActionName, FunctionName, PayloadOf, ResultOf } from '../contract/actions'
import type { Role } from '../contract/roles'
import { ROLE_CACHE_SECONDS } from '../contract/workspaceFields'
import { auditRepo } from '../data/audit'
import { staffRepo } from '../data/staff'
import { now } from './clock'
import { currentCaller, database, type Database } from './cloud'
import { createRouter, type ActionDef, type AuditEntry, type Runtime } from './router'

export { AppError, invalidInput } from './errors'
export { defineAction, type ActionContext, type ActionDef } from './router'
export type { Caller, Database } from './cloud'

/**
 * Staff roles, names and stores, remembered per instance for a few seconds: a till scanning member
 * after member would otherwise pay a staff read on every action, and an action that records who did
 * it by name or where reads the entry its authorisation just filled. A role change or revocation
 * reaches every instance within ROLE_TTL_MS (ROLE_CACHE_SECONDS, which the staff pages tell people),
 * measured on the runtime clock so a test can move past it.
 */
const ROLE_TTL_MS = ROLE_CACHE_SECONDS * 1000
interface CachedStaff {
  role: Role | null
  name: string | null
  storeId: string | null
  readAt: number
}
const staffCache = new Map<string, CachedStaff>()

async function cachedStaff(db: Database, openid: string): Promise<CachedStaff> {
  const hit = staffCache.get(openid)
  const nowMs = now().getTime()
  // An entry read "later" than now is stale too: the emulated clock was moved back.
  if (hit && nowMs - hit.readAt < ROLE_TTL_MS && nowMs >= hit.readAt) return hit
  const staff = await staffRepo(db).byOpenid(openid)
  const entry = { role: staff?.role ?? null, name: staff?.name ?? null, storeId: staff?.storeId ?? null, readAt: nowMs }
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

/** The staff member's store (null when they have none), from the same cache as their role: what check-in records. */
export async function staffStoreOf(db: Database, openid: string): Promise<string | null> {
  return (await cachedStaff(db, openid)).storeId
}

/**
 * This instance forgets what it remembered of these staff members, after a change it made itself;
 * other instances catch up within ROLE_TTL_MS.
 */
export function forgetStaff(...openids: string[]): void {
  for (const openid of openids) staffCache.delete(openid)
}

/** The audit entry, with the acting staff member's name as it is now (a cache hit: authorisation just read it). */
async function auditWithName(db: Database, entry: AuditEntry): Promise<void> {
  const actorName = entry.actor && entry.role ? await staffNameOf(db, entry.actor) : null
  await auditRepo(db).append({ ...entry, actorName })
}

/** The runtime every deployed function uses: the SDK's identity, the shared clock, staff and audit collections. */
export const cloudRuntime: Runtime = {
  caller: currentCaller,
  now,
  db: database,
  roleOf: cachedRoleOf,
  audit: auditWithName,
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
