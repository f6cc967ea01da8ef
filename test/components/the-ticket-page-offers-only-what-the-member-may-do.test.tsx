/**
 * A ticket as the member sees it: the status, what the shop promised, the thread with each side
 * named, each resolution with its compensation, and exactly the buttons the server's `can` allows.
 * Each action sends what the member chose and shows the ticket the server answers; withdrawing
 * asks first, a reopen needs a reason by the contract's rule, a rating takes stars and a comment.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { MemberTicket, MemberTicketActions } from '../../cloudfunctions/shared/contract/ticket'
import { TICKET_REASON } from '../../cloudfunctions/shared/contract/ticketFields'
import TicketPage from '../../client/tickets/pages/detail/index'
import { callCloud } from '../../client/services/cloud'
import { modalAnswer, modals, toasts } from './support/taro'
import { route } from './activity-fixtures'

jest.mock('@tarojs/taro', () => {
  const taro = jest.requireActual('./activity-fixtures').taroWithPageHooks()
  taro.default.previewImage = jest.fn(async () => undefined)
  taro.default.redirectTo = jest.fn(async () => undefined)
  return taro
})
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const NOTHING: MemberTicketActions = { reply: false, withdraw: false, confirm: false, reopen: false, rate: false }

const FILED: MemberTicket = {
  id: 'T20261201-0007',
  category: 'service',
  status: 'new',
  text: '周六下午店员态度很差，结账等了二十分钟',
  images: [{ fileId: 'cloud://env/tickets/abc/1.png', url: 'https://example.test/1.png' }],
  ref: { kind: 'order', id: 'order:store-001:A001', label: '订单 A001' },
  createdAt: '2026-12-01T06:00:00.000Z',
  promised: { firstResponseDueAt: '2026-12-01T08:00:00.000Z', firstRespondedAt: null, resolutionDueAt: '2026-12-02T06:00:00.000Z' },
  thread: [],
  timeline: [{ at: '2026-12-01T06:00:00.000Z', event: 'file', from: null, to: 'new', by: 'member', reason: null }],
  resolutions: [],
  can: { ...NOTHING, reply: true, withdraw: true },
  reopenUntil: null,
}

const RESOLVED: MemberTicket = {
  ...FILED,
  status: 'pending',
  promised: { ...FILED.promised, firstRespondedAt: '2026-12-01T06:30:00.000Z' },
  thread: [
    { at: '2026-12-01T06:30:00.000Z', from: 'staff', name: '客服小周', text: '非常抱歉，我们马上核实' },
    { at: '2026-12-01T06:40:00.000Z', from: 'member', name: '我', text: '好的，等你们消息' },
  ],
  timeline: [
    ...FILED.timeline,
    { at: '2026-12-01T06:20:00.000Z', event: 'assign', from: 'new', to: 'processing', by: 'staff', reason: null },
    { at: '2026-12-01T07:00:00.000Z', event: 'resolve', from: 'processing', to: 'pending', by: 'staff', reason: null },
  ],
  resolutions: [{ n: 1, at: '2026-12-01T07:00:00.000Z', summary: '已约谈当班店员并致歉', compensation: { kind: 'points', points: 200, couponTitle: null }, rating: null, outcome: null }],
  can: { reply: true, withdraw: false, confirm: true, reopen: true, rate: true },
  reopenUntil: '2026-12-08T07:00:00.000Z',
}

function serve(ticket: MemberTicket, answers: Partial<Record<string, (payload: Record<string, unknown>) => MemberTicket>> = {}) {
  server.mockImplementation(async (_fn, action, payload) => {
    const answer = answers[action]
    if (answer) return answer(payload)
    if (action === 'detail') return ticket
    throw new Error(`unexpected ${action}`)
  })
}

const sent = (action: string) => server.mock.calls.filter(([, called]) => called === action).map(([, , payload]) => payload)
const BUTTONS = ['ticket-reply-send', 'ticket-withdraw', 'ticket-confirm', 'ticket-reopen', 'ticket-rate']
const buttonsShown = () => BUTTONS.filter((testId) => screen.queryByTestId(testId))

beforeEach(() => {
  server.mockReset()
  route.params = { id: FILED.id }
})

it('a ticket just filed: its status and promised times, the complaint, and only 补充说明 and 撤回', async () => {
  serve(FILED)
  render(<TicketPage />)
  expect((await screen.findByTestId('ticket-status')).textContent).toBe('待受理')
  // Promised times in Beijing time: 08:00Z is 16:00 in Beijing.
  expect(screen.getByTestId('ticket-promised').textContent).toContain('首次响应2026年12月1日 16:00 前')
  expect(screen.getByTestId('ticket-promised').textContent).toContain('预计解决2026年12月2日 14:00 前')
  expect(screen.getByText(FILED.text)).toBeTruthy()
  // The tag says 订单 once; the server's label 「订单 A001」 is not read twice.
  expect(screen.getByTestId('ticket-ref').textContent).toBe('订单A001')
  expect(screen.getAllByTestId('ticket-picture')).toHaveLength(1)
  expect(screen.getByText('客服回复后会显示在这里')).toBeTruthy()
  expect(buttonsShown()).toEqual(['ticket-reply-send', 'ticket-withdraw'])
  expect(screen.queryByTestId('ticket-resolution')).toBeNull()
})

it('a resolution waiting on the member: the card with its compensation, 确认 / 重新打开 / 评价 and until when, no 撤回', async () => {
  serve(RESOLVED)
  render(<TicketPage />)
  expect((await screen.findByTestId('ticket-status')).textContent).toBe('待确认')
  expect(screen.getByTestId('ticket-promised').textContent).toContain('已响应 · 2026年12月1日 14:30')
  const card = screen.getByTestId('ticket-resolution')
  expect(within(card).getByText('已约谈当班店员并致歉')).toBeTruthy()
  expect(within(card).getByTestId('ticket-compensation').textContent).toBe('补偿 200 积分')
  expect(buttonsShown()).toEqual(['ticket-reply-send', 'ticket-confirm', 'ticket-reopen', 'ticket-rate'])
  expect(screen.getByTestId('ticket-reopen-until').textContent).toBe('问题仍未解决？可在 2026年12月8日 15:00 前重新打开')

  const entries = screen.getAllByTestId('ticket-thread-entry')
  expect(entries.map((entry) => (entry.className.includes('--staff') ? `左 ${entry.textContent}` : `右 ${entry.textContent}`))).toEqual([
    '左 客服小周非常抱歉，我们马上核实2026年12月1日 14:30',
    '右 我好的，等你们消息2026年12月1日 14:40',
  ])
})

it('a closed ticket, rated: the rating and a coupon shown, and no buttons at all', async () => {
  serve({
    ...RESOLVED,
    status: 'closed',
    resolutions: [
      {
        ...RESOLVED.resolutions[0],
        compensation: { kind: 'coupon', points: 0, couponTitle: '满100减20' },
        rating: { score: 4, comment: '处理很及时', at: '2026-12-01T08:00:00.000Z' },
        outcome: 'confirmed',
      },
    ],
    can: NOTHING,
  })
  render(<TicketPage />)
  expect((await screen.findByTestId('ticket-status')).textContent).toBe('已关闭')
  expect(screen.getByTestId('ticket-compensation').textContent).toBe('补偿优惠券：满100减20')
  expect(screen.getByTestId('ticket-rating').textContent).toContain('处理很及时')
  expect(screen.getByText('已确认解决')).toBeTruthy()
  expect(buttonsShown()).toEqual([])
  expect(screen.queryByTestId('ticket-reply-text')).toBeNull()
})

it('撤回 asks first: 再想想 sends nothing; 撤回 sends it and shows the withdrawn ticket without the button', async () => {
  serve(FILED, { withdraw: () => ({ ...FILED, status: 'withdrawn', can: NOTHING }) })
  render(<TicketPage />)
  modalAnswer.confirm = false
  fireEvent.click(await screen.findByTestId('ticket-withdraw'))
  await waitFor(() => expect(modals.map((modal) => modal.title)).toEqual(['撤回反馈']))
  expect(sent('withdraw')).toEqual([])
  expect(screen.getByTestId('ticket-status').textContent).toBe('待受理')

  modalAnswer.confirm = true
  fireEvent.click(screen.getByTestId('ticket-withdraw'))
  await waitFor(() => expect(screen.getByTestId('ticket-status').textContent).toBe('已撤回'))
  expect(sent('withdraw')).toEqual([{ ticketId: FILED.id }])
  expect(toasts).toContain('已撤回')
  expect(buttonsShown()).toEqual([])
})

it('重新打开 needs a reason by the contract’s rule, then sends it and shows the ticket back 处理中', async () => {
  serve(RESOLVED, { reopen: () => ({ ...RESOLVED, status: 'processing', can: { ...NOTHING, reply: true } }) })
  render(<TicketPage />)
  fireEvent.click(await screen.findByTestId('ticket-reopen'))
  fireEvent.change(screen.getByTestId('ticket-reopen-reason'), { target: { value: '没' } })
  fireEvent.click(screen.getByTestId('ticket-reopen-submit'))
  await waitFor(() => expect(toasts).toEqual([TICKET_REASON.tooShort]))
  expect(screen.getByTestId('ticket-reopen-form').textContent).toContain(TICKET_REASON.tooShort)
  expect(sent('reopen')).toEqual([])

  fireEvent.change(screen.getByTestId('ticket-reopen-reason'), { target: { value: '  店员还是没有道歉  ' } })
  fireEvent.click(screen.getByTestId('ticket-reopen-submit'))
  await waitFor(() => expect(screen.getByTestId('ticket-status').textContent).toBe('处理中'))
  expect(sent('reopen')).toEqual([{ ticketId: RESOLVED.id, reason: '店员还是没有道歉' }])
  expect(screen.queryByTestId('ticket-reopen-form')).toBeNull()
  expect(buttonsShown()).toEqual(['ticket-reply-send'])
})

it('评价 sends the stars and comment chosen, then shows the rating as the member’s own', async () => {
  serve(RESOLVED, {
    rate: (payload) => ({
      ...RESOLVED,
      status: 'closed',
      resolutions: [{ ...RESOLVED.resolutions[0], rating: { score: Number(payload.score), comment: String(payload.comment), at: '2026-12-01T08:00:00.000Z' }, outcome: 'confirmed' }],
      can: NOTHING,
    }),
  })
  render(<TicketPage />)
  fireEvent.click(await screen.findByTestId('ticket-rate'))
  expect(screen.getByText('提交评价即视为问题已解决，工单将关闭')).toBeTruthy()
  fireEvent.click(screen.getByTestId('ticket-rate-submit'))
  await waitFor(() => expect(toasts).toEqual(['请选择评分']))
  expect(sent('rate')).toEqual([])

  fireEvent.click(screen.getByTestId('ticket-star-4'))
  fireEvent.change(screen.getByTestId('ticket-rate-comment'), { target: { value: '处理很及时' } })
  fireEvent.click(screen.getByTestId('ticket-rate-submit'))
  await waitFor(() => expect(screen.getByTestId('ticket-status').textContent).toBe('已关闭'))
  expect(sent('rate')).toEqual([{ ticketId: RESOLVED.id, score: 4, comment: '处理很及时' }])
  expect(screen.getByTestId('ticket-rating').textContent).toContain('处理很及时')
  expect(buttonsShown()).toEqual([])
})

it('a ticket that is not the member’s reads as gone, with the way to their own', async () => {
  const { CloudError } = jest.requireActual('../../client/services/cloud')
  server.mockRejectedValue(new CloudError({ code: 'NOT_FOUND', message: '找不到该工单' }))
  render(<TicketPage />)
  expect((await screen.findByTestId('ticket-gone')).textContent).toContain('找不到这条反馈')
  expect(screen.getByText('查看我的反馈')).toBeTruthy()
})
