/**
 * 会员查询: one box takes a card number, a phone number, its last 4 digits or a name. Before the
 * search the page says how it will read what is typed; after it, how the server read it (`by`).
 * Hits come a page at a time (加载更多 asks with the server's cursor), an erased member says 已注销,
 * and a phone is masked for everyone but the owner, even if an answer carried the whole number.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { MemberHit, MemberSearchPage } from '../../cloudfunctions/shared/contract/archive'
import { ERASED_NAME } from '../../cloudfunctions/shared/contract/workspaceFields'
import { MemberSearchView } from '../../client/admin/pages/member/index'
import { callCloud } from '../../client/services/cloud'
import { openPage } from '../../client/services/navigate'

jest.mock('@tarojs/taro', () => jest.requireActual('./activity-fixtures').taroWithPageHooks())
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
jest.mock('../../client/services/navigate', () => ({ openPage: jest.fn(async () => undefined) }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

function hit(cardNo: string, overrides: Partial<MemberHit> = {}): MemberHit {
  return { cardNo, name: '林晓雨', phone: '138****1234', tier: 'gold', tierName: '金卡', pointsBalance: 5780, joinedAt: '2025-03-08T02:00:00.000Z', removed: false, ...overrides }
}

/** Two pages for 尾号 1234: the first ends with a cursor, the second with none. */
const PAGES: Record<string, MemberSearchPage> = {
  first: {
    by: 'phone4',
    members: [hit('1006646713'), hit('1004418825', { name: ERASED_NAME, phone: null, removed: true, tier: 'regular', tierName: '普通', pointsBalance: 0 })],
    nextCursor: 'after:1004418825',
  },
  'after:1004418825': { by: 'phone4', members: [hit('1009902217', { name: '王丽', phone: '13912341234', tier: 'silver', tierName: '银卡', pointsBalance: 320 })], nextCursor: null },
}

beforeEach(() => {
  server.mockReset().mockImplementation(async (_fn, _action, payload) => PAGES[(payload.cursor as string | undefined) ?? 'first'])
  ;(openPage as jest.Mock).mockClear()
})

const searches = () => server.mock.calls.filter(([fn, action]) => fn === 'member' && action === 'search').map(([, , payload]) => payload)

it('says how it will read the query, then how the server read it, and pages on with the cursor', async () => {
  render(<MemberSearchView role='cashier' />)
  const box = screen.getByTestId('search-query')
  fireEvent.change(box, { target: { value: '13812345678' } })
  expect(screen.getByText('将按手机号查找')).toBeTruthy()
  fireEvent.change(box, { target: { value: '林晓' } })
  expect(screen.getByText('将按姓名查找')).toBeTruthy()
  fireEvent.change(box, { target: { value: ' 1234 ' } })
  expect(screen.getByText('将按手机尾号查找')).toBeTruthy()

  fireEvent.click(screen.getByTestId('search-submit'))
  expect((await screen.findByTestId('search-by')).textContent).toBe('按手机尾号「1234」查找，已显示 2 位会员')
  expect(searches()).toEqual([{ query: '1234', cursor: undefined }])

  const [found, erased] = screen.getAllByTestId('search-hit')
  expect(within(found).getByTestId('search-hit-phone').textContent).toBe('1006 6467 13 · 138****1234')
  expect(within(erased).getByTestId('search-hit-name').textContent).toBe(ERASED_NAME)
  expect(within(erased).getByTestId('search-hit-erased').textContent).toBe('已注销')
  expect(within(erased).getByTestId('search-hit-phone').textContent).toContain('未绑定手机')
  expect(within(found).queryByTestId('search-hit-erased')).toBeNull()

  fireEvent.click(screen.getByTestId('search-more'))
  await waitFor(() => expect(screen.getAllByTestId('search-hit')).toHaveLength(3))
  expect(searches()[1]).toEqual({ query: '1234', cursor: 'after:1004418825' })
  // A cashier never sees a whole number, even one an answer carried.
  expect(within(screen.getAllByTestId('search-hit')[2]).getByTestId('search-hit-phone').textContent).toBe('1009 9022 17 · 139****1234')
  expect(screen.getByTestId('search-by').textContent).toBe('按手机尾号「1234」查找，已显示 3 位会员')
  expect(screen.queryByTestId('search-more')).toBeNull()
  expect(screen.getByText('没有更多了')).toBeTruthy()

  fireEvent.click(screen.getAllByTestId('search-hit')[0])
  expect(openPage).toHaveBeenCalledWith('/admin/pages/archive/index?cardNo=1006646713')
})

it('shows the owner the whole number, and a search with no members says so by how it was read', async () => {
  server.mockImplementation(async (_fn, _action, payload) =>
    payload.query === '王' ? { by: 'name', members: [], nextCursor: null } : { by: 'phone', members: [hit('1009902217', { phone: '13912341234' })], nextCursor: null },
  )
  render(<MemberSearchView role='owner' />)
  fireEvent.change(screen.getByTestId('search-query'), { target: { value: '13912341234' } })
  fireEvent.click(screen.getByTestId('search-submit'))
  expect((await screen.findByTestId('search-hit-phone')).textContent).toBe('1009 9022 17 · 13912341234')
  expect(screen.getByTestId('search-by').textContent).toBe('按手机号「13912341234」查找，已显示 1 位会员')

  fireEvent.change(screen.getByTestId('search-query'), { target: { value: '王' } })
  fireEvent.click(screen.getByTestId('search-submit'))
  await waitFor(() => expect(screen.getByTestId('search-by').textContent).toBe('按姓名「王」查找'))
  expect(screen.getByText('没有找到会员')).toBeTruthy()
  expect(screen.queryAllByTestId('search-hit')).toHaveLength(0)
})
