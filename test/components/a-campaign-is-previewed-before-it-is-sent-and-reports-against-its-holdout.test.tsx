/**
 * The campaign page: only the roles the contract lets call marketing.* see it; a draft is saved
 * and previewed before it can start (who the segment holds, who is left out and why, messages as
 * WeChat's 服务通知 will show them), and starting says those numbers first; once started it shows
 * where the campaign stands, offers pause / resume / cancel, and compares recipients' purchases
 * with the held-out members', per member.
 */
import type { ReactNode } from 'react'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { Campaign, CampaignPreview, CampaignResults } from '../../cloudfunctions/shared/contract/marketing'
import CampaignPage, { CampaignManager } from '../../client/marketing/pages/campaign/index'
import { callCloud, CloudError } from '../../client/services/cloud'
import Taro, { modalAnswer, modals } from './support/taro'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
// Taro's Picker: its child, tapped, picks nothing here (the schedule's picker is not driven in these tests).
jest.mock('@tarojs/components', () => ({ ...jest.requireActual('@tarojs/components'), Picker: ({ children }: { children: ReactNode }) => children }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const NO_RESULTS: CampaignResults = {
  targeted: 0,
  sent: 0,
  noConsent: 0,
  optedOut: 0,
  capped: 0,
  heldOut: 0,
  failed: 0,
  pending: 0,
  opened: 0,
  conversion: { recipients: { members: 0, purchases: 0, spendFen: 0 }, holdout: { members: 0, purchases: 0, spendFen: 0 }, lift: null },
}

function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 'cmp-1',
    name: '沉睡会员唤醒',
    status: 'draft',
    segment: { id: 'seg-1', name: '沉睡金卡', filter: { tiers: ['gold'], rfm: ['dormant'] } },
    template: 'campaignActivity',
    texts: { title: '老朋友回店礼', body: '本周到店消费享双倍积分', tip: '出示会员卡即可' },
    landing: { kind: 'card', id: null },
    coupon: null,
    sendAt: null,
    holdoutPercent: 10,
    cap: { messages: 2, days: 7 },
    createdAt: '2026-12-01T02:00:00.000Z',
    createdBy: 'demo-marketing',
    startedAt: null,
    finishedAt: null,
    waitingUntil: null,
    results: NO_RESULTS,
    ...overrides,
  }
}

const PREVIEW: CampaignPreview = {
  recipients: 200,
  heldOut: 20,
  optedOut: 5,
  noConsent: 60,
  capped: 3,
  willSend: 112,
  estimated: false,
  samples: [
    {
      name: '林晓雨',
      message: {
        templateTitle: '活动通知',
        fields: [
          { key: 'thing1', label: '活动主题', value: '老朋友回店礼' },
          { key: 'thing2', label: '活动内容', value: '本周到店消费享双倍积分' },
          { key: 'thing3', label: '温馨提示', value: '出示会员卡即可' },
        ],
        page: 'pages/card/index?campaign=cmp-1',
      },
    },
  ],
}

const SEGMENTS = [{ id: 'seg-1', name: '沉睡金卡', filter: { tiers: ['gold'], rfm: ['dormant'] }, members: 200, updatedAt: '2026-12-01T02:00:00.000Z', updatedBy: '小李' }]

/** Answers as the server would for a marketer, with `current` as the campaign and `changes` applying each action. */
function serve(current: Campaign, changes: Partial<Record<string, Partial<Campaign>>> = {}) {
  let shown = current
  server.mockImplementation(async (fn, action, payload) => {
    if (fn === 'staff' && action === 'whoami') return { role: 'marketing' }
    if (action === 'campaign') return shown
    if (action === 'segments') return SEGMENTS
    if (action === 'previewCampaign') return PREVIEW
    if (action === 'createCampaign' || action === 'updateCampaign') return (shown = { ...campaign(), ...(payload as object), id: 'cmp-1', status: 'draft' } as Campaign)
    if (changes[action]) return (shown = { ...shown, ...changes[action] })
    throw new Error(`unexpected ${fn}.${action}`)
  })
}
const calls = () => server.mock.calls.map(([fn, action]) => `${fn}.${action}`)
const routeTo = (params: Record<string, string>) => jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params } })

beforeEach(() => server.mockReset())
afterEach(() => jest.restoreAllMocks())

describe('who sees it', () => {
  it('shows a cashier 无权限 and asks the marketing function nothing', async () => {
    routeTo({ id: 'cmp-1' })
    server.mockResolvedValue({ role: 'cashier' })
    render(<CampaignPage />)
    expect(await screen.findByTestId('no-access')).toBeTruthy()
    expect(calls()).toEqual(['staff.whoami'])
  })

  it('shows a visitor without a role 无权限 too', async () => {
    routeTo({ id: 'cmp-1' })
    server.mockResolvedValue({ role: null })
    render(<CampaignPage />)
    expect(await screen.findByTestId('no-access')).toBeTruthy()
  })

  it('opens the campaign of ?id= for a marketer', async () => {
    routeTo({ id: 'cmp-1' })
    serve(campaign({ status: 'sending', startedAt: '2026-12-01T02:00:00.000Z' }))
    render(<CampaignPage />)
    expect((await screen.findByTestId('campaign-status')).textContent).toBe('发送中')
    expect(server).toHaveBeenCalledWith('marketing', 'campaign', { id: 'cmp-1' })
  })
})

describe('a draft', () => {
  it('is previewed: the numbers, who is left out and why, and messages as WeChat shows them', async () => {
    serve(campaign())
    render(<CampaignManager campaignId='cmp-1' segmentId={null} />)
    // Before a preview nothing can start.
    expect(await screen.findByTestId('campaign-draft')).toBeTruthy()
    expect(screen.queryByTestId('campaign-start')).toBeNull()
    expect(screen.getByTestId('campaign-consent-note').textContent).toContain('只发给订阅了「活动通知」')
    expect(screen.getByTestId('campaign-quiet-note').textContent).toContain('21:00–09:00')

    fireEvent.click(screen.getByTestId('campaign-preview'))
    const result = await screen.findByTestId('campaign-preview-result')
    // Unchanged since it was saved: previewed as it is, not saved again.
    expect(calls().filter((call) => call.startsWith('marketing.'))).toEqual(['marketing.campaign', 'marketing.segments', 'marketing.previewCampaign'])
    expect(screen.getByTestId('campaign-preview-willSend').textContent).toBe('112')
    expect(screen.getByTestId('campaign-preview-recipients').textContent).toBe('200')
    expect(screen.getByTestId('campaign-preview-heldOut').textContent).toBe('20')
    expect(screen.getByTestId('campaign-preview-noConsent').textContent).toBe('60')
    expect(screen.getByTestId('campaign-preview-optedOut').textContent).toBe('5')
    expect(screen.getByTestId('campaign-preview-capped').textContent).toBe('3')
    const sample = within(result).getByTestId('campaign-sample')
    expect(sample.textContent).toContain('发给 林晓雨')
    expect(within(sample).getByTestId('campaign-sample-title').textContent).toBe('活动通知')
    expect(
      within(sample)
        .getAllByTestId('campaign-sample-field')
        .map((field) => field.textContent),
    ).toEqual(['活动主题老朋友回店礼', '活动内容本周到店消费享双倍积分', '温馨提示出示会员卡即可'])
    expect(sample.textContent).toContain('进入小程序查看')
  })

  it('starts only after a confirmation that states the numbers', async () => {
    serve(campaign(), { startCampaign: { status: 'sending', startedAt: '2026-12-01T03:00:00.000Z', results: { ...NO_RESULTS, targeted: 200 } } })
    render(<CampaignManager campaignId='cmp-1' segmentId={null} />)
    fireEvent.click(await screen.findByTestId('campaign-preview'))
    fireEvent.click(await screen.findByTestId('campaign-start'))

    expect((await screen.findByTestId('campaign-status')).textContent).toBe('发送中')
    expect(modals).toHaveLength(1)
    expect(modals[0].title).toBe('开始发送')
    expect(modals[0].content).toContain('预计 112 位会员收到「沉睡会员唤醒」')
    expect(modals[0].content).toContain('对照组 20 人不发送，60 人未订阅，5 人已退订，3 人已达频次上限')
    expect(server).toHaveBeenCalledWith('marketing', 'startCampaign', { id: 'cmp-1' })
    expect(screen.getByTestId('campaign-results-targeted').textContent).toBe('200')
  })

  it('a new one is saved with the contract’s payload before its preview, and the server’s field error shows beside its field', async () => {
    serve(campaign())
    render(<CampaignManager campaignId={null} segmentId='seg-1' />)
    await screen.findByTestId('campaign-segment-seg-1')
    expect(screen.getByTestId('campaign-segment-seg-1').className).toContain('mk-option--on')

    // Empty, it is refused here, each field saying why.
    fireEvent.click(screen.getByTestId('campaign-preview'))
    expect(screen.getByTestId('campaign-name').closest('.form-field')?.textContent).toContain('请填写活动名称')
    expect(calls()).not.toContain('marketing.createCampaign')

    fireEvent.change(screen.getByTestId('campaign-name'), { target: { value: '周末到店礼' } })
    fireEvent.change(screen.getByTestId('campaign-title'), { target: { value: '周末到店礼' } })
    fireEvent.change(screen.getByTestId('campaign-body'), { target: { value: '周六日到店消费满百送甜品' } })
    fireEvent.change(screen.getByTestId('campaign-tip'), { target: { value: '仅限本店' } })
    expect(screen.getByTestId('campaign-body-count').textContent).toBe('12/20')
    // The card beside the fields is the message as typed.
    expect(within(screen.getByTestId('campaign-message')).getAllByTestId('campaign-message-field')[1].textContent).toBe('活动内容周六日到店消费满百送甜品')
    fireEvent.click(screen.getByTestId('campaign-with-coupon-true'))
    fireEvent.change(screen.getByTestId('campaign-coupon-value'), { target: { value: '15' } })
    fireEvent.change(screen.getByTestId('campaign-holdout'), { target: { value: '20' } })

    server.mockImplementationOnce(async () => {
      throw new CloudError({ code: 'INVALID_INPUT', message: '提交的信息有误，请检查后重试', fields: [{ path: 'texts.tip', message: '消息内容不能含有链接' }] })
    })
    fireEvent.click(screen.getByTestId('campaign-preview'))
    await waitFor(() => expect(screen.getByTestId('campaign-tip').closest('.form-field')?.textContent).toContain('消息内容不能含有链接'))
    expect(server).toHaveBeenLastCalledWith('marketing', 'createCampaign', {
      name: '周末到店礼',
      segmentId: 'seg-1',
      template: 'campaignActivity',
      texts: { title: '周末到店礼', body: '周六日到店消费满百送甜品', tip: '仅限本店' },
      landing: { kind: 'card', id: null },
      coupon: { title: '会员专享券', kind: 'fixed', value: 1500, itemName: null, minSpendFen: 0, validDays: 30 },
      sendAt: null,
      holdoutPercent: 20,
      cap: { messages: 2, days: 7 },
    })
    expect(screen.queryByTestId('campaign-preview-result')).toBeNull()

    fireEvent.change(screen.getByTestId('campaign-tip'), { target: { value: '到店出示会员卡' } })
    fireEvent.click(screen.getByTestId('campaign-preview'))
    expect(await screen.findByTestId('campaign-preview-result')).toBeTruthy()
    expect(
      calls()
        .filter((call) => call.startsWith('marketing.'))
        .slice(-2),
    ).toEqual(['marketing.createCampaign', 'marketing.previewCampaign'])
  })
})

describe('a started campaign', () => {
  const results: CampaignResults = {
    targeted: 1000,
    sent: 620,
    noConsent: 180,
    optedOut: 40,
    capped: 30,
    heldOut: 100,
    failed: 10,
    pending: 20,
    opened: 155,
    conversion: {
      recipients: { members: 620, purchases: 124, spendFen: 2_480_000 },
      holdout: { members: 100, purchases: 8, spendFen: 240_000 },
      lift: { purchasesPerMember: 0.12, spendPerMemberFen: 1600 },
    },
  }

  it('reports every outcome and the conversion against the holdout, per member, with the lift', async () => {
    serve(campaign({ status: 'done', startedAt: '2026-12-01T02:00:00.000Z', finishedAt: '2026-12-01T04:00:00.000Z', results }))
    render(<CampaignManager campaignId='cmp-1' segmentId={null} />)
    expect((await screen.findByTestId('campaign-status')).textContent).toBe('已完成')
    const figure = (key: string) => screen.getByTestId(`campaign-results-${key}`).textContent
    expect([figure('targeted'), figure('sent'), figure('noConsent'), figure('optedOut'), figure('capped'), figure('heldOut'), figure('failed'), figure('opened')]).toEqual([
      '1,000',
      '620',
      '180',
      '40',
      '30',
      '100',
      '10',
      '155',
    ])
    expect(screen.getByTestId('campaign-results').textContent).toContain('落地页打开率 25%')
    const cell = (testId: string) => screen.getByTestId(testId).textContent
    expect(cell('campaign-conversion-recipients-purchases-per-member')).toBe('0.2 次')
    expect(cell('campaign-conversion-holdout-purchases-per-member')).toBe('0.08 次')
    expect(cell('campaign-lift-purchases-per-member')).toBe('+0.12 次')
    expect(cell('campaign-conversion-recipients-spend-per-member')).toBe('¥40.00')
    expect(cell('campaign-conversion-holdout-spend-per-member')).toBe('¥24.00')
    expect(cell('campaign-lift-spend-per-member')).toBe('+¥16.00')
    expect(cell('campaign-conversion-recipients-spend')).toBe('¥24,800.00')
    // Done: nothing left to pause, resume or cancel; a refresh still reads it again.
    expect(screen.queryByTestId('campaign-pause')).toBeNull()
    expect(screen.queryByTestId('campaign-resume')).toBeNull()
    expect(screen.queryByTestId('campaign-cancel')).toBeNull()
    fireEvent.click(screen.getByTestId('campaign-refresh'))
    await waitFor(() => expect(calls().filter((call) => call === 'marketing.campaign')).toHaveLength(2))
  })

  it('says the lift waits for both groups', async () => {
    serve(
      campaign({ status: 'sending', holdoutPercent: 0, results: { ...results, heldOut: 0, conversion: { ...results.conversion, holdout: { members: 0, purchases: 0, spendFen: 0 }, lift: null } } }),
    )
    render(<CampaignManager campaignId='cmp-1' segmentId={null} />)
    expect((await screen.findByTestId('campaign-lift-spend-per-member')).textContent).toBe('—')
    expect(screen.getByTestId('campaign-conversion-holdout-spend-per-member').textContent).toBe('—')
    expect(screen.getByTestId('campaign-results').textContent).toContain('收到消息的会员和对照组都有会员后，显示人均提升')
  })

  it('pauses and resumes after a confirmation, and says why it waits', async () => {
    serve(campaign({ status: 'sending', startedAt: '2026-12-01T12:00:00.000Z', waitingUntil: '2026-12-02T01:00:00.000Z', results }), {
      pauseCampaign: { status: 'paused', waitingUntil: null },
      resumeCampaign: { status: 'sending' },
    })
    render(<CampaignManager campaignId='cmp-1' segmentId={null} />)
    expect((await screen.findByTestId('campaign-waiting')).textContent).toBe('静默时段暂停中，将于 2026年12月2日 09:00 继续发送')

    fireEvent.click(screen.getByTestId('campaign-pause'))
    expect((await screen.findByTestId('campaign-resume')).textContent).toBe('继续发送')
    expect(screen.getByTestId('campaign-status').textContent).toBe('已暂停')
    expect(modals.map((modal) => modal.title)).toEqual(['暂停发送'])

    fireEvent.click(screen.getByTestId('campaign-resume'))
    await waitFor(() => expect(screen.getByTestId('campaign-status').textContent).toBe('发送中'))
    expect(server.mock.calls.filter(([, action]) => action.endsWith('Campaign')).map(([, action, payload]) => [action, payload])).toEqual([
      ['pauseCampaign', { id: 'cmp-1' }],
      ['resumeCampaign', { id: 'cmp-1' }],
    ])
  })

  it('is not cancelled when the confirmation is declined', async () => {
    serve(campaign({ status: 'paused', results }))
    render(<CampaignManager campaignId='cmp-1' segmentId={null} />)
    modalAnswer.confirm = false
    fireEvent.click(await screen.findByTestId('campaign-cancel'))
    await act(async () => undefined)
    expect(modals[0].content).toContain('不能恢复')
    expect(calls()).not.toContain('marketing.cancelCampaign')
  })
})
