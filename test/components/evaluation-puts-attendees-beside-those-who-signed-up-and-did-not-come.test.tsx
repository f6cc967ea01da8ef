/**
 * The evaluation page's point: members who came against members who signed up and did not, over
 * the same 30 days around the start, read side by side; then the rates, the ratings as bars, and
 * the comparison across activity types.
 */
import { render, screen, within } from '@testing-library/react'
import type { ActivityEvaluation, ActivityTypeComparison } from '../../cloudfunctions/shared/contract/activity'
import { Evaluation } from '../../client/admin/pages/evaluation/index'
import { callCloud } from '../../client/services/cloud'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const EVALUATION: ActivityEvaluation = {
  activityId: 'act-launch',
  title: '冬季新品品鉴会',
  type: 'launch',
  typeLabel: '新品发布会',
  startAt: '2026-12-24T11:30:00.000Z',
  phase: 'ended',
  signups: 24,
  confirmed: 20,
  waitlisted: 1,
  cancelled: 3,
  checkedIn: 16,
  checkInRate: 0.8,
  noShowRate: 0.2,
  joinedViaShare: 5,
  attendees: { members: 16, beforeFen: 480_000, afterFen: 736_000, changePerMemberFen: 16_000 },
  noShows: { members: 4, beforeFen: 120_000, afterFen: 110_000, changePerMemberFen: -2_500 },
  satisfaction: { count: 10, mean: 4.3, distribution: [0, 1, 1, 2, 6], comments: [{ score: 5, comment: '讲解很专业', at: '2026-12-25T02:00:00.000Z' }] },
}

const COMPARISON: ActivityTypeComparison[] = [
  { type: 'launch', typeLabel: '新品发布会', activities: 2, signups: 40, checkedIn: 30, participation: 0.75, attendeeChangePerMemberFen: 12_000, noShowChangePerMemberFen: -1_000, satisfaction: 4.4 },
  { type: 'class', typeLabel: '课程体验', activities: 1, signups: 10, checkedIn: 5, participation: 0.5, attendeeChangePerMemberFen: 3_000, noShowChangePerMemberFen: null, satisfaction: null },
]

beforeEach(() => {
  server.mockReset().mockImplementation(async (_fn, action) => (action === 'evaluate' ? EVALUATION : COMPARISON))
})

it('reads attendees and no-shows side by side, row by row', async () => {
  render(<Evaluation activityId='act-launch' />)
  const spend = await screen.findByTestId('evaluation-spend')
  const rows = within(spend)
    .getAllByTestId('evaluation-spend-row')
    .map((row) => [...row.children].map((cell) => cell.textContent))
  expect(rows).toEqual([
    ['人数', '16', '4'],
    ['活动前 30 天消费', '¥4,800', '¥1,200'],
    ['活动后 30 天消费', '¥7,360', '¥1,100'],
    ['人均消费变化', '+¥160', '-¥25'],
  ])
  expect(screen.getByTestId('evaluation-lift').textContent).toBe('到场会员的人均消费变化比爽约会员高 ¥185')
})

it('shows the rates as percentages, the ratings as bars and each type compared', async () => {
  render(<Evaluation activityId='act-launch' />)
  expect((await screen.findByTestId('evaluation-checkin-rate')).textContent).toBe('80%')
  expect(screen.getByTestId('evaluation-noshow-rate').textContent).toBe('20%')
  expect(screen.getByTestId('evaluation-share').textContent).toBe('5')
  expect(screen.getByTestId('evaluation-mean').textContent).toBe('4.3')
  expect(screen.getAllByTestId('evaluation-bar').map((bar) => bar.textContent)).toEqual(['5 分6', '4 分2', '3 分1', '2 分1', '1 分0'])
  expect(screen.getByTestId('evaluation-comment').textContent).toContain('讲解很专业')

  const compared = (await screen.findAllByTestId('evaluation-compare-row')).map((row) => row.textContent)
  expect(compared[0]).toContain('75%')
  expect(compared[0]).toContain('到场 +¥120爽约 -¥10')
  expect(compared[1]).toContain('暂无')
})
