/**
 * 我的活动: each signup labelled 已报名 / 候补第 N 位 / 已签到 / 已取消 / 已结束, what is still to
 * come apart from the rest, and with none a way to the 活动 tab.
 */
import { fireEvent, render, screen, within } from '@testing-library/react'
import type { MyActivity } from '../../cloudfunctions/shared/contract/activity'
import MyActivitiesPage from '../../client/activity/pages/mine/index'
import { callCloud } from '../../client/services/cloud'
import { CONFIRMED, SUMMARY, switchedTo } from './activity-fixtures'

jest.mock('@tarojs/taro', () => jest.requireActual('./activity-fixtures').taroWithPageHooks())
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const entry = (id: string, startAt: string, activity: Partial<MyActivity['activity']>, signup: Partial<MyActivity['signup']>): MyActivity => ({
  activity: { ...SUMMARY, id, title: id, startAt, endAt: startAt, ...activity },
  signup: { ...CONFIRMED, ...signup },
})

const MINE: MyActivity[] = [
  entry('品鉴会', '2026-12-24T11:30:00.000Z', {}, {}),
  entry('派对', '2026-12-20T11:30:00.000Z', {}, { status: 'waitlisted', position: 2 }),
  entry('咖啡课', '2026-11-10T11:30:00.000Z', { phase: 'ended' }, { checkedInAt: '2026-11-10T11:35:00.000Z' }),
  entry('早鸟专场', '2026-11-20T11:30:00.000Z', { phase: 'ended' }, {}),
  entry('手冲体验', '2026-12-28T11:30:00.000Z', {}, { status: 'cancelled' }),
]

beforeEach(() => server.mockReset())

it('labels each signup and lists what is still to come first, soonest first', async () => {
  server.mockResolvedValue(MINE)
  render(<MyActivitiesPage />)
  const rows = await screen.findAllByTestId('my-activity')
  const read = rows.map((row) => `${within(row).getByText(/^[^\d]+$/, { selector: '.my-activity__title' }).textContent} ${within(row).getByTestId('my-activity-status').textContent}`)
  expect(read).toEqual(['派对 候补第 2 位', '品鉴会 已报名', '手冲体验 已取消', '早鸟专场 已结束', '咖啡课 已签到'])
  expect(screen.getByText('近期活动')).toBeTruthy()
  expect(screen.getByText('历史活动')).toBeTruthy()
})

it('with no signups offers the 活动 tab', async () => {
  server.mockResolvedValue([])
  render(<MyActivitiesPage />)
  expect((await screen.findByTestId('empty')).textContent).toContain('还没有报名活动')
  fireEvent.click(screen.getByTestId('my-activities-browse'))
  expect(switchedTo()).toEqual(['/pages/activities/index'])
})
