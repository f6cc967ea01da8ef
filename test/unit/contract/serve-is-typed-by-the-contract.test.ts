/**
 * The contract ties the routers: a function whose action table differs from the contract's ActionMap
 * does not compile. The `@ts-expect-error` lines below are the proof — `npm run typecheck` fails if
 * any of them stops being an error. The runtime half checks the one access map the routers and the
 * client's role gates share.
 */
import { z } from 'zod'
import { ACCESS, roleMayCall } from '../../../cloudfunctions/shared/contract/access'
import type { ActionName, ResultOf } from '../../../cloudfunctions/shared/contract/actions'
import { ROLES } from '../../../cloudfunctions/shared/contract/roles'
import * as staff from '../../../cloudfunctions/shared/contract/staff'
import { defineAction } from '../../../cloudfunctions/shared/runtime/router'

// Only the type of serve: importing the runtime would start the SDK binding.
declare const serve: typeof import('../../../cloudfunctions/shared/runtime').serve

/** A handler answering the contract's result for the action (never called). */
const answers =
  <A extends ActionName<'staff'>>() =>
  async () =>
    undefined as unknown as ResultOf<'staff', A>

const whoami = defineAction({ schema: staff.whoamiPayload, handler: async () => ({ role: null, name: null, storeId: null, storeName: null }) })
const table = {
  whoami,
  list: defineAction({ schema: staff.listStaffPayload, handler: answers<'list'>() }),
  updateStaff: defineAction({ schema: staff.updateStaffPayload, handler: answers<'updateStaff'>() }),
  revokeStaff: defineAction({ schema: staff.staffRefPayload, handler: async () => null }),
  transferOwnership: defineAction({ schema: staff.transferOwnershipPayload, handler: answers<'transferOwnership'>() }),
  stores: defineAction({ schema: staff.storesPayload, handler: answers<'stores'>() }),
  saveStore: defineAction({ schema: staff.saveStorePayload, handler: answers<'saveStore'>() }),
  closeStore: defineAction({ schema: staff.storeRefPayload, handler: answers<'closeStore'>() }),
  reopenStore: defineAction({ schema: staff.storeRefPayload, handler: answers<'reopenStore'>() }),
  invite: defineAction({ schema: staff.invitePayload, handler: answers<'invite'>() }),
  invitations: defineAction({ schema: staff.invitationsPayload, handler: answers<'invitations'>() }),
  revokeInvitation: defineAction({ schema: staff.invitationRefPayload, handler: answers<'revokeInvitation'>() }),
  invitationInfo: defineAction({ schema: staff.invitationRefPayload, handler: answers<'invitationInfo'>() }),
  acceptInvitation: defineAction({ schema: staff.acceptInvitationPayload, handler: answers<'acceptInvitation'>() }),
  audit: defineAction({ schema: staff.auditPayload, handler: answers<'audit'>() }),
  startExport: defineAction({ schema: staff.startExportPayload, handler: answers<'startExport'>() }),
  exportStatus: defineAction({ schema: staff.exportRefPayload, handler: answers<'exportStatus'>() }),
  exports: defineAction({ schema: staff.exportsPayload, handler: answers<'exports'>() }),
  exportChunk: defineAction({ schema: staff.exportChunkPayload, handler: answers<'exportChunk'>() }),
  bootstrapOwner: defineAction({ schema: staff.bootstrapOwnerPayload, handler: answers<'bootstrapOwner'>() }),
}
const { bootstrapOwner: _bootstrapOwner, ...withoutOne } = table

export function tablesThatMustNotCompile(): void {
  serve('staff', table)
  // @ts-expect-error an action of the contract is missing
  serve('staff', withoutOne)
  // @ts-expect-error an action the contract does not have
  serve('staff', { ...table, promote: whoami })
  // @ts-expect-error a handler whose result is not the contract's
  serve('staff', { ...table, whoami: defineAction({ schema: staff.whoamiPayload, handler: async () => 42 }) })
  // @ts-expect-error a schema that takes another payload
  serve('staff', { ...table, whoami: defineAction({ schema: z.strictObject({ openid: z.number() }), handler: async () => ({ role: null, name: null, storeId: null, storeName: null }) }) })
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
    expect(ROLES.filter((role) => roleMayCall(role, 'staff', 'transferOwnership'))).toEqual(['owner'])
    expect(ROLES.filter((role) => roleMayCall(role, 'staff', 'invite'))).toEqual(['owner', 'admin'])
    expect(roleMayCall(null, 'points', 'accrue')).toBe(false)
  })
})
