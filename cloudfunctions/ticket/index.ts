import { serve } from '../shared/runtime'
import { confirm, detail, file, mine, rate, reopen, reply, uploadFolder, withdraw } from './actions/member'
import { assign, close, closeRevisit, counts, escalate, logContact, note, queue, resolve, staffDetail, staffReopen, staffReply } from './actions/staff'
import { setSla, sla, stats, sweep } from './actions/settings'

/** Complaints and feedback: members file and follow tickets; the service desk works them to a rated resolution, with SLAs and revisits. */
export const main = serve('ticket', {
  uploadFolder,
  file,
  mine,
  detail,
  reply,
  withdraw,
  confirm,
  reopen,
  rate,
  queue,
  counts,
  staffDetail,
  assign,
  staffReply,
  note,
  resolve,
  escalate,
  close,
  staffReopen,
  logContact,
  closeRevisit,
  stats,
  sla,
  setSla,
  sweep,
})
