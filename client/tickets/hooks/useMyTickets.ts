import type { TicketSummary } from '@contract/ticket'
import { useCursorPages } from '../../hooks/useCursorPages'
import { callCloud } from '../../services/cloud'

/** 我的反馈: the caller's tickets, newest first, a page at a time. */
export function useMyTickets() {
  return useCursorPages<TicketSummary>('mine', (cursor) => callCloud('ticket', 'mine', { cursor }))
}
