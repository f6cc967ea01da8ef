/**
 * The ticket at the service desk offers exactly the controls the server's `can` names for this
 * staff member: a 客服 on a new ticket may take it but not hand it to someone else; an owner on a
 * closed one with a revisit may reopen it, log a contact and end the revisit. Internal notes say
 * the member cannot see them, and a CONFLICT (a colleague took it first) shows the server's words
 * and loads the ticket again.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { StaffTicket, StaffTicketActions } from '../../cloudfunctions/shared/contract/ticket'
import { TicketDeskView } from '../../client/admin/pages/ticket/index'
import { callCloud, CloudError } from '../../client/services/cloud'
import { modals } from './support/taro'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const NOTHING: StaffTicketActions = {
  assign: false,
  assignOthers: false,
  reply: false,
  note: false,
  resolve: false,
  escalate: false,
  close: false,
  reopen: false,
  logContact: false,
  closeRevisit: false,
}

/** A ticket as `staffDetail` answers it, filed an hour ago and waiting to be taken. */
function ticket(overrides: Partial<StaffTicket> = {}): StaffTicket {
  const filedAt = new Date(Date.now() - 60 * 60_000).toISOString()
  return {
    id: 'T20261202-0007',
    category: 'service',
    status: 'new',
    text: '店员态度不好，等了很久',
    images: [],
    ref: { kind: 'order', id: 'order:store-001:DGOLD023', label: '订单 DGOLD023' },
    createdAt: filedAt,
    promised: { firstResponseDueAt: new Date(Date.now() + 60 * 60_000).toISOString(), firstRespondedAt: null, resolutionDueAt: new Date(Date.now() + 23 * 60 * 60_000).toISOString() },
    thread: [],
    resolutions: [],
    reopenUntil: null,
    memberOpenidHint: 'demo…',
    member: { name: '林晓雨', cardNo: '1006646713', tier: 'gold', tierName: '金卡', spend12mFen: 518000, lastOrders: [{ orderNo: 'DGOLD023', amountFen: 23200, at: filedAt }], otherOpenTickets: 1 },
    assignee: null,
    notes: [{ at: filedAt, name: '王店长', text: '老顾客，优先处理' }],
    timeline: [{ at: filedAt, event: 'file', from: null, to: 'new', by: 'member', reason: null, name: '林晓雨', role: null }],
    breached: { firstResponse: false, resolution: false },
    escalated: false,
    revisit: null,
    can: { ...NOTHING, assign: true, reply: true, note: true, escalate: true },
    ...overrides,
  }
}

const CONTROLS = [
  'ticket-take',
  'ticket-assign-open',
  'ticket-resolve-open',
  'ticket-escalate-open',
  'ticket-close-open',
  'staff-reopen-open',
  'staff-reply-send',
  'staff-note-send',
  'contact-submit',
  'revisit-close-open',
]
const shownControls = () => CONTROLS.filter((testId) => screen.queryByTestId(testId) !== null)

beforeEach(() => server.mockReset())

it('offers a 客服 on a new ticket 受理, reply, note and 升级, and nothing a manager alone may do', async () => {
  server.mockResolvedValue(ticket())
  render(<TicketDeskView ticketId='T20261202-0007' />)

  expect((await screen.findByTestId('staff-ticket-status')).textContent).toBe('待受理')
  expect(shownControls()).toEqual(['ticket-take', 'ticket-escalate-open', 'staff-reply-send', 'staff-note-send'])
  expect(screen.queryByTestId('revisit-panel')).toBeNull()
  // The member as staffDetail described them: the open-ticket count leaves out this one.
  expect(screen.getByTestId('ticket-member-spend').textContent).toBe('¥5,180.00')
  expect(screen.getByTestId('ticket-member-open').textContent).toBe('1')
  expect(screen.getByTestId('ticket-ref').textContent).toBe('关联订单：订单 DGOLD023')
  expect(within(screen.getByTestId('ticket-notes')).getByText('内部备注，会员不可见')).toBeTruthy()
  expect(server).toHaveBeenCalledWith('ticket', 'staffDetail', { ticketId: 'T20261202-0007' })
})

it('offers an owner on a closed ticket with an open revisit 重新打开, 记录回访 and 结束回访, and no reply box', async () => {
  const closed = ticket({
    status: 'closed',
    assignee: { openid: 'demo-service', name: '客服小周' },
    promised: { ...ticket().promised, firstRespondedAt: ticket().createdAt },
    resolutions: [
      {
        n: 1,
        at: ticket().createdAt,
        summary: '已致歉并补偿积分',
        compensation: { kind: 'points', points: 200, couponTitle: null },
        rating: { score: 2, comment: '补偿太少', at: ticket().createdAt },
        outcome: 'confirmed',
      },
    ],
    revisit: { status: 'open', reason: 'lowRating', openedAt: ticket().createdAt, contacts: [], closedAt: null, closedReason: null },
    can: { ...NOTHING, note: true, reopen: true, logContact: true, closeRevisit: true, assignOthers: true },
  })
  server.mockResolvedValue(closed)
  render(<TicketDeskView ticketId='T20261202-0007' />)

  expect((await screen.findByTestId('staff-ticket-status')).textContent).toBe('已关闭')
  expect(shownControls()).toEqual(['ticket-assign-open', 'staff-reopen-open', 'staff-note-send', 'contact-submit', 'revisit-close-open'])
  const revisit = screen.getByTestId('revisit-panel')
  expect(revisit.textContent).toContain('会员评价偏低')
  expect(screen.getByTestId('resolution-rating').textContent).toContain('2 分 · 补偿太少')
  expect(screen.getByTestId('resolution').textContent).toContain('补偿 200 积分')
})

it('shows the server’s words when a colleague took the ticket first, and loads it again', async () => {
  const taken = ticket({ status: 'processing', assignee: { openid: 'demo-admin', name: '张经理' }, can: { ...NOTHING, reply: true, note: true } })
  server.mockImplementation(async (_fn, action) => {
    if (action === 'assign') throw new CloudError({ code: 'CONFLICT', message: '该工单已由张经理受理' })
    return server.mock.calls.filter(([, called]) => called === 'staffDetail').length > 1 ? taken : ticket()
  })
  render(<TicketDeskView ticketId='T20261202-0007' />)
  fireEvent.click(await screen.findByTestId('ticket-take'))

  await waitFor(() => expect(screen.getByTestId('staff-ticket-status').textContent).toBe('处理中'))
  expect(modals.map((modal) => modal.content)).toEqual(['该工单已由张经理受理'])
  expect(screen.getByTestId('ticket-assignee').textContent).toBe('张经理')
  expect(shownControls()).toEqual(['staff-reply-send', 'staff-note-send'])
  expect(server.mock.calls.map(([, action]) => action)).toEqual(['staffDetail', 'assign', 'staffDetail'])
})
