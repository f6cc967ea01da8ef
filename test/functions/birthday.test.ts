import { dataOf, useLocalCloud } from '../support/localCloud'
import { pointsInvariant, seedMember } from '../support/members'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import type { LedgerRow } from '../../cloudfunctions/shared/data/ledger'
import type { CouponDoc } from '../../cloudfunctions/shared/data/coupons'
import type { BirthdayReport, DailyReport } from '../../cloudfunctions/shared/contract/jobs'
import type { Envelope } from '../../cloudfunctions/shared/contract/errors'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import type { TierId } from '../../cloudfunctions/shared/contract/enums'
import { DEFAULT_RULES } from '../../cloudfunctions/shared/domain/rules'
import { settled, waitFor } from '../support/wait'
import { acceptConsent } from '../support/consent'

const { cloud, as } = useLocalCloud({ maxInstances: 6 })
const server = () => as(null)

/** The daily timer on 22 November: 00:30 in Beijing, 16:30 UTC the day before. */
const RUN_AT = new Date('2026-11-21T16:30:00Z')
const LONG_AGO = new Date('2024-03-01T10:00:00+08:00')

/** A member born on `birthday` who joined long ago, at `tier`. */
function born(openid: string, birthday: string, tier: TierId = 'regular', overrides: Partial<MemberDoc> = {}): MemberDoc {
  return seedMember(cloud(), openid, { profile: { name: openid, gender: 'unknown', birthday, birthdayMD: birthday.slice(5), avatarFileId: null, phone: null }, tier, joinedAt: LONG_AGO, ...overrides })
}

const birthdayRows = (openid?: string) => cloud().db.find('ledger', { reason: { $regex: '^生日礼遇' }, ...(openid ? { openid } : {}) }) as LedgerRow[]
const coupons = (openid?: string) => cloud().db.find('coupons', openid ? { openid } : {}) as CouponDoc[]
const memberDoc = (openid: string) => cloud().db.find('members', { _id: openid })[0] as MemberDoc
const runJob = async (payload: Record<string, unknown> = {}) => dataOf(await server().call('jobs', 'birthdays', payload))

beforeEach(() => {
  cloud().db.clear()
  cloud().reinvocations.length = 0
  cloud().setNow(RUN_AT)
})
afterAll(() => cloud().setNow(null))

describe('who may run it', () => {
  it('members and staff get FORBIDDEN; bad payloads INVALID_INPUT; nothing is issued', async () => {
    born('who-a', '1990-11-22')
    expect(await as('who-a').call('jobs', 'birthdays', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    for (const payload of [{ budgetMs: 10 }, { maxMembers: 0 }, { round: -1 }, { cursor: 'who-a' }, { budgetMs: '1s' }]) {
      expect(await server().call('jobs', 'birthdays', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(birthdayRows()).toHaveLength(0)
    expect(cloud().db.find('job_runs')).toHaveLength(0)
  })
})

describe('jobs.birthdays', () => {
  it('at 16:30 UTC on 21 November serves members born 22 November, each their tier’s perk, with the key birthday:<openid>:<year>', async () => {
    born('nov22-regular', '1990-11-22', 'regular')
    born('nov22-silver', '1985-11-22', 'silver')
    born('nov22-gold', '2000-11-22', 'gold')
    born('nov22-diamond', '1970-11-22', 'diamond')
    born('nov21', '1990-11-21', 'gold')
    born('nov23', '1990-11-23', 'gold')
    const report = await runJob()
    expect(report).toMatchObject({ shopDate: '2026-11-22', served: 4, alreadyServed: 0, ineligible: 0, failed: 0, more: false, cursor: 'nov22-silver' })

    expect(
      birthdayRows()
        .map((row) => [row._id, row.kind, row.delta, row.reason, row.by])
        .sort(),
    ).toEqual([
      ['birthday:nov22-diamond:2026', 'earn', 500, '生日礼遇 2026', 'system'],
      ['birthday:nov22-gold:2026', 'earn', 200, '生日礼遇 2026', 'system'],
      ['birthday:nov22-regular:2026', 'earn', 50, '生日礼遇 2026', 'system'],
      ['birthday:nov22-silver:2026', 'earn', 100, '生日礼遇 2026', 'system'],
    ])
    // Birthday points are an earn lot that expires like any other (end of the 12th month after).
    const lotEnd = new Date('2027-11-30T23:59:59.999+08:00')
    expect(birthdayRows('nov22-gold')[0].expiresAt).toEqual(lotEnd)
    expect(memberDoc('nov22-gold')).toMatchObject({ pointsBalance: 200, lifetimePoints: 200, pointLots: [{ expiresAt: lotEnd, remaining: 200 }], nextExpiryAt: lotEnd })

    const issued = coupons().sort((a, b) => a._id.localeCompare(b._id))
    expect(issued.map((coupon) => [coupon._id, coupon.openid, coupon.title, coupon.kind, coupon.value, coupon.itemName, coupon.minSpendFen, coupon.status, coupon.source])).toEqual([
      ['birthday:nov22-diamond:2026', 'nov22-diamond', '生日 8 折券', 'percent', 20, null, 0, 'available', 'birthday'],
      ['birthday:nov22-gold:2026', 'nov22-gold', '生日蛋糕一份', 'item', 0, '生日蛋糕', 0, 'available', 'birthday'],
      ['birthday:nov22-silver:2026', 'nov22-silver', '生日 ¥10 代金券', 'fixed', 1000, null, 5000, 'available', 'birthday'],
    ])
    for (const coupon of issued) {
      expect(coupon.code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/)
      expect(coupon.validFrom).toEqual(new Date('2026-11-22T00:00:00+08:00'))
      expect(coupon.validUntil).toEqual(new Date('2026-12-21T23:59:59.999+08:00'))
    }
    expect(new Set(issued.map((coupon) => coupon.code)).size).toBe(3)
    for (const openid of ['nov22-regular', 'nov22-silver', 'nov22-gold', 'nov22-diamond', 'nov21']) {
      const invariant = pointsInvariant(cloud(), openid)
      expect(invariant.ledgerSum).toBe(invariant.balance)
      expect(invariant.lotsSum).toBe(invariant.balance)
    }
    expect(cloud().db.find('job_runs', { job: 'birthdays' })).toEqual([expect.objectContaining({ trigger: 'on-demand', report: expect.objectContaining({ served: 4 }) })])
  })

  it('adds the perk to points the member already holds, in the same lots model', async () => {
    const lotEnd = new Date('2027-11-30T23:59:59.999+08:00')
    born('holder', '1990-11-22', 'regular', { pointsBalance: 30, lifetimePoints: 30, pointLots: [{ expiresAt: lotEnd, remaining: 30 }], nextExpiryAt: lotEnd })
    cloud().db.insertMany('ledger', [
      { _id: 'seed:holder', openid: 'holder', kind: 'earn', delta: 30, balanceAfter: 30, reason: '测试', by: 'test', rulesVersion: 1, createdAt: LONG_AGO, expiresAt: lotEnd },
    ])
    await runJob()
    expect(birthdayRows('holder')[0]).toMatchObject({ delta: 50, balanceAfter: 80 })
    expect(memberDoc('holder').pointLots).toEqual([{ expiresAt: lotEnd, remaining: 80 }])
    expect(pointsInvariant(cloud(), 'holder')).toEqual({ balance: 80, ledgerSum: 80, lotsSum: 80, negativeLots: 0 })
  })

  it('run twice: one perk per member; the second run serves nobody', async () => {
    for (let index = 0; index < 15; index++) born(`twice-${String(index).padStart(2, '0')}`, '1990-11-22', index % 2 ? 'silver' : 'regular')
    expect(await runJob()).toMatchObject({ served: 15, more: false })
    expect(await runJob()).toMatchObject({ served: 0, alreadyServed: 0, more: false })
    expect(birthdayRows()).toHaveLength(15)
    expect(coupons()).toHaveLength(7)
    expect(new Set(birthdayRows().map((row) => row._id)).size).toBe(15)
  })

  it('two runs at once: one perk per member, none missed', async () => {
    for (let index = 0; index < 30; index++) born(`race-${String(index).padStart(2, '0')}`, '1990-11-22', index % 3 ? 'gold' : 'regular')
    const reports = (await Promise.all([server().call('jobs', 'birthdays', {}), server().call('jobs', 'birthdays', {})])).map(dataOf)
    expect(reports[0].served + reports[1].served).toBe(30)
    expect(birthdayRows()).toHaveLength(30)
    expect(new Set(birthdayRows().map((row) => row.openid)).size).toBe(30)
    expect(coupons()).toHaveLength(20)
    for (let index = 0; index < 30; index++) {
      const openid = `race-${String(index).padStart(2, '0')}`
      expect(pointsInvariant(cloud(), openid)).toEqual({ balance: index % 3 ? 200 : 50, ledgerSum: index % 3 ? 200 : 50, lotsSum: index % 3 ? 200 : 50, negativeLots: 0 })
    }
  })

  it('a perk whose ledger row or coupon already exists is never issued again, even without the member mark', async () => {
    // As if issued by an earlier deployment that kept no mark on the member: the keys alone must hold.
    const lotEnd = new Date('2027-11-30T23:59:59.999+08:00')
    born('keyed-points', '1990-11-22', 'silver', { pointsBalance: 100, lifetimePoints: 100, pointLots: [{ expiresAt: lotEnd, remaining: 100 }], nextExpiryAt: lotEnd })
    cloud().db.insertMany('ledger', [
      {
        _id: 'birthday:keyed-points:2026',
        openid: 'keyed-points',
        kind: 'earn',
        delta: 100,
        balanceAfter: 100,
        reason: '生日礼遇 2026',
        by: 'system',
        rulesVersion: 1,
        createdAt: RUN_AT,
        expiresAt: lotEnd,
      },
    ])
    born('keyed-coupon', '1990-11-22', 'silver')
    cloud().db.insertMany('coupons', [
      {
        _id: 'birthday:keyed-coupon:2026',
        openid: 'keyed-coupon',
        code: 'ABCDEFGH23',
        title: '生日 ¥10 代金券',
        kind: 'fixed',
        value: 1000,
        itemName: null,
        minSpendFen: 5000,
        validFrom: RUN_AT,
        validUntil: new Date('2026-12-21T23:59:59.999+08:00'),
        status: 'used',
        source: 'birthday',
        usedAt: RUN_AT,
        usedBy: 'x',
        orderNo: null,
        createdAt: RUN_AT,
      },
    ])
    expect(await runJob()).toMatchObject({ served: 0, alreadyServed: 2 })
    // Neither half was added to what existed: the transaction that found a key taken wrote nothing.
    expect(coupons('keyed-points')).toHaveLength(0)
    expect(birthdayRows('keyed-coupon')).toHaveLength(0)
    expect(pointsInvariant(cloud(), 'keyed-points')).toEqual({ balance: 100, ledgerSum: 100, lotsSum: 100, negativeLots: 0 })
    expect(pointsInvariant(cloud(), 'keyed-coupon')).toEqual({ balance: 0, ledgerSum: 0, lotsSum: 0, negativeLots: 0 })
  })

  it('cut off after k members, resumed from its cursor: no doubles, no gaps, hand-over asked for', async () => {
    const ids = Array.from({ length: 10 }, (_, index) => `cut-${String(index).padStart(2, '0')}`)
    for (const openid of ids) born(openid, '1990-11-22')
    born('cut-other-day', '1990-11-23')
    const first = await runJob({ maxMembers: 4 })
    expect(first).toMatchObject({ served: 4, more: true, cursor: 'cut-03' })
    expect(cloud().reinvocations).toEqual([{ fn: 'jobs', event: { action: 'birthdays', payload: { budgetMs: 45_000, maxMembers: 4, round: 1 } }, at: expect.any(String) }])
    // What the hand-over asks for, run by hand: it resumes after cut-03.
    const second = dataOf((await server().raw('jobs', cloud().reinvocations[0].event)) as Envelope<BirthdayReport>)
    expect(second).toMatchObject({ served: 4, alreadyServed: 0, more: true, cursor: 'cut-07' })
    const third = await runJob()
    expect(third).toMatchObject({ served: 2, alreadyServed: 0, more: false, cursor: 'cut-09' })
    expect(
      birthdayRows()
        .map((row) => row.openid)
        .sort(),
    ).toEqual(ids)
    expect(await runJob()).toMatchObject({ served: 0, more: false, cursor: 'cut-09' })
  })

  it('on 28 February of a common year, a cut-off run resumes across both walks (28th and 29th) without gaps', async () => {
    const ids = Array.from({ length: 12 }, (_, index) => `leap-${String(index).padStart(2, '0')}`)
    ids.forEach((openid, index) => born(openid, index % 2 ? '1988-02-29' : '1990-02-28'))
    cloud().setNow(new Date('2027-02-28T00:30:00+08:00'))
    expect(await runJob({ maxMembers: 5 })).toMatchObject({ served: 5, more: true, cursor: 'leap-04' })
    expect(await runJob({ maxMembers: 5 })).toMatchObject({ served: 5, alreadyServed: 0, more: true, cursor: 'leap-09' })
    expect(await runJob({ maxMembers: 5 })).toMatchObject({ served: 2, alreadyServed: 0, more: false, cursor: 'leap-11' })
    expect(
      birthdayRows()
        .map((row) => row._id)
        .sort(),
    ).toEqual(ids.map((openid) => `birthday:${openid}:2027`))
  })

  it('an instance killed mid-run (a timeout) loses nothing: the next run serves the rest, each once', async () => {
    const ids = Array.from({ length: 60 }, (_, index) => `kill-${String(index).padStart(2, '0')}`)
    for (const openid of ids) born(openid, '1990-11-22', 'silver')
    const running = cloud().call('jobs', { action: 'birthdays', payload: {} }, {})
    await waitFor(() => birthdayRows().length >= 10)
    cloud().runner.kill('jobs')
    await expect(running).rejects.toMatchObject({ errCode: -504002 })
    // Transactions already at commit may still land; wait until the store stops changing.
    await settled(() => birthdayRows().length)
    const before = birthdayRows().length
    expect(before).toBeLessThan(60)
    expect(cloud().db.find('job_runs', { job: 'birthdays' })).toHaveLength(0)
    const report = await runJob()
    expect(report.served).toBe(60 - before)
    expect(birthdayRows()).toHaveLength(60)
    expect(coupons()).toHaveLength(60)
    for (const openid of ids) expect(pointsInvariant(cloud(), openid)).toEqual({ balance: 100, ledgerSum: 100, lotsSum: 100, negativeLots: 0 })
  })

  it('a run resumes after the cursor only on the same shop date; the next day starts afresh', async () => {
    born('day-a', '1990-11-22')
    born('day-b', '1990-11-23')
    expect(await runJob()).toMatchObject({ served: 1, cursor: 'day-a' })
    cloud().setNow(new Date('2026-11-22T16:30:00Z'))
    expect(await runJob()).toMatchObject({ shopDate: '2026-11-23', served: 1, cursor: 'day-b' })
  })

  it.each([
    ['2027-02-28 (a common year) serves 28 and 29 February births', '2027-02-28T00:30:00+08:00', ['feb28', 'feb29'], 2027],
    ['2028-02-28 (a leap year) serves only 28 February', '2028-02-28T00:30:00+08:00', ['feb28'], 2028],
    ['2028-02-29 serves 29 February', '2028-02-29T00:30:00+08:00', ['feb29'], 2028],
  ])('%s', async (_label, at, expected, year) => {
    born('feb28', '1990-02-28')
    born('feb29', '1988-02-29')
    born('mar01', '1990-03-01')
    cloud().setNow(new Date(at))
    expect(await runJob()).toMatchObject({ served: expected.length })
    expect(
      birthdayRows()
        .map((row) => row._id)
        .sort(),
    ).toEqual(expected.map((openid) => `birthday:${openid}:${year}`))
  })

  it('a member who joined after this year’s birthday gets nothing retroactively', async () => {
    // Born 20 November, joined on the 21st: no run on any later day looks back.
    born('late-joiner', '1990-11-20', 'gold', { joinedAt: new Date('2026-11-21T10:00:00+08:00') })
    // A record whose join date is after today (say, corrected by hand) is not served early either.
    born('future-join', '1990-11-22', 'gold', { joinedAt: new Date('2026-11-23T10:00:00+08:00') })
    for (let day = 21; day <= 30; day++) {
      cloud().setNow(new Date(`2026-11-${day}T00:30:00+08:00`))
      await runJob()
    }
    expect(birthdayRows()).toHaveLength(0)
    expect(coupons()).toHaveLength(0)
    cloud().setNow(new Date('2027-11-20T00:30:00+08:00'))
    expect(await runJob()).toMatchObject({ served: 1 })
    expect(birthdayRows('late-joiner').map((row) => row._id)).toEqual(['birthday:late-joiner:2027'])
  })

  it('skips removed members', async () => {
    born('removed', '1990-11-22', 'gold', { removedAt: new Date('2026-10-01T00:00:00+08:00') })
    expect(await runJob()).toMatchObject({ served: 0, ineligible: 1 })
    expect(birthdayRows()).toHaveLength(0)
  })

  it('points-only and coupon-only perks both work', async () => {
    const tiers = DEFAULT_RULES.tiers.tiers.map((tier) =>
      tier.id === 'regular'
        ? { ...tier, birthdayPerk: { points: 0, coupon: { title: '生日饮品券', kind: 'item' as const, value: 0, itemName: '饮品', minSpendFen: 0, validDays: 7 } } }
        : tier.id === 'silver'
          ? { ...tier, birthdayPerk: { points: 88, coupon: null } }
          : tier,
    )
    cloud().db.insertMany('rules', [{ _id: 'active', ...DEFAULT_RULES, version: 2, tiers: { ...DEFAULT_RULES.tiers, tiers } }])
    // A fresh day, so no instance answers from its cached rules.
    cloud().setNow(new Date('2026-11-24T00:30:00+08:00'))
    born('coupon-only', '1990-11-24', 'regular')
    born('points-only', '1990-11-24', 'silver')
    expect(await runJob()).toMatchObject({ served: 2 })
    expect(birthdayRows('coupon-only')).toHaveLength(0)
    expect(coupons('coupon-only')).toEqual([expect.objectContaining({ _id: 'birthday:coupon-only:2026', title: '生日饮品券', validUntil: new Date('2026-11-30T23:59:59.999+08:00') })])
    expect(memberDoc('coupon-only').pointsBalance).toBe(0)
    expect(birthdayRows('points-only')).toEqual([expect.objectContaining({ delta: 88, rulesVersion: 2 })])
    expect(coupons('points-only')).toHaveLength(0)
    expect(await runJob()).toMatchObject({ served: 0 })
    expect(coupons('coupon-only')).toHaveLength(1)
  })
})

describe('the birthday message', () => {
  it('lands in the outbox for a member who consented, and not for one who did not', async () => {
    born('msg-yes', '1990-11-22', 'silver')
    born('msg-no', '1990-11-22', 'silver')
    await acceptConsent(cloud(), 'msg-yes', [SUBSCRIBE_TEMPLATES.birthdayPerk])
    const before = cloud().outbox.sent.length
    await runJob()
    const sent = cloud().outbox.sent.slice(before)
    expect(sent).toEqual([
      expect.objectContaining({
        touser: 'msg-yes',
        templateId: SUBSCRIBE_TEMPLATES.birthdayPerk,
        page: 'pages/card/index',
        data: { thing1: { value: '100积分 + 生日 ¥10 代金券' }, time2: { value: '2026年12月21日 23:59' } },
      }),
    ])
    // Both got the perk; only the message depends on consent.
    expect(birthdayRows()).toHaveLength(2)
    // A repeat run sends nothing more, even with consent left.
    await acceptConsent(cloud(), 'msg-yes', [SUBSCRIBE_TEMPLATES.birthdayPerk])
    await runJob()
    expect(cloud().outbox.sent.slice(before)).toHaveLength(1)
  })
})

describe('joining on the birthday', () => {
  const form = (birthday: string) => ({ name: '生日新会员', birthday, gender: 'female' })

  it('gives the perk at once (Beijing date), and the job later does not double it', async () => {
    // 17:00 UTC on the 21st is 01:00 on 22 November in Beijing: after the 00:30 run.
    cloud().setNow(new Date('2026-11-21T17:00:00Z'))
    expect(await runJob()).toMatchObject({ served: 0 })
    // The join tap's consent dialog: WeChat grants it, and the join carries the answer (there is no member to report it to yet).
    cloud().outbox.grant('join-bday', [SUBSCRIBE_TEMPLATES.birthdayPerk])
    const card = dataOf(await as('join-bday').call('member', 'join', { ...form('1995-11-22'), consent: { [SUBSCRIBE_TEMPLATES.birthdayPerk]: 'accept' } }))
    expect(card.pointsBalance).toBe(50)
    expect(birthdayRows('join-bday').map((row) => [row._id, row.delta])).toEqual([['birthday:join-bday:2026', 50]])
    expect(cloud().outbox.sent.filter((message) => message.touser === 'join-bday')).toHaveLength(1)
    // Joining again (a retried tap) and the job later the same day change nothing.
    expect(dataOf(await as('join-bday').call('member', 'join', form('1995-11-22'))).pointsBalance).toBe(50)
    cloud().setNow(new Date('2026-11-22T12:00:00+08:00'))
    expect(await runJob()).toMatchObject({ served: 0 })
    expect(birthdayRows('join-bday')).toHaveLength(1)
    expect(pointsInvariant(cloud(), 'join-bday')).toEqual({ balance: 50, ledgerSum: 50, lotsSum: 50, negativeLots: 0 })
  })

  it('a join racing the job still gives one perk', async () => {
    cloud().setNow(new Date('2026-11-22T00:30:00+08:00'))
    const [card] = await Promise.all([as('join-race').call('member', 'join', form('1995-11-22')), runJob(), runJob()])
    expect(card.ok).toBe(true)
    await runJob()
    expect(birthdayRows('join-race')).toHaveLength(1)
    expect(pointsInvariant(cloud(), 'join-race').balance).toBe(50)
  })

  it('joining the day after the birthday gives nothing', async () => {
    cloud().setNow(new Date('2026-11-23T10:00:00+08:00'))
    const card = dataOf(await as('join-late').call('member', 'join', form('1995-11-22')))
    expect(card.pointsBalance).toBe(0)
    expect(birthdayRows('join-late')).toHaveLength(0)
    expect(coupons('join-late')).toHaveLength(0)
  })

  it('a 29 February birthday joining on 28 February of a common year gets it that day', async () => {
    cloud().setNow(new Date('2027-02-28T15:00:00+08:00'))
    expect(dataOf(await as('join-leap').call('member', 'join', form('2004-02-29'))).pointsBalance).toBe(50)
    expect(birthdayRows('join-leap').map((row) => row._id)).toEqual(['birthday:join-leap:2027'])
  })
})

describe('in the daily timer', () => {
  it('runs first and records its run like the other steps', async () => {
    born('daily-a', '1990-11-22', 'silver')
    born('daily-b', '1990-11-22')
    const envelope = (await cloud().runTimer('jobs', 'daily')) as Envelope<DailyReport>
    const report = dataOf(envelope)
    expect(report.birthdays).toMatchObject({ shopDate: '2026-11-22', served: 2, more: false })
    expect(cloud().db.find('job_runs', { job: 'birthdays' })).toEqual([expect.objectContaining({ trigger: 'daily', report: expect.objectContaining({ served: 2, cursor: 'daily-b' }) })])
    expect(birthdayRows()).toHaveLength(2)
    expect(coupons('daily-a')).toHaveLength(1)
    // Fired again the same day (a retried timer): nobody is served twice.
    expect(dataOf((await cloud().runTimer('jobs', 'daily')) as Envelope<DailyReport>).birthdays).toMatchObject({ served: 0 })
    expect(birthdayRows()).toHaveLength(2)
  })
})
