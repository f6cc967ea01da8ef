/**
 * In WeChat (services/privacy.ts), every privacy API's request (onNeedPrivacyAuthorization) goes to
 * the dialog of the page on screen: it tells WeChat the dialog is shown, answers 同意 with the agree
 * button's id (WeChat checks that button was tapped) and 不同意 as a refusal. A page without the
 * dialog refuses at once and says where to agree, rather than leaving the API waiting.
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import { PrivacyDialog } from '../../client/components/PrivacyDialog'
import { toasts } from './support/taro'
import Taro from './support/taro'

type Resolve = (option: { event: string; buttonId?: string }) => void
jest.mock('@tarojs/taro', () => {
  const taro = jest.requireActual('./activity-fixtures').taroWithPageHooks()
  taro.default.onNeedPrivacyAuthorization = jest.fn()
  return taro
})

const weapp: typeof import('../../client/services/privacy') = jest.requireActual('../../client/services/privacy.ts')
const listen = (Taro as unknown as { onNeedPrivacyAuthorization: jest.Mock }).onNeedPrivacyAuthorization

function request(): jest.Mock<void, Parameters<Resolve>> {
  const resolve = jest.fn<void, Parameters<Resolve>>()
  const listener = listen.mock.calls[0][0] as (resolve: Resolve, info: { referrer: string }) => void
  act(() => listener(resolve, { referrer: 'button.getPhoneNumber' }))
  return resolve
}

beforeAll(() => {
  weapp.listenForPrivacyPrompts()
  weapp.listenForPrivacyPrompts()
})

it('listens once, shows the dialog, and answers with the agree button’s id or a refusal', () => {
  expect(listen).toHaveBeenCalledTimes(1)
  render(<PrivacyDialog />)
  expect(screen.queryByTestId('privacy-dialog')).toBeNull()

  const agreed = request()
  expect(screen.getByTestId('privacy-dialog')).toBeTruthy()
  expect(agreed.mock.calls).toEqual([[{ event: 'exposureAuthorization' }]])
  fireEvent.click(screen.getByTestId('privacy-agree'))
  expect(agreed.mock.calls[1]).toEqual([{ buttonId: weapp.AGREE_BUTTON_ID, event: 'agree' }])
  expect(screen.queryByTestId('privacy-dialog')).toBeNull()

  const declined = request()
  fireEvent.click(screen.getByTestId('privacy-decline'))
  expect(declined.mock.calls).toEqual([[{ event: 'exposureAuthorization' }], [{ event: 'disagree' }]])
})

it('refuses at once on a page without the dialog, and says where to agree', () => {
  const refused = request()
  expect(refused.mock.calls).toEqual([[{ event: 'disagree' }]])
  expect(toasts[0]).toContain('隐私与数据')
})
