import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, seedMember, seedStaff } from '../support/members'
import { draftOf, DEFAULT_RULES } from '../../cloudfunctions/shared/domain/rules'
import { monthKey } from '../../cloudfunctions/shared/domain/tiers'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import type { RulesDraft } from '../../cloudfunctions/shared/contract/tiers'
import { acceptConsent } from '../support/consent'

const { cloud, as } = useLocalCloud()
const accrue = (openid: string, orderNo: string, amount: number) => as('cashier-1').call('points', 'accrue', { memberCode: memberCodeOf(cloud(), openid), storeId: 'store-001', orderNo, amount })
const defaults = (): RulesDraft => draftOf(DEFAULT_RULES)

beforeAll(() => seedStaff(cloud(), { 'owner-1': 'owner', 'cashier-1': 'cashier', 'admin-1': 'admin' }))

describe('upgrades at the till', () => {
  it('an accrual that crosses 银卡 upgrades in the same transaction, records why, and messages the member', async () => {
    seedMember(cloud(), 'climber')
    await acceptConsent(cloud(), 'climber', [SUBSCRIBE_TEMPLATES.tierChange])
    dataOf(await accrue('climber', 'UP1', 600))
    expect(dataOf(await as('climber').call('tiers', 'status', {}))).toMatchObject({ tier: 'regular', progressText: '再消费 ¥400 升级银卡', progressRatio: 0.6 })
    const crossing = dataOf(await accrue('climber', 'UP2', 450))
    expect(crossing.tierChange).toEqual({ from: 'regular', to: 'silver', toName: '银卡' })
    const status = dataOf(await as('climber').call('tiers', 'status', {}))
    expect(status).toMatchObject({ tier: 'silver', tierName: '银卡', figure: 105_000, progressText: '再消费 ¥3,950 升级金卡' })
    expect(status.tierUntil).not.toBeNull()
    const [change] = cloud().db.find('tier_changes', { openid: 'climber' })
    expect(change).toMatchObject({ from: 'regular', to: 'silver', reason: 'upgrade', figure: 105_000, rulesVersion: 1 })
    expect(cloud().outbox.sent.filter((message) => message.touser === 'climber')).toEqual([
      expect.objectContaining({ templateId: SUBSCRIBE_TEMPLATES.tierChange, data: expect.objectContaining({ phrase2: { value: '银卡' } }) }),
    ])
    // The silver multiplier (×1.2) applies from the next purchase on.
    expect(dataOf(await accrue('climber', 'UP3', 100)).pointsEarned).toBe(120)
  })

  it('skips tiers when one purchase crosses several thresholds', async () => {
    seedMember(cloud(), 'big-spender')
    expect(dataOf(await accrue('big-spender', 'BIG1', 25_000)).tierChange).toMatchObject({ from: 'regular', to: 'diamond' })
    expect(dataOf(await as('big-spender').call('tiers', 'status', {})).progressText).toBe('已是最高等级')
  })

  it('two concurrent accruals crossing the threshold upgrade once', async () => {
    seedMember(cloud(), 'racer', { activity: { [monthKey(new Date())]: { spendFen: 95_000, points: 950 } } })
    const answers = await Promise.all([accrue('racer', 'RC1', 60), accrue('racer', 'RC2', 70), accrue('racer', 'RC3', 80)])
    expect(answers.every((answer) => answer.ok)).toBe(true)
    expect(cloud().db.find('tier_changes', { openid: 'racer' })).toHaveLength(1)
    expect(cloud().db.find('members', { _id: 'racer' })[0].tier).toBe('silver')
  })
})

describe('benefits at the till', () => {
  it('shows the cashier the discount of the member’s tier', async () => {
    const gold = seedMember(cloud(), 'gold-at-till', { tier: 'gold' })
    expect(dataOf(await as('cashier-1').call('member', 'lookup', { cardNo: gold.cardNo }))).toMatchObject({ tier: 'gold', tierName: '金卡', discountPercent: 5 })
  })
})

describe('rules drafts', () => {
  it.each([
    ['thresholds not increasing', (draft: RulesDraft) => void (draft.tiers[2].threshold = draft.tiers[1].threshold), 'draft.tiers.2.threshold'],
    ['a multiplier over 10', (draft: RulesDraft) => void (draft.tiers[1].pointsMultiplier = 11), 'draft.tiers.1.pointsMultiplier'],
    ['a discount over 50 %', (draft: RulesDraft) => void (draft.tiers[3].discountPercent = 60), 'draft.tiers.3.discountPercent'],
    ['a name over 8 characters', (draft: RulesDraft) => void (draft.tiers[0].name = '普通会员等级一二三'), 'draft.tiers.0.name'],
    ['a lowest threshold above 0', (draft: RulesDraft) => void (draft.tiers[0].threshold = 5), 'draft.tiers.0.threshold'],
  ])('refuses %s with INVALID_INPUT naming the field, and writes nothing', async (_label, spoil, field) => {
    const draft = defaults()
    spoil(draft)
    const envelope = await as('owner-1').call('tiers', 'publish', { draft, explanation: '测试无效草稿' })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    if (!envelope.ok) expect(envelope.error.fields?.map((issue) => issue.path)).toContain(field)
    expect(cloud().db.find('rules')).toHaveLength(0)
  })

  it.each([
    ['a cashier', 'cashier-1'],
    ['a member', 'climber'],
  ])('forbids %s from previewing or publishing', async (_label, caller) => {
    expect(await as(caller).call('tiers', 'preview', { draft: defaults() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await as(caller).call('tiers', 'publish', { draft: defaults(), explanation: '我来改规则' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
