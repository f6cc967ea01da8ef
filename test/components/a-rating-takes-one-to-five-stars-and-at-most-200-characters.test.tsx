/**
 * Rating an activity after checking in: a comment over the contract's 200 characters is refused
 * on the phone with the rule's words (nothing is sent); stars and a comment are sent as chosen,
 * and the rating then shows as the member's own.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { ActivityDetail, MySignup } from '../../cloudfunctions/shared/contract/activity'
import { RATING_COMMENT } from '../../cloudfunctions/shared/contract/activityFields'
import ActivityDetailPage from '../../client/activity/pages/detail/index'
import { callCloud } from '../../client/services/cloud'
import { toasts } from './support/taro'
import { CONFIRMED, DETAIL, route } from './activity-fixtures'

jest.mock('@tarojs/taro', () => jest.requireActual('./activity-fixtures').taroWithPageHooks())
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const CHECKED_IN: MySignup = { ...CONFIRMED, checkedInAt: '2026-12-24T11:40:00.000Z', canCancel: false, canRate: true }
const ATTENDED: ActivityDetail = { ...DETAIL, phase: 'ended', standing: { state: 'checkedIn', label: '已签到', actionable: false }, mine: CHECKED_IN }

beforeEach(() => {
  route.params = { id: DETAIL.id }
  server.mockReset()
  server.mockImplementation(async (_fn, action, payload) => {
    if (action === 'detail') return ATTENDED
    if (action === 'rate') return { ...CHECKED_IN, rating: { score: Number(payload.score), comment: String(payload.comment) }, canRate: false } satisfies MySignup
    throw new Error(`unexpected ${action}`)
  })
})

const comment = () => screen.getByTestId('rating-comment') as HTMLTextAreaElement
const rateCalls = () => server.mock.calls.filter(([, action]) => action === 'rate')

it('refuses a comment over 200 characters with the rule’s words and sends nothing', async () => {
  render(<ActivityDetailPage />)
  await screen.findByTestId('rating-form')
  fireEvent.click(screen.getByTestId('rating-star-5'))
  fireEvent.change(comment(), { target: { value: '好'.repeat(201) } })
  // Nothing is cut off as it is typed: the member sees how far over they are.
  expect(comment().value).toHaveLength(201)
  expect(screen.getByTestId('rating-count').textContent).toBe(`${RATING_COMMENT.tooLong} · 201/200`)

  fireEvent.click(screen.getByTestId('rating-submit'))
  await waitFor(() => expect(toasts).toEqual([RATING_COMMENT.tooLong]))
  expect(rateCalls()).toEqual([])

  fireEvent.change(comment(), { target: { value: '好'.repeat(200) } })
  expect(screen.getByTestId('rating-count').textContent).toBe('200/200')
})

it('asks for stars before sending', async () => {
  render(<ActivityDetailPage />)
  await screen.findByTestId('rating-form')
  fireEvent.click(screen.getByTestId('rating-submit'))
  await waitFor(() => expect(toasts).toEqual(['请选择评分']))
  expect(rateCalls()).toEqual([])
})

it('sends the stars and the comment, thanks the member and shows the rating as theirs', async () => {
  render(<ActivityDetailPage />)
  await screen.findByTestId('rating-form')
  fireEvent.click(screen.getByTestId('rating-star-4'))
  fireEvent.change(comment(), { target: { value: '  讲解很细致，下次还来  ' } })
  expect(screen.getByTestId('rating-count').textContent).toBe('10/200')
  fireEvent.click(screen.getByTestId('rating-submit'))

  await waitFor(() => expect(toasts).toEqual(['感谢您的评价']))
  expect(rateCalls()).toEqual([['activity', 'rate', { activityId: DETAIL.id, score: 4, comment: '讲解很细致，下次还来' }]])
  expect(screen.queryByTestId('rating-form')).toBeNull()
  const rating = screen.getByTestId('my-rating')
  expect(rating.querySelectorAll('.rating-stars__star--on')).toHaveLength(4)
  expect(within(rating).getByTestId('rating-stars').textContent).toBe('★★★★★满意')
  expect(rating.textContent).toContain('讲解很细致，下次还来')
})
