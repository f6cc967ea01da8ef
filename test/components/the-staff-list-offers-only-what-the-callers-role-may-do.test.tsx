/**
 * 员工管理 offers, on each colleague, only what the caller may do to them: an admin changes, moves
 * and removes the roles below an admin, hands out only those roles, and never touches the owner,
 * another admin or themselves; only the owner is offered 转让店主. Removing someone asks first and
 * says it takes effect within the role cache's 10 seconds.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { StaffEntry } from '../../cloudfunctions/shared/contract/staff'
import { ROLE_CACHE_SECONDS } from '../../cloudfunctions/shared/contract/workspaceFields'
import { StaffAdmin } from '../../client/admin/pages/staff/index'
import { callCloud } from '../../client/services/cloud'
import { STORES, staffEntry } from './staff-fixtures'
import { modalAnswer, modals, toasts } from './support/taro'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const CONTROLS = ['staff-change-role', 'staff-move-store', 'staff-revoke', 'staff-transfer']
const controlsOf = (openid: string) => CONTROLS.filter((testId) => within(screen.getByTestId(`staff-${openid}`)).queryByTestId(testId) !== null)

function answer(list: StaffEntry[]) {
  server.mockImplementation(async (_fn, action) => {
    if (action === 'list') return list
    if (action === 'stores') return STORES
    if (action === 'revokeStaff') return null
    throw new Error(`unexpected ${action}`)
  })
}

/** The list as the server answers an admin: the owner and other admins are not theirs to manage. */
const asAdmin = [
  staffEntry('demo-owner', '王店长', 'owner'),
  staffEntry('demo-admin', '张经理', 'admin', { you: true }),
  staffEntry('demo-admin-2', '赵经理', 'admin'),
  staffEntry('demo-cashier', '小李', 'cashier', { manageable: true }),
  staffEntry('demo-service', '客服小周', 'service', { manageable: true, storeId: null, storeName: null }),
]

beforeEach(() => server.mockReset())

it('offers an admin the cashier and the service desk to change, move and remove, and nothing on the owner, another admin or themselves', async () => {
  answer(asAdmin)
  render(<StaffAdmin role='admin' />)
  await screen.findByTestId('staff-admin')

  expect(controlsOf('demo-owner')).toEqual([])
  expect(controlsOf('demo-admin')).toEqual([])
  expect(controlsOf('demo-admin-2')).toEqual([])
  expect(controlsOf('demo-cashier')).toEqual(['staff-change-role', 'staff-move-store', 'staff-revoke'])
  expect(controlsOf('demo-service')).toEqual(['staff-change-role', 'staff-move-store', 'staff-revoke'])
  expect(within(screen.getByTestId('staff-demo-service')).getByTestId('staff-store').textContent).toBe('未分配门店')

  fireEvent.click(within(screen.getByTestId('staff-demo-cashier')).getByTestId('staff-change-role'))
  const sheet = await screen.findByTestId('role-sheet')
  const offered = within(sheet)
    .getAllByTestId(/^role-sheet-option-/)
    .map((chip) => chip.textContent)
  expect(offered).toEqual(['收银员', '营销', '客服'])
  expect(sheet.textContent).toContain(`${ROLE_CACHE_SECONDS} 秒内`)
})

it('offers the owner every role but owner, and 转让店主 on every colleague but themselves', async () => {
  answer([
    staffEntry('demo-owner', '王店长', 'owner', { you: true }),
    staffEntry('demo-admin', '张经理', 'admin', { manageable: true }),
    staffEntry('demo-cashier', '小李', 'cashier', { manageable: true }),
  ])
  render(<StaffAdmin role='owner' />)
  await screen.findByTestId('staff-admin')

  expect(controlsOf('demo-owner')).toEqual([])
  expect(controlsOf('demo-admin')).toEqual(CONTROLS)
  expect(controlsOf('demo-cashier')).toEqual(CONTROLS)
  fireEvent.click(within(screen.getByTestId('staff-demo-admin')).getByTestId('staff-change-role'))
  const offered = within(await screen.findByTestId('role-sheet'))
    .getAllByTestId(/^role-sheet-option-/)
    .map((chip) => chip.textContent)
  expect(offered).toEqual(['管理员', '收银员', '营销', '客服'])
})

it('asks before removing, says the change takes 10 seconds, and sends nothing when the answer is no', async () => {
  answer(asAdmin)
  render(<StaffAdmin role='admin' />)
  const remove = within(await screen.findByTestId('staff-demo-cashier')).getByTestId('staff-revoke')

  modalAnswer.confirm = false
  fireEvent.click(remove)
  await waitFor(() => expect(modals).toHaveLength(1))
  expect(modals[0].content).toContain('「小李」')
  expect(modals[0].content).toContain(`${ROLE_CACHE_SECONDS} 秒内在其所有设备上生效`)
  expect(server.mock.calls.map(([, action]) => action)).not.toContain('revokeStaff')

  modalAnswer.confirm = true
  fireEvent.click(remove)
  await waitFor(() => expect(toasts).toEqual([`已移除，${ROLE_CACHE_SECONDS} 秒内生效`]))
  expect(server).toHaveBeenCalledWith('staff', 'revokeStaff', { staffOpenid: 'demo-cashier' })
})
