import { z } from 'zod'
import { ROLES, type Role } from './roles'

const openid = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'openid 格式不正确')

export const whoamiPayload = z.strictObject({})
export interface WhoAmI {
  role: Role | null
}

export const assignRolePayload = z.strictObject({
  /** The staff member being assigned; the caller's own identity never comes from here. */
  staffOpenid: openid,
  staffRole: z.enum(ROLES).nullable(),
  name: z.string().trim().min(1).max(20),
})
export type AssignRolePayload = z.infer<typeof assignRolePayload>

export const listStaffPayload = z.strictObject({})
export interface StaffEntry {
  openid: string
  name: string
  role: Role
}

/** Only answerable by a server-side invocation (console, CLI, `npm run owner:set`): no OPENID. */
export const bootstrapOwnerPayload = z.strictObject({
  ownerOpenid: openid,
  name: z.string().trim().min(1).max(20).default('店主'),
})
