/**
 * The contract ties the routers: a function whose action table differs from the contract's ActionMap
 * does not compile. The `@ts-expect-error` lines below are the proof — `npm run typecheck` fails if
 * any of them stops being an error. The runtime half checks the one access map the routers and the
 * client's role gates share.
 */
import { z } from 'zod'
import { ACCESS, roleMayCall } from '../../../cloudfunctions/shared/contract/access'
import { ROLES } from '../../../cloudfunctions/shared/contract/roles'
import { whoamiPayload } from '../../../cloudfunctions/shared/contract/staff'
import { defineAction } from '../../../cloudfunctions/shared/runtime/router'

// Only the type of serve: importing the runtime would start the SDK binding.
declare const serve: typeof import('../../../cloudfunctions/shared/runtime').serve

const whoami = defineAction({ schema: whoamiPayload, handler: async () => ({ role: null }) })
const list = defineAction({ schema: z.strictObject({}), handler: async () => [] })
const assign = defineAction({ schema: z.strictObject({ staffOpenid: z.string(), staffRole: z.enum(ROLES).nullable(), name: z.string() }), handler: async () => null })
const bootstrapOwner = defineAction({ schema: z.strictObject({ ownerOpenid: z.string(), name: z.string() }), handler: async () => ({ openid: 'o', name: 'n', role: 'owner' as const }) })

export function tablesThatMustNotCompile(): void {
  serve('staff', { whoami, list, assign, bootstrapOwner })
  // @ts-expect-error an action of the contract is missing
  serve('staff', { whoami, list, assign })
  // @ts-expect-error an action the contract does not have
  serve('staff', { whoami, list, assign, bootstrapOwner, promote: whoami })
  // @ts-expect-error a handler whose result is not the contract's
  serve('staff', { whoami: defineAction({ schema: whoamiPayload, handler: async () => 42 }), list, assign, bootstrapOwner })
  // @ts-expect-error a schema that takes another payload
  serve('staff', { whoami: defineAction({ schema: z.strictObject({ openid: z.number() }), handler: async () => ({ role: null }) }), list, assign, bootstrapOwner })
  // @ts-expect-error a function the contract does not have
  serve('nosuch', {})
}

describe('the one access map', () => {
  it('opens member actions to everyone in WeChat and server actions to no role', () => {
    expect(roleMayCall(null, 'member', 'me')).toBe(true)
    expect(roleMayCall('cashier', 'member', 'me')).toBe(true)
    for (const role of [null, ...ROLES]) expect(roleMayCall(role, 'staff', 'bootstrapOwner')).toBe(false)
    for (const action of Object.keys(ACCESS.jobs) as Array<keyof typeof ACCESS.jobs>) expect(ACCESS.jobs[action]).toBe('server')
  })

  it('gives staff actions exactly their roles, and nothing to members', () => {
    expect(ROLES.filter((role) => roleMayCall(role, 'points', 'accrue'))).toEqual(['owner', 'admin', 'cashier'])
    expect(ROLES.filter((role) => roleMayCall(role, 'member', 'lookup'))).toEqual(['owner', 'admin', 'cashier', 'service'])
    expect(ROLES.filter((role) => roleMayCall(role, 'staff', 'assign'))).toEqual(['owner'])
    expect(roleMayCall(null, 'points', 'accrue')).toBe(false)
  })
})
