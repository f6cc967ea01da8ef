/**
 * The 活动 tab: each card says how many seats are left, or 已满 with how many wait; who may come
 * (nothing for everyone) and what it costs. Each tab asks for its own phase and says plainly when
 * it has nothing.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { ActivityPage } from '../../cloudfunctions/shared/contract/activity'
import ActivitiesPage from '../../client/pages/activities/index'
import { callCloud } from '../../client/services/cloud'
import { SUMMARY } from './activity-fixtures'

jest.mock('@tarojs/taro', () => jest.requireActual('./activity-fixtures').taroWithPageHooks())
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const OPEN = { ...SUMMARY, mine: null }
const FULL = {
  ...SUMMARY,
  mine: 'waitlisted' as const,
  id: 'act-party',
  title: '圣诞主题派对',
  type: 'party' as const,
  typeLabel: '主题派对',
  confirmed: 30,
  capacity: 30,
  seatsLeft: 0,
  waitlistCount: 4,
  minTier: 'gold' as const,
  minTierName: '金卡',
  pointsCost: 500,
}

beforeEach(() => {
  server.mockReset()
  server.mockImplementation(async (_fn, _action, payload) => ({ items: payload.tab === 'upcoming' ? [OPEN, FULL] : [], nextCursor: null }) satisfies ActivityPage)
})

it('says 已满 and how many wait when the seats are gone, and the seats left otherwise', async () => {
  render(<ActivitiesPage />)
  const cards = await screen.findAllByTestId('activity-card')
  expect(cards.map((card) => within(card).getByTestId('activity-seats').textContent)).toEqual(['剩余 8 席', '已满 · 4 人候补'])
  expect(cards.map((card) => within(card).queryByTestId('activity-min-tier')?.textContent ?? null)).toEqual([null, '金卡及以上'])
  expect(cards.map((card) => within(card).getByTestId('activity-cost').textContent)).toEqual(['免费', '500 积分'])
  // The member's own signup shows on its card: 候补中 on the full one, nothing on the other.
  expect(cards.map((card) => within(card).queryByTestId('activity-mine')?.textContent ?? null)).toEqual([null, '候补中'])
  expect(cards[0].textContent).toContain('12月24日 周四 19:30–21:30')
  expect(cards[0].textContent).toContain('会员通示范店 二楼')
})

it('says 已满 alone when nobody waits', async () => {
  server.mockImplementation(async () => ({ items: [{ ...FULL, waitlistCount: 0 }], nextCursor: null }))
  render(<ActivitiesPage />)
  expect((await screen.findByTestId('activity-seats')).textContent).toBe('已满')
})

it('asks each tab for its own phase and says so when it has none', async () => {
  render(<ActivitiesPage />)
  await screen.findAllByTestId('activity-card')
  fireEvent.click(screen.getByText('已结束'))
  expect((await screen.findByTestId('empty')).textContent).toContain('暂无已结束的活动')
  fireEvent.click(screen.getByText('进行中'))
  await waitFor(() => expect(screen.getByTestId('empty').textContent).toContain('暂无进行中的活动'))
  expect(server.mock.calls.map(([fn, action, payload]) => [fn, action, payload.tab])).toEqual([
    ['activity', 'list', 'upcoming'],
    ['activity', 'list', 'ended'],
    ['activity', 'list', 'ongoing'],
  ])
})
