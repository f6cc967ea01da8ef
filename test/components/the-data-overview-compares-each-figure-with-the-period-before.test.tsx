/**
 * 数据概览: each KPI in Chinese figures (万 from ten thousand, ¥ from fen), its change against the
 * period before (↑/↓ and %, a rate in 个百分点, nothing when the period before is not known, the
 * server's note under the figure), and another period or store asked again with skeletons between.
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import { Overview } from '../../client/insight/pages/overview/index'
import { formatWan, formatYuan, kpiChange } from '../../client/insight/format'
import { callCloud, CloudError } from '../../client/services/cloud'
import { overview } from './insight-fixtures'

// uCharts is an ES module jest does not compile; the chart draws nothing in jsdom anyway (no canvas size).
jest.mock('@qiun/ucharts/u-charts.min.js', () => ({ __esModule: true, default: class {} }))
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>
const asked = () => server.mock.calls.map(([fn, action, payload]) => [`${fn}.${action}`, payload])
const text = (testId: string) => screen.getByTestId(testId).textContent

beforeEach(() => {
  server.mockReset()
  server.mockImplementation(async (_fn, action, payload) => {
    if (action === 'overview') return overview(payload.days as number, (payload.store as string | undefined) ?? null)
    throw new Error(`unexpected ${action}`)
  })
})

it('writes each figure in 万 and ¥ with its change against the period before', async () => {
  render(<Overview />)
  expect(screen.getAllByTestId('skeleton').length).toBeGreaterThan(0)
  await screen.findByTestId('kpis')

  expect(text('kpi-members-value')).toBe('1.2万')
  expect(text('kpi-members-change')).toBe('↑2.9%')
  expect(text('kpi-active-value')).toBe('3,200')
  expect(text('kpi-active-change')).toBe('↓5.9%')
  expect(screen.getByTestId('kpi-active-change').className).toContain('kpi__delta--down')
  expect(text('kpi-active-note')).toBe('截至 11月30日 的分类')
  // No figure for the period before: no change at all, not a made-up one.
  expect(text('kpi-newMembers-value')).toBe('86')
  expect(screen.queryByTestId('kpi-newMembers-change')).toBeNull()
  expect(text('kpi-salesFen-value')).toBe('¥123.5万')
  expect(text('kpi-salesFen-change')).toBe('↑23.5%')
  expect(screen.getByTestId('kpi-salesFen').textContent).toContain('较前 30 天')
  expect(text('kpi-repeatRate-value')).toBe('41.3%')
  expect(text('kpi-repeatRate-change')).toBe('↑3.2个百分点')
  expect(text('kpi-liabilityFen-value')).toBe('¥8,765.40')
  expect(text('kpi-liabilityFen-change')).toBe('持平')
  expect(text('kpi-liabilityFen-note')).toBe('全店')
  expect(screen.getByTestId('chart-overview-trend')).toBeTruthy()
})

it('asks again for 90 days, then for one store, keeping the period', async () => {
  render(<Overview />)
  await screen.findByTestId('kpis')
  expect(asked()).toEqual([['stats.overview', { days: 30 }]])

  fireEvent.click(screen.getByTestId('period-90'))
  expect(screen.queryByTestId('kpis')).toBeNull()
  expect(screen.getAllByTestId('skeleton').length).toBeGreaterThan(0)
  await screen.findByTestId('kpis')
  expect(asked()).toEqual([
    ['stats.overview', { days: 30 }],
    ['stats.overview', { days: 90 }],
  ])
  expect(screen.getByTestId('period-90').className).toContain('insight-chip--on')
  expect(screen.getByTestId('kpi-members').textContent).toContain('较前 90 天')

  fireEvent.click(screen.getByTestId('store-store-002'))
  await screen.findByTestId('kpis')
  expect(asked()[2]).toEqual(['stats.overview', { days: 90, store: 'store-002' }])
  expect(screen.getByTestId('store-store-002').className).toContain('insight-chip--on')
})

it('says what failed and asks again on 重试', async () => {
  server.mockRejectedValueOnce(new CloudError({ code: 'INTERNAL', message: '网络异常，请检查网络后重试' }))
  render(<Overview />)
  expect((await screen.findByTestId('error')).textContent).toContain('网络异常')
  await act(async () => fireEvent.click(screen.getByText('重试')))
  await screen.findByTestId('kpis')
  expect(server).toHaveBeenCalledTimes(2)
})

it('formats 万, 亿 and yuan, and compares figures as a person would read them', () => {
  expect([formatWan(9_999), formatWan(10_000), formatWan(12_345), formatWan(99_999), formatWan(123_456_789)]).toEqual(['9,999', '1万', '1.2万', '10万', '1.2亿'])
  expect([formatYuan(0), formatYuan(999_999), formatYuan(1_000_000), formatYuan(-2_500_000)]).toEqual(['¥0', '¥9,999.99', '¥1万', '-¥2.5万'])
  expect(kpiChange({ value: 5, previous: 0, unit: 'count' })).toEqual({ tone: 'up', text: '↑上期为 0' })
  expect(kpiChange({ value: 1_000, previous: 1_000.4, unit: 'count' })).toEqual({ tone: 'flat', text: '持平' })
  expect(kpiChange({ value: null, previous: 3, unit: 'count' })).toBeNull()
})
