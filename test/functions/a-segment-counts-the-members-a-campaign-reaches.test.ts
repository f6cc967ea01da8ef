/**
 * Segments through the emulator, on members classified by the real daily sweep (the marketing timer
 * at 10:00 on 2 December 2026, Beijing): the editor's count is the members the filter's conditions
 * accept in memory, and a campaign sent to the segment saved with that filter targets exactly them,
 * each with one recorded outcome. Bad filters are refused on their field with nothing written; only
 * the marketing staff, admins and the owner may work with segments and campaigns; bulk tagging tags
 * exactly the segment's members.
 */
import type { SegmentFilter } from '../../cloudfunctions/shared/contract/marketingFields'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import type { TierId } from '../../cloudfunctions/shared/contract/enums'
import type { DeliveryDoc } from '../../cloudfunctions/shared/data/deliveries'
import type { CampaignDoc } from '../../cloudfunctions/shared/domain/campaign'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import { recordPurchase } from '../../cloudfunctions/shared/domain/rfm'
import { compileSegment, matches } from '../../cloudfunctions/shared/domain/segments'
import { recordActivity, type MonthlyActivity } from '../../cloudfunctions/shared/domain/tiers'
import { acceptConsent } from '../support/consent'
import { dataOf, useLocalCloud } from '../support/localCloud'
import { seedMember, seedStaff } from '../support/members'

const { cloud, as } = useLocalCloud({ maxInstances: 4 })

const NOW = new Date('2026-12-02T10:00:00+08:00')
const DAY = 24 * 60 * 60 * 1000
const ago = (days: number) => new Date(NOW.getTime() - days * DAY)
const ACTIVITY_TEMPLATE = SUBSCRIBE_TEMPLATES.campaignActivity
const STAFF = { 'seg-owner': 'owner', 'seg-admin': 'admin', 'seg-marketing': 'marketing', 'seg-cashier': 'cashier' } as const
const MARKETING = 'seg-marketing'
const A_MEMBER = 'seg-a-plain-member'

/** Each RFM class as the shop sees it: when they joined, and each purchase (days ago, yuan). */
const PROFILES = [
  { rfm: 'new', joined: 10, purchases: [] },
  { rfm: 'new', joined: 20, purchases: [{ days: 3, yuan: 88 }] },
  {
    rfm: 'active',
    joined: 300,
    purchases: [
      { days: 40, yuan: 120 },
      { days: 5, yuan: 60 },
    ],
  },
  {
    rfm: 'active',
    joined: 500,
    purchases: [
      { days: 70, yuan: 30 },
      { days: 20, yuan: 45 },
      { days: 2, yuan: 150 },
    ],
  },
  { rfm: 'regular', joined: 200, purchases: [{ days: 35, yuan: 99 }] },
  { rfm: 'regular', joined: 60, purchases: [] },
  {
    rfm: 'atRisk',
    joined: 300,
    purchases: [
      { days: 80, yuan: 70 },
      { days: 50, yuan: 80 },
    ],
  },
  { rfm: 'dormant', joined: 400, purchases: [{ days: 120, yuan: 200 }] },
  { rfm: 'dormant', joined: 100, purchases: [] },
] as const
const TIERS: TierId[] = ['regular', 'silver', 'gold', 'diamond']
const TAGS = [['咖啡控'], ['咖啡控', '会员日'], []]
const CROWD = 36

interface Seeded {
  openid: string
  rfm: string
}

/** 36 members, four of each profile, across tiers, tags, birthdays and stores; and two removed ones. */
async function seedCrowd(): Promise<Seeded[]> {
  const seeded: Seeded[] = []
  for (let n = 0; n < CROWD + 2; n++) {
    const profile = PROFILES[n % PROFILES.length]
    const removed = n >= CROWD
    const openid = removed ? `seg-removed-${n}` : `seg-m-${String(n).padStart(2, '0')}`
    // Each a few minutes apart, never near a day boundary of any filter.
    const times = profile.purchases.map((purchase) => ({ at: new Date(ago(purchase.days).getTime() + n * 60_000), fen: purchase.yuan * 100 }))
    const memory = times.reduce<Pick<MemberDoc, 'lastPurchaseAt' | 'recentPurchases'>>((state, { at }) => recordPurchase(state, at), { recentPurchases: [] })
    const activity = times.reduce<MonthlyActivity>((months, { at, fen }) => recordActivity(months, at, fen, fen / 100, NOW, 1), {})
    const month = String((n % 12) + 1).padStart(2, '0')
    seedMember(cloud(), openid, {
      joinedAt: new Date(ago(profile.joined).getTime() + n * 60_000),
      ...(times.length ? memory : {}),
      activity,
      tier: TIERS[n % TIERS.length],
      tags: [...TAGS[n % TAGS.length]],
      profile: { name: `分群会员${n}`, gender: 'unknown', birthday: `1990-${month}-15`, birthdayMD: `${month}-15`, avatarFileId: null, phone: null },
      source: { store: n % 5 === 0 ? 'store-002' : 'store-001', referrer: null, scene: null },
      ...(removed ? { removedAt: ago(1) } : {}),
    })
    if (!removed) seeded.push({ openid, rfm: profile.rfm })
    // Most accept the campaign template three times; every seventh opts out of campaigns.
    if (n % 4 !== 0) await acceptConsent(cloud(), openid, [ACTIVITY_TEMPLATE, ACTIVITY_TEMPLATE, ACTIVITY_TEMPLATE])
    if (n % 7 === 3 && !removed) dataOf(await as(openid).call('marketing', 'setOptOut', { purpose: 'campaignActivity', optedOut: true }))
  }
  return seeded
}

const members = () => cloud().db.find('members', {}) as unknown as Array<MemberDoc & Record<string, unknown>>
/** The members a filter's conditions accept in memory, by openid. */
const matching = (filter: SegmentFilter) =>
  members()
    .filter((member) => matches(member, compileSegment(filter, NOW)))
    .map((member) => member._id)
    .sort()
const count = async (filter: SegmentFilter, openid: string = MARKETING) => dataOf(await as(openid).call('marketing', 'countSegment', { filter })).members
const save = async (name: string, filter: SegmentFilter) => dataOf(await as(MARKETING).call('marketing', 'saveSegment', { name, filter }))
const tick = async () => dataOf(await as(null).call('marketing', 'tick', {}))
const texts = { title: '会员日', body: '本周六全场咖啡第二杯半价', tip: '点击查看详情' }
const campaignDoc = (id: string) => cloud().db.find('campaigns', { _id: id })[0] as unknown as CampaignDoc
const deliveriesOf = (id: string) => cloud().db.find('deliveries', { campaignId: id }) as unknown as DeliveryDoc[]

const FILTERS: Array<[string, SegmentFilter]> = [
  ['everyone', {}],
  ['at risk or dormant', { rfm: ['atRisk', 'dormant'] }],
  ['gold and diamond who bought within 60 days', { tiers: ['gold', 'diamond'], purchasedWithinDays: 60 }],
  ['no purchase for 90 days, the never-bought included', { notPurchasedForDays: 90 }],
  ['spent ¥100–¥200 over 12 months', { spendMinFen: 10_000, spendMaxFen: 20_000 }],
  ['two purchases or more over 12 months', { purchasesMin: 2 }],
  ['at most one purchase', { purchasesMax: 1 }],
  ['born in March', { birthdayMonth: 3 }],
  ['joined within 30 days', { joinedWithinDays: 30 }],
  ['joined at store-002', { store: 'store-002' }],
  ['coffee lovers on member day', { tags: ['咖啡控', '会员日'] }],
  ['active or new coffee lovers at store-001 in silver and up', { rfm: ['active', 'new'], tags: ['咖啡控'], store: 'store-001', tiers: ['silver', 'gold', 'diamond'] }],
]

let crowd: Seeded[] = []

beforeAll(async () => {
  cloud().setNow(NOW)
  seedStaff(cloud(), STAFF)
  crowd = await seedCrowd()
  // The marketing timer's daily classification, as it runs from 01:00.
  const report = await tick()
  expect(report.rfm).toEqual({ classified: CROWD + 2, changed: CROWD + 2, done: true })
})
afterAll(() => cloud().setNow(null))

describe('the daily classification', () => {
  it('puts each member in the class their joining and purchases make, and the removed in none', async () => {
    const byId = new Map(members().map((member) => [member._id, member]))
    expect(crowd.map(({ openid }) => [openid, byId.get(openid)?.rfm])).toEqual(crowd.map(({ openid, rfm }) => [openid, rfm]))
    for (const member of members().filter((each) => each.removedAt)) expect(member.rfm).toBeNull()
    // The never-bought are written as 1970, so "no purchase for N days" finds them on one index.
    expect(byId.get('seg-m-00')?.lastPurchaseAt).toEqual(new Date(0))
    expect(byId.get('seg-m-03')?.seg).toEqual({ spend12mFen: 22_500, purchases12m: 3 })
    const overview = dataOf(await as(MARKETING).call('marketing', 'rfmOverview', {}))
    expect(Object.fromEntries(overview.classes.map((each) => [each.rfm, each.members]))).toEqual({ new: 8, active: 8, regular: 8, atRisk: 4, dormant: 8 })
    expect(overview.computedAt).not.toBeNull()
  })
})

describe('countSegment', () => {
  it.each(FILTERS)('%s: counts the members the conditions accept in memory', async (_name, filter) => {
    const expected = matching(filter)
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.every((openid) => !openid.startsWith('seg-removed'))).toBe(true)
    expect(await count(filter)).toBe(expected.length)
  })

  it('counts everyone but the removed for an empty filter, and no more for an impossible one', async () => {
    expect(await count({})).toBe(CROWD)
    expect(await count({ rfm: ['new'], joinedWithinDays: 1 })).toBe(0)
  })
})

describe('a campaign sent to a saved segment', () => {
  const SENT = FILTERS.filter(([name]) =>
    [
      'at risk or dormant',
      'no purchase for 90 days, the never-bought included',
      'two purchases or more over 12 months',
      'coffee lovers on member day',
      'active or new coffee lovers at store-001 in silver and up',
    ].includes(name),
  )

  it('targets exactly the members the segment counts, each with one recorded outcome: sent, held out, no consent, opted out or capped', async () => {
    const started: Array<{ id: string; filter: SegmentFilter; counted: number }> = []
    for (const [name, filter] of SENT) {
      const saved = await save(name.slice(0, 20), filter)
      expect(saved.members).toBe(matching(filter).length)
      const campaign = dataOf(await as(MARKETING).call('marketing', 'createCampaign', { name: name.slice(0, 30), segmentId: saved.id, template: 'campaignActivity', texts }))
      expect(dataOf(await as(MARKETING).call('marketing', 'startCampaign', { id: campaign.id })).status).toBe('sending')
      started.push({ id: campaign.id, filter, counted: saved.members })
    }
    const report = await tick()
    expect(report.campaigns.map((each) => each.status)).toEqual(SENT.map(() => 'done'))

    const outcomes = new Set<string>()
    for (const { id, filter, counted } of started) {
      const results = dataOf(await as(MARKETING).call('marketing', 'campaign', { id })).results
      const deliveries = deliveriesOf(id)
      expect(results.targeted).toBe(counted)
      expect(deliveries).toHaveLength(counted)
      expect(deliveries.map((delivery) => delivery.openid).sort()).toEqual(matching(filter))
      for (const delivery of deliveries) {
        expect(['sent', 'heldOut', 'noConsent', 'optedOut', 'capped']).toContain(delivery.status)
        outcomes.add(delivery.status)
      }
      const byStatus = (status: string) => deliveries.filter((delivery) => delivery.status === status).length
      expect(results).toMatchObject({
        sent: byStatus('sent'),
        heldOut: byStatus('heldOut'),
        noConsent: byStatus('noConsent'),
        optedOut: byStatus('optedOut'),
        capped: byStatus('capped'),
        failed: 0,
        pending: 0,
      })
      expect(results.sent + results.heldOut + results.noConsent + results.optedOut + results.capped).toBe(counted)
      // One message per member sent to, none to anyone else.
      const messaged = cloud()
        .outbox.sent.filter((message) => message.page?.includes(`campaign=${id}`))
        .map((message) => message.touser)
        .sort()
      expect(messaged).toEqual(
        deliveries
          .filter((delivery) => delivery.status === 'sent')
          .map((delivery) => delivery.openid)
          .sort(),
      )
      expect(campaignDoc(id).status).toBe('done')
    }
    // The fixture reaches every outcome: consent, opt-outs, the holdout and the cap of 2 a week.
    expect([...outcomes].sort()).toEqual(['capped', 'heldOut', 'noConsent', 'optedOut', 'sent'])
    expect(await tick()).toMatchObject({ campaigns: [] })
  })
})

describe('bad filters', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['a spend ceiling below its floor', 'filter.spendMaxFen', { spendMinFen: 50_000, spendMaxFen: 10_000 }],
    ['a purchase ceiling below its floor', 'filter.purchasesMax', { purchasesMin: 5, purchasesMax: 2 }],
    ['a 13th month', 'filter.birthdayMonth', { birthdayMonth: 13 }],
    ['month 0', 'filter.birthdayMonth', { birthdayMonth: 0 }],
    ['an unknown key', 'filter.vip', { vip: true }],
    ['a query operator smuggled in', 'filter.$where', { tiers: ['gold'], $where: 'this.pointsBalance > 0' }],
    ['an unknown class', 'filter.rfm.0', { rfm: ['loyal'] }],
  ])('%s: INVALID_INPUT on %s, nothing saved', async (_case, field, filter) => {
    for (const [action, payload] of [
      ['countSegment', { filter }],
      ['saveSegment', { name: '坏分群', filter }],
    ] as const) {
      const answer = await as(MARKETING).call('marketing', action, payload)
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      if (!answer.ok) expect(answer.error.fields?.map((issue) => issue.path)).toEqual([field])
    }
    expect(cloud().db.find('segments', { name: '坏分群' })).toEqual([])
  })
})

describe('who may work with segments and campaigns', () => {
  it('the marketing staff, admins and the owner; a cashier or a member is FORBIDDEN and changes nothing', async () => {
    const segment = await save('权限测试', { rfm: ['dormant'] })
    const draft = dataOf(await as(MARKETING).call('marketing', 'createCampaign', { name: '权限测试', segmentId: segment.id, template: 'campaignActivity', texts }))
    const segmentsBefore = cloud().db.find('segments', {}).length
    const campaignsBefore = cloud().db.find('campaigns', {}).length
    for (const openid of ['seg-cashier', A_MEMBER, 'seg-m-01']) {
      expect(await as(openid).call('marketing', 'countSegment', { filter: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await as(openid).call('marketing', 'saveSegment', { name: '越权', filter: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await as(openid).call('marketing', 'tagSegment', { id: segment.id, tag: '越权' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await as(openid).call('marketing', 'createCampaign', { name: '越权', segmentId: segment.id, template: 'campaignActivity', texts })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
      expect(await as(openid).call('marketing', 'startCampaign', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await as(openid).call('marketing', 'tick', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(cloud().db.find('segments', {})).toHaveLength(segmentsBefore)
    expect(cloud().db.find('campaigns', {})).toHaveLength(campaignsBefore)
    expect(campaignDoc(draft.id).status).toBe('draft')
    expect(members().filter((member) => member.tags.includes('越权'))).toEqual([])

    for (const openid of ['seg-owner', 'seg-admin', MARKETING]) expect(await count({ rfm: ['dormant'] }, openid)).toBe(matching({ rfm: ['dormant'] }).length)
    const byAdmin = dataOf(
      await as('seg-admin').call('marketing', 'createCampaign', { name: '管理员的活动', segmentId: segment.id, template: 'campaignActivity', texts, sendAt: '2026-12-20T10:00:00+08:00' }),
    )
    expect(dataOf(await as('seg-owner').call('marketing', 'startCampaign', { id: byAdmin.id })).status).toBe('scheduled')
    dataOf(await as(MARKETING).call('marketing', 'cancelCampaign', { id: byAdmin.id }))
  })
})

describe('tagSegment', () => {
  it('tags exactly the segment’s members, once each, and takes the tag off them again', async () => {
    const filter: SegmentFilter = { rfm: ['atRisk', 'dormant'] }
    const expected = matching(filter)
    // The dormant at store-002 are tagged first: they keep one copy and are not counted as changed again.
    const first = await save('沉睡·二店', { rfm: ['dormant'], store: 'store-002' })
    const already = matching({ rfm: ['dormant'], store: 'store-002' })
    expect(already.length).toBeGreaterThan(0)
    expect(dataOf(await as(MARKETING).call('marketing', 'tagSegment', { id: first.id, tag: '回访' })).members).toBe(already.length)
    const segment = await save('回访名单', filter)
    const before = new Map(members().map((member) => [member._id, member.tags.filter((tag) => tag !== '回访')]))

    const tagged = dataOf(await as(MARKETING).call('marketing', 'tagSegment', { id: segment.id, tag: '回访' }))
    expect(tagged).toEqual({ tag: '回访', removed: false, members: expected.length - already.length })
    const carrying = members()
      .filter((member) => member.tags.includes('回访'))
      .map((member) => member._id)
      .sort()
    expect(carrying).toEqual(expected)
    for (const member of members()) expect(member.tags).toEqual(expected.includes(member._id) ? [...before.get(member._id)!, '回访'] : before.get(member._id))
    // The removed carry no class: no segment tags them.
    expect(members().filter((member) => member.removedAt && member.tags.includes('回访'))).toEqual([])
    // A segment on the tag now counts the same members.
    expect(await count({ tags: ['回访'] })).toBe(expected.length)

    const untagged = dataOf(await as(MARKETING).call('marketing', 'tagSegment', { id: segment.id, tag: '回访', remove: true }))
    expect(untagged).toEqual({ tag: '回访', removed: true, members: expected.length })
    expect(members().filter((member) => member.tags.includes('回访'))).toEqual([])
    for (const member of members()) expect(member.tags).toEqual(before.get(member._id))
  })

  it('refuses to add the tag a segment is defined by, and an unknown segment', async () => {
    const segment = await save('咖啡控', { tags: ['咖啡控'] })
    expect(await as(MARKETING).call('marketing', 'tagSegment', { id: segment.id, tag: '咖啡控' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'tag' }] } })
    expect(await as(MARKETING).call('marketing', 'tagSegment', { id: 'S-missing', tag: '新标签' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(members().filter((member) => member.tags.includes('新标签'))).toEqual([])
  })
})
