/**
 * The segment editor counts the members its filter matches while the marketer edits: one
 * countSegment call ~400 ms after the last change (not one per tap), the count shown large, the
 * last count greyed while a newer one is on its way, nothing asked while a condition contradicts
 * another (said beside the field, in the contract's words), and the server's field error beside
 * the field it names.
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import { SegmentEditor } from '../../client/marketing/pages/segment/index'
import { COUNT_DELAY_MS } from '../../client/marketing/hooks/useLiveCount'
import { callCloud, CloudError } from '../../client/services/cloud'
import Taro from './support/taro'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const countCalls = () => server.mock.calls.filter(([, action]) => action === 'countSegment').map(([, , payload]) => payload)
const wait = (ms: number) => act(async () => void jest.advanceTimersByTime(ms))
/** Lets the answered promises settle. */
const settle = () => act(async () => undefined)
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } })
/** The message under the field whose input (or chips) carries the test handle. */
const errorBeside = (testId: string) => screen.getByTestId(testId).closest('.form-field')?.querySelector('[data-testid="field-error"]')?.textContent ?? null

const navigations: string[] = []

beforeEach(() => {
  jest.useFakeTimers()
  server.mockReset()
  navigations.length = 0
  // The stand-in takes no options; what a page asks to open is recorded here.
  const navigateTo = jest.spyOn(Taro, 'navigateTo') as unknown as jest.SpyInstance<Promise<void>, [{ url: string }]>
  navigateTo.mockImplementation(async ({ url }) => void navigations.push(url))
})
afterEach(() => {
  jest.useRealTimers()
  jest.restoreAllMocks()
})

it('counts once after the pause in editing, shows the count large and greys it while the next is on its way', async () => {
  let members = 128
  server.mockImplementation(async (_fn, action) => {
    if (action === 'countSegment') return { members: members++ }
    throw new Error(`unexpected ${action}`)
  })
  render(<SegmentEditor segmentId={null} rfm='dormant' />)
  await settle()

  // Opened from 沉睡 on the overview: the class is chosen and the name suggested.
  expect((screen.getByTestId('segment-name') as HTMLInputElement).value).toBe('沉睡会员')
  expect(screen.getByTestId('segment-rfm-dormant').className).toContain('admin-chip--on')
  expect(screen.getByTestId('segment-count').textContent).toBe('—')
  await wait(COUNT_DELAY_MS - 1)
  expect(countCalls()).toEqual([])
  await wait(1)
  await settle()
  expect(countCalls()).toEqual([{ filter: { rfm: ['dormant'] } }])
  expect(screen.getByTestId('segment-count').textContent).toBe('128')
  expect(screen.getByTestId('segment-count').className).not.toContain('stale')
  expect(screen.getByTestId('segment-count-state').textContent).toBe('人数已是最新')

  // Three quick changes are one count, of the filter as it ends up.
  fireEvent.click(screen.getByTestId('segment-tier-gold'))
  await wait(200)
  fireEvent.click(screen.getByTestId('segment-tier-diamond'))
  await wait(200)
  type('segment-spendMinFen', '500')
  expect(screen.getByTestId('segment-count').textContent).toBe('128')
  expect(screen.getByTestId('segment-count').className).toContain('mk-count__value--stale')
  expect(screen.getByTestId('segment-count-state').textContent).toBe('条件已修改，稍后更新…')
  await wait(COUNT_DELAY_MS)
  await settle()
  expect(countCalls()).toEqual([{ filter: { rfm: ['dormant'] } }, { filter: { tiers: ['gold', 'diamond'], rfm: ['dormant'], spendMinFen: 50000 } }])
  expect(screen.getByTestId('segment-count').textContent).toBe('129')
})

it('asks nothing while the conditions contradict each other, and says so beside the field', async () => {
  server.mockResolvedValue({ members: 40 })
  render(<SegmentEditor segmentId={null} rfm={null} />)
  await wait(COUNT_DELAY_MS)
  await settle()
  expect(countCalls()).toEqual([{ filter: {} }])

  type('segment-spendMinFen', '800')
  type('segment-spendMaxFen', '300')
  await wait(COUNT_DELAY_MS * 2)
  await settle()
  expect(errorBeside('segment-spendMaxFen')).toBe('消费金额上限不能低于下限')
  expect(screen.getByTestId('segment-count-state').textContent).toBe('请先修正标红的条件')
  expect(countCalls()).toHaveLength(1)

  // A figure the contract's rule refuses is named in the rule's own words, and not sent either.
  type('segment-spendMaxFen', '')
  type('segment-purchasedWithinDays', '1.5')
  await wait(COUNT_DELAY_MS)
  expect(errorBeside('segment-purchasedWithinDays')).toBe('天数须为 1–3,650 的整数')
  expect(countCalls()).toHaveLength(1)

  type('segment-purchasedWithinDays', '30')
  await wait(COUNT_DELAY_MS)
  await settle()
  expect(countCalls()[1]).toEqual({ filter: { purchasedWithinDays: 30, spendMinFen: 80000 } })
  expect(screen.getByTestId('segment-count').textContent).toBe('40')
})

it('shows the server’s refusal beside the field it names', async () => {
  server.mockImplementation(async (_fn, _action, payload) => {
    const filter = (payload as { filter: { tags?: string[] } }).filter
    if (filter.tags) throw new CloudError({ code: 'INVALID_INPUT', message: '提交的信息有误，请检查后重试', fields: [{ path: 'filter.tags', message: '标签最多 10 个字' }] })
    return { members: 12 }
  })
  render(<SegmentEditor segmentId={null} rfm={null} />)
  await wait(COUNT_DELAY_MS)
  await settle()

  type('segment-tags', '高潜力 老顾客')
  await wait(COUNT_DELAY_MS)
  await settle()
  expect(countCalls()[1]).toEqual({ filter: { tags: ['高潜力', '老顾客'] } })
  expect(errorBeside('segment-tags')).toBe('标签最多 10 个字')
  expect(screen.getByTestId('segment-count-state').textContent).toBe('标签最多 10 个字（点此重试）')
  // The last count stays on screen, greyed: it is not the count of what is typed now.
  expect(screen.getByTestId('segment-count').textContent).toBe('12')
  expect(screen.getByTestId('segment-count').className).toContain('stale')

  type('segment-tags', '')
  await wait(COUNT_DELAY_MS)
  await settle()
  expect(errorBeside('segment-tags')).toBeNull()
  expect(screen.getByTestId('segment-count-state').textContent).toBe('人数已是最新')
})

it('saves the name and the filter it counted, and shows the server’s word on the name beside it', async () => {
  server.mockImplementation(async (_fn, action, payload) => {
    if (action === 'countSegment') return { members: 7 }
    if (action === 'saveSegment' && (payload as { name: string }).name === '沉睡会员')
      throw new CloudError({ code: 'INVALID_INPUT', message: '提交的信息有误，请检查后重试', fields: [{ path: 'name', message: '已有同名分群' }] })
    return { id: 'seg-9', name: (payload as { name: string }).name, filter: (payload as { filter: object }).filter, members: 7, updatedAt: '2026-12-01T02:00:00.000Z', updatedBy: null }
  })
  render(<SegmentEditor segmentId={null} rfm='dormant' />)
  fireEvent.click(screen.getByTestId('segment-birthday-3'))
  await wait(COUNT_DELAY_MS)
  await settle()

  fireEvent.click(screen.getByTestId('segment-save'))
  await settle()
  expect(server).toHaveBeenLastCalledWith('marketing', 'saveSegment', { name: '沉睡会员', filter: { rfm: ['dormant'], birthdayMonth: 3 } })
  expect(errorBeside('segment-name')).toBe('已有同名分群')

  type('segment-name', '三月生日沉睡会员')
  expect(errorBeside('segment-name')).toBeNull()
  fireEvent.click(screen.getByTestId('segment-save'))
  await settle()
  expect(server).toHaveBeenLastCalledWith('marketing', 'saveSegment', { name: '三月生日沉睡会员', filter: { rfm: ['dormant'], birthdayMonth: 3 } })

  // Saved and unchanged: the campaign editor opens on it without saving again.
  const saves = server.mock.calls.filter(([, action]) => action === 'saveSegment').length
  fireEvent.click(screen.getByTestId('segment-campaign'))
  await settle()
  expect(server.mock.calls.filter(([, action]) => action === 'saveSegment')).toHaveLength(saves)
  expect(navigations).toEqual(['/marketing/pages/campaign/index?segmentId=seg-9'])
})
