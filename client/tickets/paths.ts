export const TICKET_LIST_PATH = '/tickets/pages/list/index'
export const NEW_TICKET_PATH = '/tickets/pages/new/index'

export const ticketPath = (ticketId: string) => `/tickets/pages/detail/index?id=${encodeURIComponent(ticketId)}`

/** 提交反馈 about one of the member's orders (a ledger entry's id) or activities, with the words they know it by. */
export function newTicketPath(about?: { kind: 'order' | 'activity'; id: string; label: string }): string {
  if (!about) return NEW_TICKET_PATH
  const key = about.kind === 'order' ? 'ref' : 'activity'
  return `${NEW_TICKET_PATH}?${key}=${encodeURIComponent(about.id)}&label=${encodeURIComponent(about.label)}`
}
