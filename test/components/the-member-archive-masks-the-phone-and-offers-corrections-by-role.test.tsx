/**
 * 会员档案 (the 360 page): the phone is masked for everyone but the owner, whatever the answer
 * carried; 修改生日 is offered to the owner and admins, 注销会员 to the owner alone, and neither for a
 * member already erased. A note whose answer was lost is sent again as the same request (its
 * requestId), so it is added once; the next note is a new request. The ledger pages on from the
 * archive's own cursor through points.memberHistory.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { MemberArchive, MemberNote } from '../../cloudfunctions/shared/contract/archive'
import type { Role } from '../../cloudfunctions/shared/contract/roles'
import { ERASED_NAME } from '../../cloudfunctions/shared/contract/workspaceFields'
import { MemberArchiveView } from '../../client/admin/pages/archive/index'
import { callCloud, CloudError } from '../../client/services/cloud'
import { toasts } from './support/taro'

jest.mock('@tarojs/taro', () => jest.requireActual('./activity-fixtures').taroWithPageHooks())
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
jest.mock('../../client/services/navigate', () => ({ openPage: jest.fn(async () => undefined) }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const CARD = '1006646713'
const at = (day: number) => new Date(Date.UTC(2026, 10, day, 6)).toISOString()

/** 林晓雨 as the archive answers the owner: the whole number (phoneFull). */
function archive(overrides: Partial<MemberArchive> = {}): MemberArchive {
  return {
    cardNo: CARD,
    name: '林晓雨',
    gender: 'female',
    birthday: '1994-05-20',
    phone: '13812345678',
    phoneFull: true,
    avatarUrl: null,
    joinedAt: at(1),
    lastActiveAt: at(20),
    storeName: '静安店',
    tags: ['咖啡控'],
    removed: false,
    erasedAt: null,
    tier: 'gold',
    tierName: '金卡',
    tierSince: at(2),
    tierUntil: '2027-11-30T16:00:00.000Z',
    tierHistory: [{ at: at(2), fromName: '银卡', toName: '金卡', reason: '消费升级' }],
    pointsBalance: 5780,
    lifetimePoints: 9200,
    nextExpiry: { at: '2026-12-31T16:00:00.000Z', points: 400 },
    spend12mFen: 518000,
    orders12m: 23,
    rfmLabel: '重要价值',
    ledger: [{ id: 'order:store-001:A001', kind: 'earn', delta: 120, reason: '消费 ¥120.00 · 单号 A001', createdAt: at(20), expiresAt: null }],
    ledgerCursor: 'ledger:after:A001',
    orders: [],
    ordersCursor: null,
    coupons: [],
    activities: [],
    tickets: [],
    notes: [{ id: 'n1', text: '偏好燕麦奶', authorName: '王店长', at: at(10) }],
    ...overrides,
  }
}

let answer: MemberArchive
beforeEach(() => {
  answer = archive()
  server.mockReset().mockImplementation(async (_fn, action) => {
    if (action === 'archive') return answer
    if (action === 'memberHistory') return { entries: [{ id: 'adjust:r1', kind: 'adjust', delta: -50, reason: '投诉补偿冲正', createdAt: at(5), expiresAt: null }], nextCursor: null }
    throw new Error(`unexpected ${action}`)
  })
})

async function open(role: Role) {
  const view = render(<MemberArchiveView cardNo={CARD} role={role} />)
  await screen.findByTestId('archive-head')
  return view
}

const offered = () => ['archive-birthday-edit', 'archive-remove-open'].filter((testId) => screen.queryByTestId(testId) !== null)

it.each<[Role, string, string[]]>([
  ['owner', '13812345678', ['archive-birthday-edit', 'archive-remove-open']],
  ['admin', '138****5678', ['archive-birthday-edit']],
  ['cashier', '138****5678', []],
  ['service', '138****5678', []],
])('shows the %s the phone as %s and offers %j', async (role, phone, controls) => {
  const { unmount } = await open(role)
  expect(screen.getByTestId('archive-phone').textContent).toBe(phone)
  expect(within(screen.getByTestId('archive-profile')).getByText(phone)).toBeTruthy()
  expect(offered()).toEqual(controls)
  unmount()
})

it('offers no correction for a member already erased, and says they are', async () => {
  answer = archive({ removed: true, erasedAt: at(21), name: ERASED_NAME, phone: null, birthday: null, tags: [] })
  await open('owner')
  expect(screen.getByTestId('archive-erased').textContent).toContain('已注销')
  expect(screen.getByTestId('archive-name').textContent).toBe(ERASED_NAME)
  expect(screen.getByTestId('archive-erased-notice').textContent).toContain('已匿名化')
  expect(offered()).toEqual([])
})

it('sends a note retried after a lost answer as the same request, and the next note as a new one', async () => {
  const requestIds: string[] = []
  let lose = true
  server.mockImplementation(async (_fn, action, payload) => {
    if (action === 'archive') return answer
    if (action !== 'addNote') throw new Error(`unexpected ${action}`)
    requestIds.push(payload.requestId as string)
    if (lose) {
      lose = false
      throw new CloudError({ code: 'INTERNAL', message: '网络异常，请检查网络后重试' })
    }
    const note: MemberNote = { id: `note-${payload.requestId}`, text: payload.text as string, authorName: '收银小李', at: at(22) }
    return note
  })
  await open('cashier')
  fireEvent.click(screen.getByText('备注'))
  const box = screen.getByTestId('archive-note-text')
  fireEvent.change(box, { target: { value: '想要生日蛋糕券' } })
  fireEvent.click(screen.getByTestId('archive-note-send'))
  await waitFor(() => expect(toasts).toContain('网络异常，请检查网络后重试'))
  // The text stays for the second tap.
  expect((screen.getByTestId('archive-note-text') as HTMLTextAreaElement).value).toBe('想要生日蛋糕券')

  fireEvent.click(screen.getByTestId('archive-note-send'))
  await waitFor(() => expect(screen.getAllByTestId('archive-note')).toHaveLength(2))
  expect(requestIds).toHaveLength(2)
  expect(requestIds[1]).toBe(requestIds[0])
  expect(requestIds[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
  expect(screen.getAllByTestId('archive-note')[0].textContent).toContain('收银小李')
  expect(screen.getAllByTestId('archive-note')[0].textContent).toContain('想要生日蛋糕券')

  fireEvent.change(screen.getByTestId('archive-note-text'), { target: { value: '周末常来' } })
  fireEvent.click(screen.getByTestId('archive-note-send'))
  await waitFor(() => expect(screen.getAllByTestId('archive-note')).toHaveLength(3))
  expect(requestIds[2]).not.toBe(requestIds[0])
  expect(server.mock.calls.filter(([, action]) => action === 'addNote').map(([, , payload]) => payload.cardNo)).toEqual([CARD, CARD, CARD])
})

it('pages the ledger on from the archive’s cursor through points.memberHistory', async () => {
  await open('service')
  fireEvent.click(screen.getByText('积分'))
  expect(screen.getAllByTestId('ledger-entry')).toHaveLength(1)
  fireEvent.click(screen.getByTestId('archive-ledger-more'))
  await waitFor(() => expect(screen.getAllByTestId('ledger-entry')).toHaveLength(2))
  expect(server).toHaveBeenCalledWith('points', 'memberHistory', { cardNo: CARD, cursor: 'ledger:after:A001' })
  expect(server.mock.calls.filter(([, action]) => action === 'archive')).toHaveLength(1)
})
