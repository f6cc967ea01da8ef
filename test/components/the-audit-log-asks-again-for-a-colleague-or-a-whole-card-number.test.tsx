/**
 * 操作日志: the newest entries first, each as its Chinese sentence and time; picking a colleague or
 * typing a whole card number asks the server again with that filter (a part of a card number asks
 * nothing and says what it lacks), and an empty answer says nothing matched.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { AuditPage } from '../../cloudfunctions/shared/contract/staff'
import { AuditLog } from '../../client/admin/pages/audit/index'
import { callCloud } from '../../client/services/cloud'
import { staffEntry } from './staff-fixtures'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const PAGE: AuditPage = {
  entries: [
    {
      id: 'a2',
      at: '2026-12-01T06:30:00.000Z',
      actorName: '王店长',
      actorRole: '店主',
      action: 'points.adjust',
      actionLabel: '调整积分',
      memberName: '林晓雨',
      memberCardNo: '1006646713',
      text: '王店长 调整积分 林晓雨 +200 原因：活动补发',
    },
    {
      id: 'a1',
      at: '2026-12-01T02:05:00.000Z',
      actorName: '小李',
      actorRole: '收银员',
      action: 'points.checkout',
      actionLabel: '结账',
      memberName: null,
      memberCardNo: null,
      text: '小李 结账 单号 A001',
    },
  ],
  nextCursor: null,
}
const audits = () => server.mock.calls.filter(([, action]) => action === 'audit').map(([, , payload]) => payload)

beforeEach(() => {
  server.mockReset()
  server.mockImplementation(async (_fn, action, payload) => {
    if (action === 'list') return [staffEntry('demo-owner', '王店长', 'owner', { you: true }), staffEntry('demo-cashier', '小李', 'cashier')]
    if (action === 'audit') return payload.cardNo === '1234567890' ? { entries: [], nextCursor: null } : PAGE
    throw new Error(`unexpected ${action}`)
  })
})

it('shows each entry as its sentence and time, and asks again for a colleague or a whole card number', async () => {
  render(<AuditLog />)
  const entries = await screen.findAllByTestId('audit-entry')
  expect(entries.map((entry) => entry.textContent)).toEqual([
    '王店长 调整积分 林晓雨 +200 原因：活动补发2026年12月1日 14:30 · 店主 · 卡号 1006646713',
    '小李 结账 单号 A0012026年12月1日 10:05 · 收银员',
  ])
  expect(audits()).toEqual([{}])

  fireEvent.click(await screen.findByTestId('audit-actor-demo-cashier'))
  await waitFor(() => expect(audits()).toEqual([{}, { actorOpenid: 'demo-cashier' }]))

  fireEvent.change(screen.getByTestId('audit-card'), { target: { value: '12345' } })
  expect(within(screen.getByTestId('audit-filters')).getByText('会员卡号应为 10 位数字')).toBeTruthy()
  expect(audits()).toHaveLength(2)

  fireEvent.change(screen.getByTestId('audit-card'), { target: { value: '1234567890' } })
  expect((await screen.findByTestId('empty')).textContent).toContain('没有符合条件的记录')
  expect(audits()).toEqual([{}, { actorOpenid: 'demo-cashier' }, { actorOpenid: 'demo-cashier', cardNo: '1234567890' }])
})
