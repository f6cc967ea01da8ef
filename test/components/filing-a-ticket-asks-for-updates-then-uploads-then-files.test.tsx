/**
 * 提交反馈: the form checks what the server checks (a category, 5–500 characters) before anything is
 * asked or sent; a picture over 2 MB is refused on the phone; a tap on 提交 asks for the update
 * messages in the tap itself, then uploads the pictures to the member's folder, then files, and
 * opens the new ticket. A refusal names the field it is about, beside it.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { MemberTicket } from '../../cloudfunctions/shared/contract/ticket'
import { TICKET_IMAGE, TICKET_TEXT } from '../../cloudfunctions/shared/contract/ticketFields'
import NewTicketPage from '../../client/tickets/pages/new/index'
import { callCloud, CloudError } from '../../client/services/cloud'
import { askConsent, reportConsent } from '../../client/services/subscribe'
import { pickImage, uploadImage } from '../../client/services/upload'
import Taro, { toasts } from './support/taro'
import { route } from './activity-fixtures'

jest.mock('@tarojs/taro', () => {
  const taro = jest.requireActual('./activity-fixtures').taroWithPageHooks()
  taro.default.redirectTo = jest.fn(async (options: { success?: () => void }) => options.success?.())
  return taro
})
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
jest.mock('../../client/services/subscribe', () => ({ askConsent: jest.fn(), reportConsent: jest.fn() }))
jest.mock('../../client/services/upload', () => ({ pickImage: jest.fn(), uploadImage: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>
const consent = askConsent as jest.MockedFunction<typeof askConsent>
const report = reportConsent as jest.MockedFunction<typeof reportConsent>
const pick = pickImage as jest.MockedFunction<typeof pickImage>
const upload = uploadImage as jest.MockedFunction<typeof uploadImage>
const redirectTo = (Taro as unknown as { redirectTo: jest.Mock }).redirectTo

const FOLDER = 'tickets/k3yed-hash'
const happened: string[] = []
let fileAnswer: (payload: Record<string, unknown>) => unknown

beforeEach(() => {
  happened.length = 0
  route.params = {}
  redirectTo.mockClear()
  consent.mockReset().mockImplementation(async () => {
    happened.push('consent')
    return { answers: { 'tpl-ticket-update': 'accept' }, accepted: 1 }
  })
  report.mockReset().mockResolvedValue(null)
  pick.mockReset()
  upload.mockReset().mockImplementation(async (path, folder) => {
    happened.push(`upload ${path}`)
    return `cloud://env/${folder}/${path.replace('blob:', '')}.png`
  })
  fileAnswer = (payload) => ({ id: 'T20261201-0008', ...payload }) as unknown as MemberTicket
  server.mockReset().mockImplementation(async (_fn, action, payload) => {
    happened.push(action)
    if (action === 'uploadFolder') return { folder: FOLDER }
    if (action === 'file') return fileAnswer(payload)
    throw new Error(`unexpected ${action}`)
  })
})

const text = () => screen.getByTestId('ticket-text') as HTMLTextAreaElement
const submit = () => fireEvent.click(screen.getByTestId('ticket-submit'))
const filed = () => server.mock.calls.filter(([, action]) => action === 'file').map(([, , payload]) => payload)

async function addPicture(path: string, bytes: number) {
  pick.mockResolvedValueOnce({ path, bytes })
  fireEvent.click(screen.getByTestId('ticket-add-image'))
  await waitFor(() => expect(pick).toHaveBeenCalled())
}

it('asks for a category and at least 5 characters, in the server’s words, and asks or sends nothing until then', async () => {
  render(<NewTicketPage />)
  fireEvent.change(text(), { target: { value: '  太慢  ' } })
  expect(screen.getByText(`2/${TICKET_TEXT.max}`)).toBeTruthy()
  submit()
  await waitFor(() => expect(toasts).toEqual(['请选择问题类型']))
  expect(screen.getByText('请选择问题类型')).toBeTruthy()
  expect(screen.getByText(TICKET_TEXT.tooShort)).toBeTruthy()

  fireEvent.click(screen.getByTestId('ticket-category-service'))
  expect(screen.queryByText('请选择问题类型')).toBeNull()
  fireEvent.change(text(), { target: { value: '好'.repeat(501) } })
  expect(screen.getByText(TICKET_TEXT.tooLong)).toBeTruthy()
  submit()
  await waitFor(() => expect(toasts).toEqual(['请选择问题类型', TICKET_TEXT.tooLong]))
  expect(consent).not.toHaveBeenCalled()
  expect(server).not.toHaveBeenCalled()
})

it('refuses a picture over 2 MB on the phone and takes at most 3', async () => {
  render(<NewTicketPage />)
  await addPicture('blob:big', TICKET_IMAGE.maxBytes + 1)
  await waitFor(() => expect(toasts).toEqual([TICKET_IMAGE.tooLarge]))
  expect(screen.queryAllByTestId('ticket-image')).toHaveLength(0)

  for (const path of ['blob:a', 'blob:b', 'blob:c']) await addPicture(path, 300_000)
  await waitFor(() => expect(screen.queryAllByTestId('ticket-image')).toHaveLength(3))
  expect(screen.queryByTestId('ticket-add-image')).toBeNull()
  fireEvent.click(screen.getAllByTestId('ticket-image-remove')[1])
  expect(screen.queryAllByTestId('ticket-image')).toHaveLength(2)
  expect(screen.getByTestId('ticket-add-image').textContent).toContain('2/3')
})

it('提交 asks for updates in the tap, uploads to the member’s folder, files with the order it is about, and opens the ticket', async () => {
  route.params = { ref: encodeURIComponent('order:store-001:A001#cash'), label: encodeURIComponent('积分抵现 ¥5.00 · 单号 A001') }
  render(<NewTicketPage />)
  expect(screen.getByTestId('ticket-about').textContent).toContain('积分抵现 ¥5.00 · 单号 A001')
  fireEvent.click(screen.getByTestId('ticket-category-points'))
  fireEvent.change(text(), { target: { value: '  抵现的积分扣了两次  ' } })
  await addPicture('blob:receipt', 500_000)
  await screen.findByTestId('ticket-image')

  submit()
  // Asked synchronously in the tap, before anything else.
  expect(happened).toEqual(['consent'])
  expect(consent).toHaveBeenCalledWith(['ticketUpdate'])
  // The answers are reported beside the filing, never holding it up.
  await waitFor(() => expect(report).toHaveBeenCalledWith({ answers: { 'tpl-ticket-update': 'accept' }, accepted: 1 }))
  await waitFor(() => expect(redirectTo).toHaveBeenCalled())
  expect(happened).toEqual(['consent', 'uploadFolder', 'upload blob:receipt', 'file'])
  expect(upload).toHaveBeenCalledWith('blob:receipt', FOLDER)
  expect(filed()).toEqual([{ category: 'points', text: '抵现的积分扣了两次', images: [`cloud://env/${FOLDER}/receipt.png`], ref: { kind: 'order', id: 'order:store-001:A001' } }])
  // The ticket's page says 提交成功 once it shows the ticket (the complaint journey in e2e sees it); the form only says where to go.
  expect(redirectTo.mock.calls[0][0].url).toBe('/tickets/pages/detail/index?id=T20261201-0008&filed=1')
  expect(toasts).toEqual([])
})

it('a refused picture is named beside it; removing it and sending again uploads nothing twice', async () => {
  render(<NewTicketPage />)
  fireEvent.click(screen.getByTestId('ticket-category-product'))
  fireEvent.change(text(), { target: { value: '咖啡豆包装漏气了' } })
  await addPicture('blob:one', 100_000)
  await addPicture('blob:two', 100_000)
  await waitFor(() => expect(screen.queryAllByTestId('ticket-image')).toHaveLength(2))
  fileAnswer = () => {
    throw new CloudError({ code: 'INVALID_INPUT', message: '提交的信息有误', fields: [{ path: 'images.1', message: TICKET_IMAGE.badType }] })
  }
  submit()
  await screen.findByText(`第 2 张：${TICKET_IMAGE.badType}`)
  expect(toasts).toEqual([TICKET_IMAGE.badType])
  expect(redirectTo).not.toHaveBeenCalled()

  fireEvent.click(screen.getAllByTestId('ticket-image-remove')[1])
  expect(screen.queryByText(`第 2 张：${TICKET_IMAGE.badType}`)).toBeNull()
  fileAnswer = (payload) => ({ id: 'T20261201-0009', ...payload })
  happened.length = 0
  submit()
  await waitFor(() => expect(redirectTo).toHaveBeenCalled())
  // The first picture went up the first time; it is sent again as is.
  expect(happened).toEqual(['consent', 'file'])
  expect(filed()[1]).toMatchObject({ images: [`cloud://env/${FOLDER}/one.png`] })
})
