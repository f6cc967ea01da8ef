import type { z } from 'zod'
import type * as member from './member'
import type * as staff from './staff'

/**
 * Every callable action: its payload (the schema's input type) and its result.
 * Client and functions both read this map, so a rename breaks the build on both sides.
 */
export interface ActionMap {
  member: {
    me: { payload: z.input<typeof member.mePayload>; result: member.MemberCard | null }
    join: { payload: z.input<typeof member.joinPayload>; result: member.MemberCard }
  }
  staff: {
    whoami: { payload: z.input<typeof staff.whoamiPayload>; result: staff.WhoAmI }
    list: { payload: z.input<typeof staff.listStaffPayload>; result: staff.StaffEntry[] }
    assign: { payload: z.input<typeof staff.assignRolePayload>; result: staff.StaffEntry | null }
    bootstrapOwner: { payload: z.input<typeof staff.bootstrapOwnerPayload>; result: staff.StaffEntry }
  }
}

export type FunctionName = keyof ActionMap
export type ActionName<F extends FunctionName> = keyof ActionMap[F] & string
export type PayloadOf<F extends FunctionName, A extends ActionName<F>> = ActionMap[F][A] extends { payload: infer P } ? P : never
export type ResultOf<F extends FunctionName, A extends ActionName<F>> = ActionMap[F][A] extends { result: infer R } ? R : never

/** What `wx.cloud.callFunction({ name, data })` carries as `data`. */
export interface CallEvent {
  action: string
  payload?: unknown
}
