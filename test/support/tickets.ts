import type { ActionName, FunctionName, PayloadOf, ResultOf } from '../../cloudfunctions/shared/contract/actions'
import type { Envelope } from '../../cloudfunctions/shared/contract/errors'
import type { MemberTicket, StaffTicket } from '../../cloudfunctions/shared/contract/ticket'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import type { TicketDoc } from '../../cloudfunctions/shared/data/tickets'
import type { LocalCloud } from '../../local/cloud'
import { dataOf } from './localCloud'
import { seedStaff } from './members'
import { acceptConsent } from './consent'

type Caller = (openid: string | null) => {
  call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, payload?: PayloadOf<F, A> | Record<string, unknown>): Promise<Envelope<ResultOf<F, A>>>
}

/** The service desk: staff OPENIDs that read like nothing a member view would show for another reason. */
export const DESK = {
  owner: 'tk-owner-openid-0001',
  admin: 'tk-admin-openid-0002',
  service: 'tk-service-openid-0003',
  service2: 'tk-service-openid-0004',
  cashier: 'tk-cashier-openid-0005',
  marketing: 'tk-marketing-openid-0006',
} as const

export function seedDesk(cloud: LocalCloud): void {
  seedStaff(cloud, { [DESK.owner]: 'owner', [DESK.admin]: 'admin', [DESK.service]: 'service', [DESK.service2]: 'service', [DESK.cashier]: 'cashier', [DESK.marketing]: 'marketing' })
}

/** Picture bytes by signature: what the server checks, not the name. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
export const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)])
export const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4, 0), Buffer.from('WEBP'), Buffer.alloc(64, 3)])
export const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64, 4)])

let uploads = 0

/** A picture the member put in the folder `uploadFolder` gave them, as the client's upload would. */
export async function uploadedBy(cloud: LocalCloud, as: Caller, openid: string, content: Buffer, name = 'photo.png'): Promise<string> {
  const { folder } = dataOf(await as(openid).call('ticket', 'uploadFolder', {}))
  return cloud.storage.put(`${folder}/${++uploads}-${name}`, content)
}

export const TEXT = '收银员态度很差，排队二十分钟'

export async function fileFor(as: Caller, openid: string, overrides: Record<string, unknown> = {}): Promise<MemberTicket> {
  return dataOf(await as(openid).call('ticket', 'file', { category: 'service', text: TEXT, ...overrides }))
}

/** A ticket taken by `staff` and resolved (待确认). */
export async function resolvedFor(as: Caller, openid: string, staff: string = DESK.service, summary = '已向店员核实并致歉'): Promise<StaffTicket> {
  const ticket = await fileFor(as, openid)
  dataOf(await as(staff).call('ticket', 'assign', { ticketId: ticket.id }))
  return dataOf(await as(staff).call('ticket', 'resolve', { ticketId: ticket.id, summary }))
}

export const ticketDocs = (cloud: LocalCloud, filter: object = {}) => cloud.db.find('tickets', filter) as TicketDoc[]
export const ticketDoc = (cloud: LocalCloud, id: string) => ticketDocs(cloud, { _id: id })[0]

export const UPDATE = SUBSCRIBE_TEMPLATES.ticketUpdate
export const ESCALATION = SUBSCRIBE_TEMPLATES.ticketEscalation

/** Several consents, so a message sent twice would be delivered, and counted, twice. */
export async function consent(cloud: LocalCloud, openid: string, templateId: string, times = 10): Promise<void> {
  await acceptConsent(cloud, openid, Array(times).fill(templateId))
}

/** The messages of `templateId` sent to `openid` from `since` (an index into the outbox) on. */
export function messagesTo(cloud: LocalCloud, openid: string, templateId: string, since = 0) {
  return cloud.outbox.sent.slice(since).filter((message) => message.touser === openid && message.templateId === templateId)
}
