export const TICKET_LIST_PATH = '/tickets/pages/list/index'
export const NEW_TICKET_PATH = '/tickets/pages/new/index'

export const ticketPath = (ticketId: string) => `/tickets/pages/detail/index?id=${encodeURIComponent(ticketId)}`
