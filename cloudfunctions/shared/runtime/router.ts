import type { z } from 'zod'
import type { Access } from '../contract/access'
import type { Envelope } from '../contract/errors'
import type { Role } from '../contract/roles'
import { AppError } from './errors'
import { parsePayload } from './validate'
import type { Caller, Database } from './cloud'

export type { Access } from '../contract/access'

export interface ActionContext {
  caller: Caller
  /** The caller's OPENID; guaranteed for 'member' and staff actions. */
  openid: string
  role: Role | null
  now: Date
  db: Database
  /** What the audit entry says beyond who called what: the member it concerns (their OPENID), set by the handler. */
  audit: AuditNotes
}

export interface AuditNotes {
  member: string | null
}

export interface ActionDef<S extends z.ZodType = z.ZodType, R = unknown> {
  schema: S
  /** Staff and server actions are audited by default; a member's own actions are not. */
  audit?: boolean
  /**
   * What of the payload the audit entry keeps (default: all of it). Personal data (a phone number
   * searched for, a note's text, a birthday) stays out, so erasing a member leaves none in the log.
   */
  auditPayload?(payload: z.output<S>): unknown
  handler(payload: z.output<S>, ctx: ActionContext): Promise<R>
}

/** Identity, time, roles and the audit log: everything the router needs from outside. */
export interface Runtime {
  caller(): Caller
  now(): Date
  db(): Database
  roleOf(db: Database, openid: string): Promise<Role | null>
  audit(db: Database, entry: AuditEntry): Promise<void>
  logError(error: unknown, where: string): void
}

export interface AuditEntry {
  at: Date
  fn: string
  action: string
  actor: string | null
  role: Role | null
  payload: unknown
  /** The member the action concerned, when it concerned one (filterable in the audit viewer). */
  member: string | null
}

export function defineAction<S extends z.ZodType, R>(def: ActionDef<S, R>): ActionDef<S, R> {
  return def
}

// Each action has its own schema and result type; `any` lets one table hold them all (serve() checks each against the contract).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionTable = Record<string, ActionDef<any, any>>

/**
 * Builds a cloud function's `main`: authorise, validate, handle, audit, and always answer an envelope.
 * `access` says who may call each action (the contract's ACCESS map for deployed functions); an
 * action without an entry is a programming error, refused when the router is built.
 */
export function createRouter(fn: string, actions: ActionTable, access: Readonly<Record<string, Access>>, runtime: Runtime) {
  const unguarded = Object.keys(actions).filter((name) => !Object.prototype.hasOwnProperty.call(access, name))
  if (unguarded.length) throw new Error(`${fn}: no access entry for ${unguarded.join(', ')}`)
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    const request = toRequest(event)
    const name = typeof request.action === 'string' ? request.action : ''
    try {
      const def = Object.prototype.hasOwnProperty.call(actions, name) ? actions[name] : undefined
      if (!def) throw new AppError('UNKNOWN_ACTION')
      const caller = runtime.caller()
      const db = runtime.db()
      // Before validation: a refused payload's field list would describe the action to a caller who may not use it.
      const allowed = access[name]
      const role = await authorise(allowed, caller, db, runtime)
      const payload = parsePayload(def.schema, request.payload)
      const ctx: ActionContext = { caller, openid: caller.openid ?? '', role, now: runtime.now(), db, audit: { member: null } }
      const data = await def.handler(payload, ctx)
      if (def.audit ?? allowed !== 'member') {
        const recorded = def.auditPayload ? def.auditPayload(payload) : payload
        await runtime.audit(db, { at: ctx.now, fn, action: name, actor: caller.openid, role, payload: recorded, member: ctx.audit.member })
      }
      return { ok: true, data: data === undefined ? null : data }
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toActionError() }
      runtime.logError(error, `${fn}.${name}`)
      return { ok: false, error: new AppError('INTERNAL').toActionError() }
    }
  }
}

/**
 * A timer trigger arrives as `{ Type: 'Timer', TriggerName, Time }` with no OPENID; its trigger
 * name is the action to run (config.json names triggers after actions).
 */
function toRequest(event: unknown): { action?: unknown; payload?: unknown } {
  const request = (event ?? {}) as { action?: unknown; payload?: unknown; Type?: unknown; TriggerName?: unknown }
  if (request.Type === 'Timer' && typeof request.TriggerName === 'string') return { action: request.TriggerName, payload: {} }
  return request
}

async function authorise(access: Access, caller: Caller, db: Database, runtime: Runtime): Promise<Role | null> {
  if (access === 'server') {
    if (caller.openid) throw new AppError('FORBIDDEN', '该操作只能由管理后台或命令行执行')
    return null
  }
  if (!caller.openid) throw new AppError('UNAUTHENTICATED')
  if (access === 'member') return null
  const role = await runtime.roleOf(db, caller.openid)
  if (!role || !access.includes(role)) throw new AppError('FORBIDDEN')
  return role
}
