/**
 * The enlarged member code turns the screen to full brightness (a dim phone scans badly at the
 * till) and gives the member's own level back when it closes, or when the page hides with it open.
 * WeChat's file (services/brightness.ts) is the one tested; the H5 build's does nothing.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { LiveCode } from '../../client/pages/card/LiveCode'
import { callCloud } from '../../client/services/cloud'
import Taro from './support/taro'

const mockPage: { hide?: () => void } = {}
jest.mock('@tarojs/taro', () => {
  const taro = jest.requireActual('./activity-fixtures').taroWithPageHooks()
  taro.default.getScreenBrightness = jest.fn(async () => ({ value: 0.35 }))
  taro.default.setScreenBrightness = jest.fn(async () => undefined)
  return { ...taro, useDidHide: (callback: () => void) => void (mockPage.hide = callback) }
})
jest.mock('../../client/services/brightness', () => jest.requireActual('../../client/services/brightness.ts'))
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))

const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>
const wx = Taro as unknown as { setScreenBrightness: jest.Mock; getScreenBrightness: jest.Mock }
const levels = () => wx.setScreenBrightness.mock.calls.map(([option]: [{ value: number }]) => option.value)

beforeEach(() => {
  wx.setScreenBrightness.mockClear()
  server.mockReset().mockResolvedValue({ code: 'HYM1.demo-code', expiresAt: new Date(Date.now() + 120_000).toISOString(), refreshInSeconds: 60 })
})

it('brightens while enlarged and restores the level it found on closing', async () => {
  render(<LiveCode cardNo='1006646713' />)
  fireEvent.click(await screen.findByTestId('qr-code'))
  await waitFor(() => expect(levels()).toEqual([1]))
  fireEvent.click(screen.getByTestId('live-code-enlarged'))
  await waitFor(() => expect(levels()).toEqual([1, 0.35]))
  expect(screen.queryByTestId('live-code-enlarged')).toBeNull()
})

it('restores the level when the page hides with the code enlarged, and closes it', async () => {
  render(<LiveCode cardNo='1006646713' />)
  fireEvent.click(await screen.findByTestId('qr-code'))
  await waitFor(() => expect(levels()).toEqual([1]))
  act(() => mockPage.hide?.())
  await waitFor(() => expect(levels()).toEqual([1, 0.35]))
  expect(screen.queryByTestId('live-code-enlarged')).toBeNull()
})

it('leaves the brightness alone when it cannot be read', async () => {
  wx.getScreenBrightness.mockRejectedValueOnce({ errMsg: 'getScreenBrightness:fail' })
  render(<LiveCode cardNo='1006646713' />)
  fireEvent.click(await screen.findByTestId('qr-code'))
  expect(await screen.findByTestId('live-code-enlarged')).toBeTruthy()
  fireEvent.click(screen.getByTestId('live-code-enlarged'))
  await new Promise((resolve) => setTimeout(resolve, 0))
  expect(levels()).toEqual([])
})
