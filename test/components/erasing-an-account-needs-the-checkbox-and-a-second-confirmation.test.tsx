/**
 * 注销会员 (the member's own): the page says what goes, in the member's own figures (the points
 * balance that is forfeited, the coupons voided); nothing can be sent until the checkbox says they
 * read it, and then only after a second confirmation. Once erased, the card tab is where they land
 * (member.me answers null there, and the card asks them to join again).
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { MemberCard } from '../../cloudfunctions/shared/contract/member'
import { EraseForm } from '../../client/account/pages/erase/index'
import { callCloud } from '../../client/services/cloud'
import { modalAnswer, modals } from './support/taro'
import { switchedTo } from './activity-fixtures'

jest.mock('@tarojs/taro', () => jest.requireActual('./activity-fixtures').taroWithPageHooks())
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const card: MemberCard = {
  cardNo: '1006646713',
  name: '林晓雨',
  avatarUrl: null,
  phoneBound: true,
  gender: 'female',
  birthday: '1994-05-20',
  tier: 'gold',
  tierName: '金卡',
  pointsBalance: 5780,
  lifetimePoints: 9200,
  joinedAt: '2025-03-08T02:00:00.000Z',
}

beforeEach(() => {
  server.mockReset().mockImplementation(async (_fn, action) => {
    if (action === 'wallet') return { coupons: [], counts: { available: 2, used: 1, expired: 0 } }
    if (action === 'erase') return { cardNo: card.cardNo, erasedAt: new Date().toISOString(), forfeitedPoints: 5780, couponsVoided: 2, signupsCancelled: 1, already: false }
    throw new Error(`unexpected ${action}`)
  })
})

const erases = () => server.mock.calls.filter(([, action]) => action === 'erase')

it('says what is forfeited, waits for the checkbox and a second confirmation, then erases and goes to the card tab', async () => {
  render(<EraseForm card={card} />)
  const consequences = screen.getByTestId('erase-consequences')
  expect(screen.getByTestId('erase-points').textContent).toBe('5,780')
  await waitFor(() => expect(consequences.textContent).toContain('未使用的 2 张优惠券全部作废'))
  expect(consequences.textContent).toContain('个人信息被删除')
  expect(consequences.textContent).toContain('取消报名')
  expect(consequences.textContent).toContain('无法恢复')

  const submit = screen.getByTestId('erase-submit') as HTMLButtonElement
  expect(submit.disabled).toBe(true)
  fireEvent.click(submit)
  expect(modals).toHaveLength(0)

  fireEvent.click(screen.getByTestId('erase-understood'))
  expect(submit.disabled).toBe(false)
  // 取消 at the second confirmation: nothing is sent.
  modalAnswer.confirm = false
  fireEvent.click(submit)
  await waitFor(() => expect(modals).toHaveLength(1))
  expect(modals[0].title).toBe('确认注销会员？')
  expect(modals[0].content).toContain('5,780 积分和 2 张优惠券将作废')
  expect(modals[0].content).toContain('无法恢复')
  expect(erases()).toHaveLength(0)

  modalAnswer.confirm = true
  fireEvent.click(submit)
  await waitFor(() => expect(erases()).toHaveLength(1))
  expect(erases()[0]).toEqual(['member', 'erase', { confirm: true }])
  await waitFor(() => expect(switchedTo()).toContain('/pages/card/index'))
})

it('unticking the checkbox locks the button again', async () => {
  render(<EraseForm card={card} />)
  await waitFor(() => expect(screen.getByTestId('erase-consequences').textContent).toContain('2 张优惠券'))
  const tick = screen.getByTestId('erase-understood')
  fireEvent.click(tick)
  fireEvent.click(tick)
  expect((screen.getByTestId('erase-submit') as HTMLButtonElement).disabled).toBe(true)
})
