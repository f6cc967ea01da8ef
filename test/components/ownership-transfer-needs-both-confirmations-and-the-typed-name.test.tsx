/**
 * 转让店主 is confirmed twice: a dialog first, then the colleague's name typed in full, which is
 * what the server is sent as confirmName. Declining the first, or typing another name, sends
 * nothing. Once transferred, the former owner (an admin now) is no longer offered a transfer.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { StaffAdmin } from '../../client/admin/pages/staff/index'
import { callCloud } from '../../client/services/cloud'
import { STORES, staffEntry } from './staff-fixtures'
import { modalAnswer, modals, toasts } from './support/taro'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const BEFORE = [
  staffEntry('demo-owner', '王店长', 'owner', { you: true }),
  staffEntry('demo-admin', '张经理', 'admin', { manageable: true }),
  staffEntry('demo-cashier', '小李', 'cashier', { manageable: true }),
]
const AFTER = [staffEntry('demo-owner', '王店长', 'admin', { you: true }), staffEntry('demo-admin', '张经理', 'owner'), staffEntry('demo-cashier', '小李', 'cashier', { manageable: true })]
const transfers = () => server.mock.calls.filter(([, action]) => action === 'transferOwnership')
const type = (value: string) => fireEvent.change(screen.getByTestId('transfer-name'), { target: { value } })

beforeEach(() => {
  server.mockReset()
  server.mockImplementation(async (_fn, action) => {
    if (action === 'list') return BEFORE
    if (action === 'stores') return STORES
    if (action === 'transferOwnership') return AFTER
    throw new Error(`unexpected ${action}`)
  })
})

async function openTransfer() {
  fireEvent.click(within(await screen.findByTestId('staff-demo-admin')).getByTestId('staff-transfer'))
  await waitFor(() => expect(modals.length).toBeGreaterThan(0))
}

it('declining the first confirmation opens nothing and sends nothing', async () => {
  render(<StaffAdmin role='owner' />)
  modalAnswer.confirm = false
  await openTransfer()

  expect(modals[0].title).toBe('转让店主')
  expect(modals[0].content).toContain('「张经理」')
  expect(modals[0].content).toContain('你将成为管理员')
  expect(screen.queryByTestId('transfer-sheet')).toBeNull()
  expect(transfers()).toEqual([])
})

it('the second confirmation takes only the colleague’s own name, and the transfer sends what was typed', async () => {
  render(<StaffAdmin role='owner' />)
  await openTransfer()
  const sheet = await screen.findByTestId('transfer-sheet')
  const confirm = within(sheet).getByTestId('transfer-confirm') as HTMLButtonElement

  expect(confirm.disabled).toBe(true)
  type('张')
  expect(confirm.disabled).toBe(true)
  expect(sheet.textContent).toContain('输入的姓名与「张经理」不一致')
  type('小李')
  expect(confirm.disabled).toBe(true)
  fireEvent.click(confirm)
  expect(transfers()).toEqual([])

  type('张经理')
  expect(confirm.disabled).toBe(false)
  fireEvent.click(confirm)

  await waitFor(() => expect(toasts).toEqual(['已转让店主']))
  expect(transfers()).toEqual([['staff', 'transferOwnership', { staffOpenid: 'demo-admin', confirmName: '张经理' }]])
  expect(screen.queryByTestId('transfer-sheet')).toBeNull()
  // Now an admin: no transfers, and the new owner is nobody's to manage.
  expect(screen.queryAllByTestId('staff-transfer')).toEqual([])
  expect(within(screen.getByTestId('staff-demo-admin')).getByTestId('staff-role').textContent).toBe('店主')
  expect(within(screen.getByTestId('staff-demo-admin')).queryByTestId('staff-revoke')).toBeNull()
  expect(within(screen.getByTestId('staff-demo-cashier')).getByTestId('staff-revoke')).toBeTruthy()
})
