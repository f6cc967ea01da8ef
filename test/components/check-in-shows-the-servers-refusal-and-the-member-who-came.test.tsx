/**
 * The check-in desk: a scanned code the server refuses shows the server's own message (未报名,
 * 候补中, 已签到, 不在签到时间 are the function's words, not the screen's); one it takes shows the
 * member and the points they got, and the running count follows the roster.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ActivityDetail, CheckInResult, Roster } from '../../cloudfunctions/shared/contract/activity'
import { CheckIn } from '../../client/admin/pages/checkin/index'
import { callCloud, CloudError } from '../../client/services/cloud'
import { scanMemberCode } from '../../client/services/scan'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
jest.mock('../../client/services/scan', () => ({ scanMemberCode: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>
const scan = scanMemberCode as jest.MockedFunction<typeof scanMemberCode>

/** What the desk reads of the member-facing detail: the title and the times. */
const DETAIL = { id: 'act-launch', title: '冬季新品品鉴会', startAt: '2026-12-24T11:30:00.000Z', endAt: '2026-12-24T13:30:00.000Z' } as ActivityDetail
const counts = (checkedIn: number): Roster => ({ counts: { confirmed: 12, waitlisted: 2, cancelled: 1, checkedIn }, entries: [], nextCursor: null })
const CHECKED_IN: CheckInResult = { name: '林晓雨', cardNo: '1006646713', tierName: '金卡', pointsAwarded: 50, checkedInAt: '2026-12-24T11:20:00.000Z' }

beforeEach(() => {
  server.mockReset()
  scan.mockReset().mockResolvedValue('sealed-code')
})

it('shows the server’s refusal as it said it', async () => {
  server.mockImplementation(async (_fn, action) => {
    if (action === 'detail') return DETAIL
    if (action === 'roster') return counts(3)
    throw new CloudError({ code: 'CONFLICT', message: '该会员在候补中，不能签到' })
  })
  render(<CheckIn role='cashier' activityId='act-launch' />)
  await screen.findByText(DETAIL.title)
  fireEvent.click(screen.getByTestId('checkin-scan'))

  const refused = await screen.findByTestId('checkin-refused')
  expect(refused.textContent).toContain('该会员在候补中，不能签到')
  expect(screen.queryByTestId('checkin-result')).toBeNull()
  expect(server.mock.calls.find(([, action]) => action === 'checkIn')?.[2]).toEqual({ activityId: 'act-launch', memberCode: 'sealed-code' })
})

it('shows who came, the points they got, and the count from the roster', async () => {
  let checkedIn = 3
  server.mockImplementation(async (_fn, action) => {
    if (action === 'detail') return DETAIL
    if (action === 'roster') return counts(checkedIn)
    checkedIn += 1
    return CHECKED_IN
  })
  render(<CheckIn role='cashier' activityId='act-launch' />)
  await waitFor(() => expect(screen.getByTestId('checkin-count').textContent).toContain('3 / 12已签到 / 已报名'))
  fireEvent.click(screen.getByTestId('checkin-scan'))

  const result = await screen.findByTestId('checkin-result')
  expect(result.textContent).toContain('+50 积分')
  expect(result.textContent).toContain('林晓雨 · 金卡')
  expect(result.textContent).toContain('1006 6467 13')
  await waitFor(() => expect(screen.getByTestId('checkin-count').textContent).toContain('4 / 12已签到 / 已报名'))
})

it('does nothing when the cashier closes the scanner', async () => {
  scan.mockResolvedValue(null)
  server.mockImplementation(async (_fn, action) => (action === 'detail' ? DETAIL : counts(0)))
  render(<CheckIn role='cashier' activityId='act-launch' />)
  fireEvent.click(screen.getByTestId('checkin-scan'))
  await waitFor(() => expect(scan).toHaveBeenCalled())
  expect(server.mock.calls.some(([, action]) => action === 'checkIn')).toBe(false)
})
