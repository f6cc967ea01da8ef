/**
 * The invitee's page, opened from the QR: it reads the token from WeChat's scene (or ?token=),
 * shows the shop, role, store, inviter and expiry, and says in Chinese why an invitation that is
 * expired, revoked, used, or meant for someone already staff cannot be accepted, offering no
 * button then. An open one takes the member's name by default and goes on to the staff home.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { InvitationInfo } from '../../cloudfunctions/shared/contract/staff'
import { INVITATION_STATUS_LABELS, type InvitationStatus } from '../../cloudfunctions/shared/contract/workspaceFields'
import { AcceptInvitation } from '../../client/admin/pages/accept/index'
import { invitationTokenOf } from '../../client/admin/hooks/useInvitationAccept'
import { callCloud, CloudError } from '../../client/services/cloud'
import { redirects, toasts } from './support/taro'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const TOKEN = 'Ab3dEf6hIj9kLm2n'

function info(status: InvitationStatus, overrides: Partial<InvitationInfo> = {}): InvitationInfo {
  return {
    shopName: '会员通',
    roleName: '收银员',
    role: 'cashier',
    storeName: '会员通示范店',
    status,
    statusLabel: INVITATION_STATUS_LABELS[status],
    expiresAt: '2026-12-02T13:40:00.000Z',
    createdByName: '王店长',
    yourRole: null,
    ...overrides,
  }
}

function answer(offer: InvitationInfo, memberName: string | null = null) {
  server.mockImplementation(async (_fn, action) => {
    if (action === 'invitationInfo') return offer
    if (action === 'me') return memberName ? { name: memberName } : null
    if (action === 'acceptInvitation') return { role: 'cashier', name: '林晓雨', storeId: 'store-001', storeName: '会员通示范店' }
    throw new Error(`unexpected ${action}`)
  })
}

beforeEach(() => server.mockReset())

it.each([
  ['expired', info('expired'), '这张邀请已过期', '已于 2026年12月2日 21:40 过期。如需加入，请联系王店长重新邀请。'],
  ['revoked', info('revoked'), '这张邀请已被撤销', '如需加入，请联系王店长重新邀请。'],
  ['used', info('accepted'), '这张邀请已被使用', '每张邀请二维码只能使用一次。'],
  ['for someone already staff', info('pending', { yourRole: 'service' }), '你已是本店客服', '已是员工的微信无需再接受邀请'],
])('an invitation %s says why and offers no 接受邀请', async (_case, offer, title, words) => {
  answer(offer)
  render(<AcceptInvitation token={TOKEN} />)

  const refusal = await screen.findByTestId('accept-refusal')
  expect(refusal.textContent).toContain(title)
  expect(refusal.textContent).toContain(words)
  expect(screen.getByTestId('accept-status').textContent).toBe(offer.statusLabel)
  expect(screen.queryByTestId('accept-submit')).toBeNull()
  expect(server).toHaveBeenCalledWith('staff', 'invitationInfo', { token: TOKEN })
})

it('an open invitation shows what it offers, takes the member’s name and goes on to the staff home', async () => {
  answer(info('pending'), '林晓雨')
  render(<AcceptInvitation token={TOKEN} />)

  expect((await screen.findByTestId('accept-role')).textContent).toBe('邀请你成为「收银员」')
  const page = screen.getByTestId('accept-invitation').textContent ?? ''
  for (const words of ['会员通', '门店：会员通示范店', '邀请人：王店长', '有效期至：2026年12月2日 21:40']) expect(page).toContain(words)
  await waitFor(() => expect((screen.getByTestId('accept-name') as HTMLInputElement).value).toBe('林晓雨'))

  fireEvent.click(screen.getByTestId('accept-submit'))
  await waitFor(() => expect(redirects).toEqual(['/admin/pages/home/index']))
  expect(server).toHaveBeenCalledWith('staff', 'acceptInvitation', { token: TOKEN, name: '林晓雨' })
  expect(toasts).toEqual(['已成为收银员'])
})

it('a refusal while accepting (someone used it a moment ago) shows the server’s words and the invitation as it now stands', async () => {
  let used = false
  server.mockImplementation(async (_fn, action) => {
    if (action === 'invitationInfo') return used ? info('accepted') : info('pending')
    if (action === 'me') return null
    used = true
    throw new CloudError({ code: 'CONFLICT', message: '该邀请已被使用' })
  })
  render(<AcceptInvitation token={TOKEN} />)
  fireEvent.change(await screen.findByTestId('accept-name'), { target: { value: '陈晨' } })
  fireEvent.click(screen.getByTestId('accept-submit'))

  expect((await screen.findByTestId('accept-refusal')).textContent).toContain('这张邀请已被使用')
  expect(toasts).toEqual(['该邀请已被使用'])
  expect(redirects).toEqual([])
})

it('reads the token from WeChat’s URL-encoded scene or from ?token=, and nothing else', () => {
  expect(invitationTokenOf({ scene: encodeURIComponent(`inv=${TOKEN}`) })).toBe(TOKEN)
  expect(invitationTokenOf({ token: TOKEN })).toBe(TOKEN)
  expect(invitationTokenOf({ scene: encodeURIComponent('s=store-001') })).toBeNull()
  expect(invitationTokenOf({})).toBeNull()
})
