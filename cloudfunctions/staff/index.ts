import { serve } from '../shared/runtime'
import { audit } from './actions/audit'
import { exportChunk, exportStatus, exports, startExport } from './actions/exports'
import { acceptInvitation, invitationInfo, invitations, invite, revokeInvitation } from './actions/invitations'
import { bootstrapOwner, list, revokeStaff, transferOwnership, updateStaff, whoami } from './actions/staff'
import { closeStore, reopenStore, saveStore, stores } from './actions/stores'

/** The staff workspace: who is who, stores, invitations, the audit log and exports. */
export const main = serve('staff', {
  whoami,
  list,
  updateStaff,
  revokeStaff,
  transferOwnership,
  stores,
  saveStore,
  closeStore,
  reopenStore,
  invite,
  invitations,
  revokeInvitation,
  invitationInfo,
  acceptInvitation,
  audit,
  startExport,
  exportStatus,
  exports,
  exportChunk,
  bootstrapOwner,
})
