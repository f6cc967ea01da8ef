/**
 * The privacy agreement (PIPL) comes before WeChat's avatar and phone: the join page asks as it
 * opens (the H5 stand-in, once per session), with the full guide a tap away. Declining leaves the
 * form usable: a gentle note, the default avatar and no phone, and the join goes through without
 * them. A tap on the avatar or phone asks again, as WeChat does until the member agrees; once they
 * agree, the pickers open and nobody asks again that session.
 */
import type { ReactNode } from 'react'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import JoinPage from '../../client/pages/join/index'
import { callCloud } from '../../client/services/cloud'
import Taro, { modals } from './support/taro'
import { switchedTo } from './activity-fixtures'

jest.mock('@tarojs/taro', () => {
  const taro = jest.requireActual('./activity-fixtures').taroWithPageHooks()
  // The album: the tester cancels, which is enough to see whether it opened.
  taro.default.chooseImage = jest.fn(async () => Promise.reject({ errMsg: 'chooseImage:fail cancel' }))
  return taro
})
jest.mock('@tarojs/components', () => ({
  ...jest.requireActual('@tarojs/components'),
  Picker: ({ children, onChange }: { children: ReactNode; onChange: (event: { detail: { value: string } }) => void }) => (
    <div onClick={() => onChange({ detail: { value: '1996-03-08' } })}>{children}</div>
  ),
}))
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
jest.mock('../../client/services/subscribe', () => ({ askConsent: jest.fn(async () => ({ answers: {}, accepted: 0 })), reportConsent: jest.fn(async () => null) }))

const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>
const album = (Taro as unknown as { chooseImage: jest.Mock }).chooseImage
const prompt = jest.fn(() => '13800138000')

const card = {
  cardNo: '1009902217',
  name: '苏小满',
  avatarUrl: null,
  phoneBound: false,
  gender: 'female',
  birthday: '1996-03-08',
  tier: 'regular',
  tierName: '普通',
  pointsBalance: 0,
  lifetimePoints: 0,
  joinedAt: new Date().toISOString(),
}

beforeAll(() => window.sessionStorage.clear())
beforeEach(() => {
  server.mockReset().mockImplementation(async (_fn, action) => (action === 'join' ? card : null))
  album.mockClear()
  prompt.mockClear()
  window.prompt = prompt
})

const dialog = () => screen.queryByTestId('privacy-dialog')

it('declining keeps the form usable: a gentle note, no avatar or phone, and the join goes through without them', async () => {
  render(<JoinPage />)
  expect(await screen.findByTestId('privacy-dialog')).toBeTruthy()
  fireEvent.click(screen.getByTestId('privacy-guide'))
  expect(modals[0].title).toContain('隐私保护指引')

  fireEvent.click(screen.getByTestId('privacy-decline'))
  await waitFor(() => expect(dialog()).toBeNull())
  expect(screen.getByTestId('join-privacy-declined').textContent).toContain('也可以领取会员卡')

  // The avatar and the phone ask again; declining again opens neither.
  fireEvent.click(screen.getByTestId('avatar-picker'))
  expect(await screen.findByTestId('privacy-dialog')).toBeTruthy()
  fireEvent.click(screen.getByTestId('privacy-decline'))
  fireEvent.click(screen.getByTestId('phone-button'))
  expect(await screen.findByTestId('privacy-dialog')).toBeTruthy()
  fireEvent.click(screen.getByTestId('privacy-decline'))
  await waitFor(() => expect(dialog()).toBeNull())
  expect(album).not.toHaveBeenCalled()
  expect(prompt).not.toHaveBeenCalled()
  expect(screen.getByText('选择头像')).toBeTruthy()

  fireEvent.change(screen.getByTestId('join-name'), { target: { value: '苏小满' } })
  fireEvent.click(screen.getByText('女'))
  fireEvent.click(screen.getByTestId('join-birthday'))
  fireEvent.click(screen.getByTestId('join-submit'))
  await waitFor(() => expect(switchedTo()).toContain('/pages/card/index'))
  const calls = server.mock.calls.map(([, action, payload]) => [action, payload])
  expect(calls).toEqual([['join', { name: '苏小满', gender: 'female', birthday: '1996-03-08' }]])
})

it('asks once a session as the page opens; agreeing at a later tap opens the pickers and takes the note away', async () => {
  render(<JoinPage />)
  // Declined earlier this session: the page opens without asking.
  await waitFor(() => expect(screen.getByTestId('join-submit')).toBeTruthy())
  expect(dialog()).toBeNull()

  fireEvent.click(screen.getByTestId('avatar-picker'))
  expect(await screen.findByTestId('privacy-dialog')).toBeTruthy()
  fireEvent.click(screen.getByTestId('privacy-agree'))
  await waitFor(() => expect(album).toHaveBeenCalledTimes(1))
  expect(dialog()).toBeNull()
  expect(screen.queryByTestId('join-privacy-declined')).toBeNull()

  fireEvent.click(screen.getByTestId('phone-button'))
  await waitFor(() => expect(prompt).toHaveBeenCalledTimes(1))
  expect(dialog()).toBeNull()
  expect(await screen.findByText('已授权，加入后绑定')).toBeTruthy()
})
