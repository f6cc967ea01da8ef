/**
 * The staff activity form checks times with the contract's own activityTimesProblem: an end before
 * the start is said beside 结束时间, in the contract's words, and nothing is sent. Once it is right,
 * the create payload carries each time as the Beijing wall-clock text that was typed.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { StaffActivity } from '../../cloudfunctions/shared/contract/activity'
import { activityTimesProblem, fromShopDateTime } from '../../cloudfunctions/shared/contract/activityFields'
import { ActivityManager } from '../../client/admin/pages/activity/index'
import { callCloud, CloudError } from '../../client/services/cloud'
import { toasts } from './support/taro'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } })
const errorBeside = (testId: string) => screen.getByTestId(testId).closest('.form-field')?.querySelector('[data-testid="field-error"]')?.textContent ?? null
const sent = (action: string) => server.mock.calls.filter(([, called]) => called === action).map(([, , payload]) => payload)

const TIMES = { startAt: '2026-12-24 19:30', endAt: '2026-12-24 21:30', signupOpensAt: '2026-12-01 10:00', signupClosesAt: '2026-12-24 18:30', cancelCutoffAt: '2026-12-23 19:30' }

async function fillTheRest() {
  await screen.findByTestId('activity-form')
  type('activity-title', '冬季新品品鉴会')
  fireEvent.click(screen.getByText('新品发布会'))
  type('activity-place', '示范店二楼')
  type('activity-capacity', '20')
  for (const [field, text] of Object.entries(TIMES)) type(`activity-${field}`, text)
}

beforeEach(() => server.mockReset())

it('says 结束时间须晚于开始时间 beside 结束时间 and sends nothing', async () => {
  render(<ActivityManager activityId={null} />)
  await screen.findByTestId('activity-form')
  // A fresh form, with its default times, is not red anywhere.
  expect(screen.queryAllByTestId('field-error')).toEqual([])
  await fillTheRest()
  type('activity-endAt', '2026-12-24 18:00')

  const expected = activityTimesProblem({
    startAt: fromShopDateTime(TIMES.startAt)!,
    endAt: fromShopDateTime('2026-12-24 18:00')!,
    signupOpensAt: fromShopDateTime(TIMES.signupOpensAt)!,
    signupClosesAt: fromShopDateTime(TIMES.signupClosesAt)!,
    cancelCutoffAt: fromShopDateTime(TIMES.cancelCutoffAt)!,
  })
  expect(expected).toEqual({ field: 'endAt', message: '结束时间须晚于开始时间' })
  expect(errorBeside('activity-endAt')).toBe(expected?.message)
  expect(errorBeside('activity-startAt')).toBeNull()

  fireEvent.click(screen.getByTestId('activity-save'))
  expect(toasts).toEqual(['结束时间须晚于开始时间'])
  expect(sent('create')).toEqual([])
})

it('creates the activity with each time as the Beijing wall-clock text typed', async () => {
  server.mockImplementation(async (_fn, action, payload) => {
    if (action !== 'create') throw new Error(`unexpected ${action}`)
    return { id: 'act-1', ...payload, status: 'draft', phase: 'upcoming', form: TIMES } as unknown as StaffActivity
  })
  render(<ActivityManager activityId={null} />)
  await fillTheRest()
  fireEvent.click(screen.getByTestId('activity-save'))

  await waitFor(() => expect(sent('create')).toHaveLength(1))
  expect(sent('create')[0]).toMatchObject({ ...TIMES, title: '冬季新品品鉴会', type: 'launch', place: '示范店二楼', capacity: 20, waitlist: true, minTier: 'regular' })
})

it('puts the server’s field refusal beside its field', async () => {
  server.mockRejectedValue(new CloudError({ code: 'INVALID_INPUT', message: '提交的信息有误', fields: [{ path: 'signupClosesAt', message: '报名须在活动开始前截止' }] }))
  render(<ActivityManager activityId={null} />)
  await fillTheRest()
  fireEvent.click(screen.getByTestId('activity-save'))
  await waitFor(() => expect(errorBeside('activity-signupClosesAt')).toBe('报名须在活动开始前截止'))
})
