/**
 * 数据导出: the owner starts an export (this month by default, phones masked unless asked, with a
 * warning that full numbers are audited), sees its progress bar move as exportStatus is polled
 * every 2 seconds, and once done gets the temporary link (in a browser, a download link).
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import type { ExportJob } from '../../cloudfunctions/shared/contract/staff'
import { toShopDateTime } from '../../cloudfunctions/shared/contract/activityFields'
import { DataExport } from '../../client/admin/pages/export/index'
import { EXPORT_POLL_MS } from '../../client/admin/hooks/useExports'
import { callCloud } from '../../client/services/cloud'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const today = toShopDateTime(new Date()).slice(0, 10)
const monthStart = `${today.slice(0, 8)}01`
const URL = 'http://127.0.0.1:9000/storage/exports/members.csv?sign=abc'

function job(overrides: Partial<ExportJob>): ExportJob {
  return {
    id: 'exp-0001-abcd',
    kind: 'members',
    kindLabel: '会员资料',
    from: monthStart,
    to: today,
    fullPhone: true,
    status: 'running',
    statusLabel: '导出中',
    rows: 0,
    total: 1000,
    progress: 0,
    fileName: '会员资料.csv',
    createdAt: new Date().toISOString(),
    finishedAt: null,
    url: null,
    error: null,
    ...overrides,
  }
}

const polls = [job({ rows: 400, progress: 0.4 }), job({ status: 'done', statusLabel: '已完成', rows: 1000, progress: 1, url: URL, finishedAt: new Date().toISOString() })]
const calls = (action: string) => server.mock.calls.filter(([, called]) => called === action)

beforeEach(() => {
  jest.useFakeTimers()
  server.mockReset()
  let polled = 0
  server.mockImplementation(async (_fn, action) => {
    if (action === 'exports') return []
    if (action === 'startExport') return job({})
    if (action === 'exportStatus') return polls[Math.min(polled++, polls.length - 1)]
    throw new Error(`unexpected ${action}`)
  })
})
afterEach(() => jest.useRealTimers())

it('starts this month’s export with full phones after the warning, shows the bar move, then the download link', async () => {
  render(<DataExport />)
  expect((await screen.findByTestId('export-dates-from')).textContent).toBe(monthStart)
  expect(screen.getByTestId('export-dates-to').textContent).toBe(today)
  expect(screen.queryByTestId('export-phone-warning')).toBeNull()
  fireEvent.click(screen.getByTestId('export-full-phone'))
  expect(screen.getByTestId('export-phone-warning').textContent).toContain('会记入操作日志')

  fireEvent.click(screen.getByTestId('export-start'))
  expect((await screen.findByTestId('export-current-progress')).textContent).toBe('已导出 0 / 1,000 行（0%）')
  const [[, , started]] = calls('startExport')
  expect(started).toEqual({ kind: 'members', from: monthStart, to: today, fullPhone: true, requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) })
  expect(calls('exportStatus')).toEqual([])

  await act(() => jest.advanceTimersByTimeAsync(EXPORT_POLL_MS))
  expect(screen.getByTestId('export-current-progress').textContent).toBe('已导出 400 / 1,000 行（40%）')
  expect(screen.getByTestId('export-current-bar').style.width).toBe('40%')
  expect(screen.queryByTestId('export-download')).toBeNull()

  await act(() => jest.advanceTimersByTimeAsync(EXPORT_POLL_MS))
  expect(screen.getByTestId('export-current-status').textContent).toBe('已完成')
  const link = screen.getByTestId('export-download') as HTMLAnchorElement
  expect(link.getAttribute('href')).toBe(URL)
  expect(link.getAttribute('download')).toBe('会员资料.csv')
  expect(screen.queryByTestId('export-current-bar')).toBeNull()

  // Done: no more polling.
  await act(() => jest.advanceTimersByTimeAsync(EXPORT_POLL_MS * 3))
  expect(calls('exportStatus')).toEqual([
    ['staff', 'exportStatus', { id: 'exp-0001-abcd' }],
    ['staff', 'exportStatus', { id: 'exp-0001-abcd' }],
  ])
})
