/**
 * 提交处理结果 at the service desk: the form checks with the contract's rules, the confirmation says
 * what will be issued before anything is, and a tap retried after a lost answer sends the very same
 * payload (so the server answers it as the resolution already given, never issuing twice).
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { StaffTicket } from '../../cloudfunctions/shared/contract/ticket'
import { TicketDeskView } from '../../client/admin/pages/ticket/index'
import { callCloud, CloudError } from '../../client/services/cloud'
import { modalAnswer, modals, toasts } from './support/taro'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const AT = '2026-12-01T16:00:00.000Z'
const WORKING: StaffTicket = {
  id: 'T20261202-0007',
  category: 'service',
  status: 'processing',
  text: '店员态度不好，等了很久',
  images: [],
  ref: null,
  createdAt: AT,
  promised: { firstResponseDueAt: '2026-12-01T18:00:00.000Z', firstRespondedAt: '2026-12-01T16:10:00.000Z', resolutionDueAt: '2026-12-02T16:00:00.000Z' },
  thread: [{ at: '2026-12-01T16:10:00.000Z', from: 'staff', name: '客服小周', text: '您好，我们正在核实' }],
  resolutions: [],
  reopenUntil: null,
  memberOpenidHint: 'demo…',
  member: { name: '林晓雨', cardNo: '1006646713', tier: 'gold', tierName: '金卡', spend12mFen: 518000, lastOrders: [], otherOpenTickets: 0 },
  assignee: { openid: 'demo-service', name: '客服小周' },
  notes: [],
  timeline: [],
  breached: { firstResponse: false, resolution: false },
  escalated: false,
  revisit: null,
  can: { assign: false, assignOthers: false, reply: true, note: true, resolve: true, escalate: true, close: false, reopen: false, logContact: false, closeRevisit: false },
}
const RESOLVED: StaffTicket = {
  ...WORKING,
  status: 'pending',
  member: null,
  resolutions: [{ n: 1, at: '2026-12-01T16:30:00.000Z', summary: '已致歉，赠送积分', compensation: { kind: 'points', points: 200, couponTitle: null }, rating: null, outcome: null }],
  can: { ...WORKING.can, resolve: false, escalate: false, close: true, reopen: true },
}

const type = (testId: string, text: string) => fireEvent.change(screen.getByTestId(testId), { target: { value: text } })
const resolveCalls = () => server.mock.calls.filter(([, action]) => action === 'resolve').map(([, , payload]) => payload)

beforeEach(() => server.mockReset())

async function openResolveForm() {
  render(<TicketDeskView ticketId='T20261202-0007' />)
  fireEvent.click(await screen.findByTestId('ticket-resolve-open'))
  type('resolve-summary', '  已致歉，赠送积分  ')
  fireEvent.click(screen.getByTestId('resolve-comp-points'))
}

it('refuses points the contract does not take, in its words, and sends nothing', async () => {
  server.mockResolvedValue(WORKING)
  await openResolveForm()
  type('resolve-points', '0')
  fireEvent.click(screen.getByTestId('resolve-submit'))

  expect(await screen.findByText('补偿积分须为 1–100,000 的整数')).toBeTruthy()
  expect(modals).toEqual([])
  expect(resolveCalls()).toEqual([])
})

it('says the 200 points before issuing them, and retries a lost answer with the same payload', async () => {
  let attempts = 0
  server.mockImplementation(async (_fn, action) => {
    if (action !== 'resolve') return WORKING
    attempts += 1
    if (attempts === 1) throw new CloudError({ code: 'INTERNAL', message: '网络异常，请检查网络后重试' })
    return RESOLVED
  })
  await openResolveForm()
  type('resolve-points', '200')
  fireEvent.click(screen.getByTestId('resolve-submit'))

  await waitFor(() => expect(toasts).toContain('网络异常，请检查网络后重试'))
  expect(modals[0].content).toBe('工单将转为待确认，林晓雨会收到处理结果通知。将立即向其发放 200 积分补偿，发放后不可撤回。')
  // The form stays as typed for the retry.
  fireEvent.click(screen.getByTestId('resolve-submit'))

  await waitFor(() => expect(screen.getByTestId('staff-ticket-status').textContent).toBe('待确认'))
  const sent = { ticketId: 'T20261202-0007', summary: '已致歉，赠送积分', compensation: { kind: 'points', points: 200 }, requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,40}$/) }
  expect(resolveCalls()).toEqual([sent, sent])
  // The same attempt id both times: the server answers the retry as the resolution already given.
  expect(resolveCalls()[0].requestId).toBe(resolveCalls()[1].requestId)
  expect(screen.queryByTestId('resolve-sheet')).toBeNull()
  expect(screen.getByTestId('resolution').textContent).toContain('补偿 200 积分')
  // Actions answer without the member; the summary from staffDetail stays on screen.
  expect(screen.getByTestId('ticket-member').textContent).toContain('林晓雨')
})

it('issues nothing when the confirmation is cancelled, and describes a coupon as the member will find it', async () => {
  server.mockResolvedValue(WORKING)
  modalAnswer.confirm = false
  await openResolveForm()
  fireEvent.click(screen.getByTestId('resolve-comp-coupon'))
  type('resolve-coupon-value', '30')
  type('resolve-coupon-min-spend', '100')
  fireEvent.click(screen.getByTestId('resolve-submit'))

  await waitFor(() => expect(modals).toHaveLength(1))
  expect(modals[0].content).toContain('将立即向其发放优惠券「服务补偿券」：¥30 代金券，满 ¥100 可用，30 天内有效，发放后不可撤回。')
  expect(resolveCalls()).toEqual([])
  expect(screen.getByTestId('resolve-sheet')).toBeTruthy()
})
