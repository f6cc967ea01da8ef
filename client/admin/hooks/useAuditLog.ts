import type { AuditView } from '@contract/staff'
import { callCloud } from '../../services/cloud'
import { useCursorPages } from '../../hooks/useCursorPages'

export interface AuditFilter {
  actorOpenid: string | null
  action: string | null
  /** A whole card number, or nothing. */
  cardNo: string | null
  from: string | null
  to: string | null
}

export const NO_AUDIT_FILTER: AuditFilter = { actorOpenid: null, action: null, cardNo: null, from: null, to: null }

/** The audit log, newest first, a page at a time; a new filter starts again from the newest. */
export function useAuditLog(filter: AuditFilter) {
  const payload = {
    ...(filter.actorOpenid ? { actorOpenid: filter.actorOpenid } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.cardNo ? { cardNo: filter.cardNo } : {}),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
  }
  return useCursorPages<AuditView>(JSON.stringify(payload), async (cursor) => {
    const page = await callCloud('staff', 'audit', { ...payload, ...(cursor ? { cursor } : {}) })
    return { items: page.entries, nextCursor: page.nextCursor }
  })
}
